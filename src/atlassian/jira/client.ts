/**
 * Jira REST calls, one method per operation, hiding the Cloud (REST v3, cursor search) versus
 * Server/Data Center (REST v2, offset search) split from the tools.
 */
import type { Platform } from '../../config/schema.js';
import type { AtlassianHttp } from '../http.js';
import type { RawIssue } from './issue.js';

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

export class JiraClient {
  readonly api: string;

  constructor(
    readonly http: AtlassianHttp,
    readonly platform: Platform,
    /** The instance URL, for browse links. */
    readonly baseUrl: string,
  ) {
    this.api = platform === 'cloud' ? '/rest/api/3' : '/rest/api/2';
  }

  getIssue(key: string, options: { fields?: readonly string[]; expand?: readonly string[]; signal?: AbortSignal } = {}): Promise<RawIssue> {
    return this.http.get<RawIssue>(`${this.api}/issue/${encodeURIComponent(key)}`, {
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

  /** The account the instance's credentials belong to; used to check credentials. */
  myself(signal?: AbortSignal): Promise<{ displayName?: string; accountId?: string; name?: string }> {
    return this.http.get(`${this.api}/myself`, undefined, signal);
  }

  browseUrl(key: string): string {
    return `${this.baseUrl}/browse/${key}`;
  }
}
