/**
 * One page of a Jira search: by cursor on Cloud (`POST search/jql`), by offset on Server/DC (`GET search`), with the
 * paging checks that stop at a next page leading nowhere. The JQL arrives already narrowed to the instance's
 * projects (`JiraClient.search`).
 */
import { z } from 'zod';
import type { Platform } from '../../config/schema.js';
import type { AtlassianHttp } from '../http.js';
import { checkNext, checkNextOffset, type PagingStop } from '../paging.js';
import { getAs, loose, operation, optionalText, requestAs } from '../shape.js';
import { issueShape } from './answer-shapes.js';
import type { RawIssue } from './issue.js';
import { andJql } from './jql.js';

/** Fields a search result line shows. */
export const SEARCH_FIELDS = [
  'summary',
  'status',
  'issuetype',
  'priority',
  'assignee',
  'updated',
  'created',
  'labels',
] as const;

export interface SearchPage {
  /** The JQL searched: the caller's, narrowed to the instance's projects. */
  jql: string;
  issues: RawIssue[];
  /** Cloud cursor for the next page. */
  nextPageToken?: string;
  /** Server/DC offset for the next page. */
  nextStartAt?: number;
  total?: number;
  /** Set when Atlassian announced a next page that leads nowhere (an empty page, the same cursor again). */
  stopped?: PagingStop;
}

export interface SearchRequest {
  /** The caller's JQL; the client narrows it to the instance's projects. */
  jql: string;
  /** A trusted clause ANDed in after that (a board's filter, a sprint). */
  and?: string;
  fields: readonly string[];
  limit: number;
  pageToken?: string;
  startAt?: number;
  signal?: AbortSignal;
}

const ANSWERS = {
  searchCloud: operation<{ issues: RawIssue[]; nextPageToken?: string; isLast?: boolean }>(
    'searchAndReconsileIssuesUsingJqlPost',
    () => loose({ issues: z.array(issueShape()), nextPageToken: optionalText, isLast: z.boolean().nullish() }),
  ),
  searchServer: operation<{ issues: RawIssue[]; startAt?: number; total?: number }>('searchForIssuesUsingJql', () =>
    loose({ issues: z.array(issueShape()), startAt: z.number().nullish(), total: z.number().nullish() }),
  ),
};

/** Where the search runs: the instance's HTTP client, its platform and its REST API root. */
export interface SearchTarget {
  http: AtlassianHttp;
  platform: Platform;
  api: string;
}

/** One page for `jql` (already narrowed to the instance's projects), `request.and` ANDed in. */
export async function searchPage(target: SearchTarget, jql: string, request: SearchRequest): Promise<SearchPage> {
  const { http, platform, api } = target;
  const sent = request.and ? andJql(jql, request.and) : jql;
  if (platform === 'cloud') {
    const page = await requestAs(http, ANSWERS.searchCloud, 'POST', `${api}/search/jql`, {
      body: { jql: sent, fields: request.fields, maxResults: request.limit, nextPageToken: request.pageToken },
      idempotent: true,
      signal: request.signal,
    });
    const announced =
      page.isLast === false || (page.isLast == null && page.nextPageToken)
        ? (page.nextPageToken ?? undefined)
        : undefined;
    const { next, stopped } = checkNext({ position: request.pageToken, next: announced, received: page.issues.length });
    return { jql, issues: page.issues, nextPageToken: next, stopped };
  }
  const startAt = request.startAt ?? 0;
  const query = { jql: sent, fields: request.fields.join(','), maxResults: request.limit, startAt };
  const page = await getAs(http, ANSWERS.searchServer, `${api}/search`, query, request.signal);
  const issues = page.issues;
  const total = page.total ?? undefined;
  const { next, stopped } = checkNextOffset(startAt, issues.length, total);
  return { jql, issues, nextStartAt: next, total, stopped };
}
