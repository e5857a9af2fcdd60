/**
 * Jira REST calls, one method per operation, hiding the Cloud (REST v3, cursor search) versus
 * Server/Data Center (REST v2, offset search) split from the tools.
 */
import type { Platform } from '../../config/schema.js';
import type { AtlassianHttp } from '../http.js';
import { JiraForms, type FormsHttpFactory } from './forms.js';
import type { RawComment, RawIssue, RawUser } from './issue.js';
import { segment } from '../path.js';

/** Fields fetched when a caller names none: everything the compact issue view shows. */
export const DEFAULT_ISSUE_FIELDS = [
  'summary',
  'status',
  'issuetype',
  'priority',
  'assignee',
  'reporter',
  'created',
  'updated',
  'duedate',
  'resolution',
  'labels',
  'components',
  'fixVersions',
  'project',
  'parent',
  'description',
  'comment',
] as const;

export const SEARCH_FIELDS = ['summary', 'status', 'issuetype', 'priority', 'assignee', 'updated', 'created', 'labels'] as const;

export interface RawTransition {
  id: string;
  name: string;
  to?: { name?: string; statusCategory?: { name?: string } };
  fields?: Record<string, { required?: boolean; name?: string; schema?: { type?: string }; allowedValues?: Array<{ id?: string; name?: string; value?: string }> }>;
}

export interface RawField {
  id: string;
  name: string;
  custom?: boolean;
  schema?: { type?: string; items?: string; custom?: string };
}

export interface RawProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey?: string;
  archived?: boolean;
  lead?: RawUser;
}

export interface SearchPage {
  issues: RawIssue[];
  /** Cloud cursor for the next page. */
  nextPageToken?: string;
  /** Server/DC offset for the next page. */
  nextStartAt?: number;
  total?: number;
}

export interface SearchRequest {
  jql: string;
  fields: readonly string[];
  limit: number;
  pageToken?: string;
  startAt?: number;
  signal?: AbortSignal;
}

/** How long an instance's field list is reused before it is fetched again. */
export const FIELD_CACHE_MS = 5 * 60_000;

export class JiraClient {
  readonly api: string;
  private fieldCache?: { fields: RawField[]; expires: number };

  /** Cloud forms, when the registry provides the Forms API client. */
  readonly forms?: JiraForms;

  constructor(
    readonly http: AtlassianHttp,
    readonly platform: Platform,
    /** The instance URL, for browse links. */
    readonly baseUrl: string,
    formsHttp?: FormsHttpFactory,
  ) {
    if (platform === 'cloud' && formsHttp) this.forms = new JiraForms(this, formsHttp);
    this.api = platform === 'cloud' ? '/rest/api/3' : '/rest/api/2';
  }

  getIssue(key: string, options: { fields?: readonly string[]; expand?: readonly string[]; signal?: AbortSignal } = {}): Promise<RawIssue> {
    return this.http.get<RawIssue>(`${this.api}/issue/${segment(key)}`, {
      fields: (options.fields ?? DEFAULT_ISSUE_FIELDS).join(','),
      expand: options.expand?.length ? options.expand.join(',') : undefined,
    }, options.signal);
  }

  async search(request: SearchRequest): Promise<SearchPage> {
    if (this.platform === 'cloud') {
      const page = await this.http.request<{ issues?: RawIssue[]; nextPageToken?: string; isLast?: boolean }>('POST', `${this.api}/search/jql`, {
        body: { jql: request.jql, fields: request.fields, maxResults: request.limit, nextPageToken: request.pageToken },
        idempotent: true,
        signal: request.signal,
      });
      return { issues: page.issues ?? [], nextPageToken: page.isLast === false || (page.isLast === undefined && page.nextPageToken) ? page.nextPageToken : undefined };
    }
    const startAt = request.startAt ?? 0;
    const page = await this.http.get<{ issues?: RawIssue[]; startAt?: number; total?: number }>(`${this.api}/search`, {
      jql: request.jql,
      fields: request.fields.join(','),
      maxResults: request.limit,
      startAt,
    }, request.signal);
    const issues = page.issues ?? [];
    const nextStartAt = page.total !== undefined && startAt + issues.length < page.total ? startAt + issues.length : undefined;
    return { issues, nextStartAt, total: page.total };
  }

  /** Creates an issue; `fields` are Jira's own field ids and shapes. */
  createIssue(fields: Record<string, unknown>, signal?: AbortSignal): Promise<{ id: string; key: string }> {
    return this.http.request('POST', `${this.api}/issue`, { body: { fields }, signal });
  }

  /** Sets fields (and applies `update` operations such as label adds); Jira answers 204. */
  async updateIssue(key: string, body: { fields?: Record<string, unknown>; update?: Record<string, unknown> }, signal?: AbortSignal): Promise<void> {
    await this.http.request('PUT', `${this.api}/issue/${segment(key)}`, { body, signal });
  }

  async deleteIssue(key: string, deleteSubtasks: boolean, signal?: AbortSignal): Promise<void> {
    await this.http.request('DELETE', `${this.api}/issue/${segment(key)}`, { query: { deleteSubtasks }, signal });
  }

  editComment(key: string, id: string, body: unknown, signal?: AbortSignal): Promise<RawComment> {
    return this.http.request('PUT', `${this.api}/issue/${segment(key)}/comment/${segment(id)}`, { body: { body }, signal });
  }

  addComment(key: string, body: unknown, visibility: { type: 'group' | 'role'; value: string } | undefined, signal?: AbortSignal): Promise<RawComment> {
    return this.http.request('POST', `${this.api}/issue/${segment(key)}/comment`, { body: { body, ...(visibility ? { visibility } : {}) }, signal });
  }

  async getTransitions(key: string, signal?: AbortSignal): Promise<RawTransition[]> {
    const answer = await this.http.get<{ transitions?: RawTransition[] }>(`${this.api}/issue/${segment(key)}/transitions`, { expand: 'transitions.fields' }, signal);
    return answer.transitions ?? [];
  }

  async transitionIssue(key: string, body: { transition: { id: string }; fields?: Record<string, unknown>; update?: Record<string, unknown> }, signal?: AbortSignal): Promise<void> {
    await this.http.request('POST', `${this.api}/issue/${segment(key)}/transitions`, { body, signal });
  }

  /** Fields differ per instance (custom fields); they are fetched once and kept for `FIELD_CACHE_MS`. */
  async getFields(signal?: AbortSignal): Promise<RawField[]> {
    if (this.fieldCache && this.fieldCache.expires > Date.now()) return this.fieldCache.fields;
    const fields = await this.http.get<RawField[]>(`${this.api}/field`, undefined, signal);
    this.fieldCache = { fields, expires: Date.now() + FIELD_CACHE_MS };
    return fields;
  }

  /** Every project the account can see: paged `project/search` on Cloud, the plain list on Server/DC. */
  async getProjects(options: { includeArchived: boolean; signal?: AbortSignal }): Promise<RawProject[]> {
    if (this.platform === 'server') return this.http.get<RawProject[]>(`${this.api}/project`, undefined, options.signal);
    const projects: RawProject[] = [];
    for (let startAt = 0; ; ) {
      const page = await this.http.get<{ values?: RawProject[]; isLast?: boolean; total?: number }>(`${this.api}/project/search`, {
        startAt,
        maxResults: 100,
        status: options.includeArchived ? ['live', 'archived'] : undefined,
      }, options.signal);
      const values = page.values ?? [];
      projects.push(...values);
      startAt += values.length;
      if (page.isLast !== false || values.length === 0 || startAt >= 1_000) return projects;
    }
  }

  /** Cloud user search by name or email, for turning "alice@example.com" into an accountId. */
  searchUsers(query: string, signal?: AbortSignal): Promise<RawUser[]> {
    return this.http.get<RawUser[]>(`${this.api}/user/search`, { query, maxResults: 10 }, signal);
  }

  /** The account the instance's credentials belong to; used to check credentials. */
  myself(signal?: AbortSignal): Promise<{ displayName?: string; accountId?: string; name?: string }> {
    return this.http.get(`${this.api}/myself`, undefined, signal);
  }

  browseUrl(key: string): string {
    return `${this.baseUrl}/browse/${segment(key)}`;
  }
}
