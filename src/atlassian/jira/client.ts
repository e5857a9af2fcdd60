/**
 * Jira REST calls, one method per operation, hiding the Cloud (REST v3, cursor search) versus
 * Server/Data Center (REST v2, offset search) split from the tools.
 */
import { z } from 'zod';
import type { Platform } from '../../config/schema.js';
import type { AtlassianHttp } from '../http.js';
import { checkNext, collectPages, type PagingStop } from '../paging.js';
import { anyId, getAs, loose, once, operation, optionalList, optionalObject, optionalText, requestAs } from '../shape.js';
import { commentShape, issueShape, userShape, valuesPage } from './answer-shapes.js';
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
  /** Set when Atlassian announced a next page that leads nowhere (an empty page, the same cursor again). */
  stopped?: PagingStop;
}

/** Every project the account can see, and whether the listing stopped before Atlassian said it was complete. */
export interface ProjectListing {
  projects: RawProject[];
  stopped?: PagingStop;
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

/** Most `project/search` requests one call sends (100 projects each). */
export const PROJECT_PAGE_BUDGET = 10;

const projectShape = once(() => loose({
  id: anyId,
  key: z.string(),
  name: z.string(),
  projectTypeKey: optionalText,
  archived: z.boolean().nullish(),
  lead: userShape().nullish(),
}));
const fieldShape = once(() => loose({
  id: z.string(),
  name: z.string(),
  custom: z.boolean().nullish(),
  schema: optionalObject({ type: optionalText, items: optionalText, custom: optionalText }),
}));
const allowedValuesShape = once(() => optionalList(loose({ id: anyId.nullish(), name: optionalText, value: optionalText })));
const transitionShape = once(() => loose({
  id: anyId,
  name: z.string(),
  to: optionalObject({ name: optionalText, statusCategory: optionalObject({ name: optionalText }) }),
  fields: z.record(z.string(), loose({ required: z.boolean().nullish(), name: optionalText, schema: optionalObject({ type: optionalText }), allowedValues: allowedValuesShape() })).nullish(),
}));

const ANSWERS = {
  getIssue: operation<RawIssue>('getIssue', () => issueShape()),
  searchCloud: operation<{ issues: RawIssue[]; nextPageToken?: string; isLast?: boolean }>(
    'searchAndReconsileIssuesUsingJqlPost',
    () => loose({ issues: z.array(issueShape()), nextPageToken: optionalText, isLast: z.boolean().nullish() }),
  ),
  searchServer: operation<{ issues: RawIssue[]; startAt?: number; total?: number }>(
    'searchForIssuesUsingJql',
    () => loose({ issues: z.array(issueShape()), startAt: z.number().nullish(), total: z.number().nullish() }),
  ),
  createIssue: operation<{ id: string; key: string }>('createIssue', () => loose({ id: anyId, key: z.string() })),
  updateComment: operation<RawComment>('updateComment', () => commentShape()),
  addComment: operation<RawComment>('addComment', () => commentShape()),
  getTransitions: operation<{ transitions: RawTransition[] }>('getTransitions', () => loose({ transitions: z.array(transitionShape()) })),
  getFields: operation<RawField[]>('getFields', () => z.array(fieldShape())),
  getAllProjects: operation<RawProject[]>('getAllProjects', () => z.array(projectShape())),
  searchProjects: operation<{ values: RawProject[]; isLast?: boolean; total?: number }>('searchProjects', () => valuesPage(projectShape())),
  findUsers: operation<RawUser[]>('findUsers', () => z.array(userShape())),
  getCurrentUser: operation<{ displayName?: string; accountId?: string; name?: string }>('getCurrentUser', () => userShape()),
};

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
    return getAs(this.http, ANSWERS.getIssue, `${this.api}/issue/${segment(key)}`, {
      fields: (options.fields ?? DEFAULT_ISSUE_FIELDS).join(','),
      expand: options.expand?.length ? options.expand.join(',') : undefined,
    }, options.signal);
  }

  async search(request: SearchRequest): Promise<SearchPage> {
    if (this.platform === 'cloud') {
      const page = await requestAs(this.http, ANSWERS.searchCloud, 'POST', `${this.api}/search/jql`, {
        body: { jql: request.jql, fields: request.fields, maxResults: request.limit, nextPageToken: request.pageToken },
        idempotent: true,
        signal: request.signal,
      });
      const announced = page.isLast === false || (page.isLast == null && page.nextPageToken) ? (page.nextPageToken ?? undefined) : undefined;
      const { next, stopped } = checkNext({ position: request.pageToken, next: announced, received: page.issues.length });
      return { issues: page.issues, nextPageToken: next, stopped };
    }
    const startAt = request.startAt ?? 0;
    const page = await getAs(this.http, ANSWERS.searchServer, `${this.api}/search`, {
      jql: request.jql,
      fields: request.fields.join(','),
      maxResults: request.limit,
      startAt,
    }, request.signal);
    const issues = page.issues;
    const total = page.total ?? undefined;
    const announced = total !== undefined && startAt + issues.length < total ? startAt + issues.length : undefined;
    const { next, stopped } = checkNext({ position: startAt, next: announced, received: issues.length });
    return { issues, nextStartAt: next, total, stopped };
  }

  /** Creates an issue; `fields` are Jira's own field ids and shapes. */
  createIssue(fields: Record<string, unknown>, signal?: AbortSignal): Promise<{ id: string; key: string }> {
    return requestAs(this.http, ANSWERS.createIssue, 'POST', `${this.api}/issue`, { body: { fields }, signal });
  }

  /** Sets fields (and applies `update` operations such as label adds); Jira answers 204. */
  async updateIssue(key: string, body: { fields?: Record<string, unknown>; update?: Record<string, unknown> }, signal?: AbortSignal): Promise<void> {
    await this.http.request('PUT', `${this.api}/issue/${segment(key)}`, { body, signal });
  }

  async deleteIssue(key: string, deleteSubtasks: boolean, signal?: AbortSignal): Promise<void> {
    await this.http.request('DELETE', `${this.api}/issue/${segment(key)}`, { query: { deleteSubtasks }, signal });
  }

  editComment(key: string, id: string, body: unknown, signal?: AbortSignal): Promise<RawComment> {
    return requestAs(this.http, ANSWERS.updateComment, 'PUT', `${this.api}/issue/${segment(key)}/comment/${segment(id)}`, { body: { body }, signal });
  }

  addComment(key: string, body: unknown, visibility: { type: 'group' | 'role'; value: string } | undefined, signal?: AbortSignal): Promise<RawComment> {
    return requestAs(this.http, ANSWERS.addComment, 'POST', `${this.api}/issue/${segment(key)}/comment`, { body: { body, ...(visibility ? { visibility } : {}) }, signal });
  }

  async getTransitions(key: string, signal?: AbortSignal): Promise<RawTransition[]> {
    const answer = await getAs(this.http, ANSWERS.getTransitions, `${this.api}/issue/${segment(key)}/transitions`, { expand: 'transitions.fields' }, signal);
    return answer.transitions;
  }

  async transitionIssue(key: string, body: { transition: { id: string }; fields?: Record<string, unknown>; update?: Record<string, unknown> }, signal?: AbortSignal): Promise<void> {
    await this.http.request('POST', `${this.api}/issue/${segment(key)}/transitions`, { body, signal });
  }

  /** Fields differ per instance (custom fields); they are fetched once and kept for `FIELD_CACHE_MS`. */
  async getFields(signal?: AbortSignal): Promise<RawField[]> {
    if (this.fieldCache && this.fieldCache.expires > Date.now()) return this.fieldCache.fields;
    const fields = await getAs(this.http, ANSWERS.getFields, `${this.api}/field`, undefined, signal);
    this.fieldCache = { fields, expires: Date.now() + FIELD_CACHE_MS };
    return fields;
  }

  /** Every project the account can see: paged `project/search` on Cloud (at most `PROJECT_PAGE_BUDGET` pages), the plain list on Server/DC. */
  async getProjects(options: { includeArchived: boolean; signal?: AbortSignal }): Promise<ProjectListing> {
    if (this.platform === 'server') return { projects: await getAs(this.http, ANSWERS.getAllProjects, `${this.api}/project`, undefined, options.signal) };
    const listing = await collectPages<RawProject, number>({
      first: 0,
      maxPages: PROJECT_PAGE_BUDGET,
      idOf: (project) => String(project.id ?? project.key),
      fetch: async (startAt) => {
        const page = await getAs(this.http, ANSWERS.searchProjects, `${this.api}/project/search`, {
          startAt,
          maxResults: 100,
          status: options.includeArchived ? ['live', 'archived'] : undefined,
        }, options.signal);
        return { items: page.values, next: page.isLast === false ? startAt + page.values.length : undefined, total: page.total ?? undefined };
      },
    });
    return { projects: listing.items, stopped: listing.stopped };
  }

  /** Cloud user search by name or email, for turning "alice@example.com" into an accountId. */
  searchUsers(query: string, signal?: AbortSignal): Promise<RawUser[]> {
    return getAs(this.http, ANSWERS.findUsers, `${this.api}/user/search`, { query, maxResults: 10 }, signal);
  }

  /** The account the instance's credentials belong to; used to check credentials. */
  myself(signal?: AbortSignal): Promise<{ displayName?: string; accountId?: string; name?: string }> {
    return getAs(this.http, ANSWERS.getCurrentUser, `${this.api}/myself`, undefined, signal);
  }

  browseUrl(key: string): string {
    return `${this.baseUrl}/browse/${segment(key)}`;
  }
}
