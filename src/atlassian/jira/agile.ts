/**
 * Jira Software agile calls (`/rest/agile/1.0`, the same on Cloud and Server/DC). Cloud has deprecated the
 * board and sprint issue listings, so there issues come from JQL search (`filter = …`, `sprint = …`). Listed
 * issues stay within the instance's projects, and only issues of its projects can be moved.
 */
import { z } from 'zod';
import { checkNext, checkNextOffset, type PagingStop } from '../paging.js';
import { segment } from '../path.js';
import { anyId, getAs, loose, once, operation, optionalObject, optionalText, requestAs } from '../shape.js';
import { issueShape, valuesPage } from './answer-shapes.js';
import type { JiraClient } from './client.js';
import type { RawIssue } from './issue.js';
import { quoteJqlValue } from './jql.js';
import type { SearchPage } from './search.js';

const AGILE = '/rest/agile/1.0';

export interface RawBoard {
  id: number;
  name: string;
  type?: string;
  location?: { projectKey?: string; displayName?: string; projectName?: string };
}

export interface RawSprint {
  id: number;
  name: string;
  state?: string;
  startDate?: string;
  endDate?: string;
  completeDate?: string;
  goal?: string;
  originBoardId?: number;
}

interface Paged<T> {
  values: T[];
  startAt?: number;
  maxResults?: number;
  total?: number;
  isLast?: boolean;
}

/** One page of an agile listing: where the next one starts, or why there is none to offer although Atlassian announced one. */
export interface AgilePage<T> {
  values: T[];
  nextStartAt?: number;
  stopped?: PagingStop;
}

const boardShape = once(() =>
  loose({
    id: z.number(),
    name: z.string(),
    type: optionalText,
    location: optionalObject({ projectKey: optionalText, displayName: optionalText, projectName: optionalText }),
  }),
);
const sprintShape = once(() =>
  loose({
    id: z.number(),
    name: z.string(),
    state: optionalText,
    startDate: optionalText,
    endDate: optionalText,
    completeDate: optionalText,
    goal: optionalText,
    originBoardId: z.number().nullish(),
  }),
);

const ANSWERS = {
  getAllBoards: operation<Paged<RawBoard>>('getAllBoards', () => valuesPage(boardShape())),
  getAllSprints: operation<Paged<RawSprint>>('getAllSprints', () => valuesPage(sprintShape())),
  getConfiguration: operation<{ filter?: { id?: string | number } }>('getConfiguration', () =>
    loose({ filter: optionalObject({ id: anyId.nullish() }) }),
  ),
  getIssuesForBoard: operation<{ issues: RawIssue[]; total?: number }>('getIssuesForBoard', () =>
    loose({ issues: z.array(issueShape()), total: z.number().nullish() }),
  ),
  getIssuesForSprint: operation<{ issues: RawIssue[]; total?: number }>('getIssuesForSprint', () =>
    loose({ issues: z.array(issueShape()), total: z.number().nullish() }),
  ),
  createSprint: operation<RawSprint>('createSprint', () => sprintShape()),
  partiallyUpdateSprint: operation<RawSprint>('partiallyUpdateSprint', () => sprintShape()),
};

/** Boards, of one project or all; with an allow-list, boards of hidden projects (or of none) are left out. */
export async function getBoards(
  jira: JiraClient,
  query: { name?: string; projectKeyOrId?: string; type?: string; startAt: number; maxResults: number },
  signal?: AbortSignal,
): Promise<AgilePage<RawBoard>> {
  if (query.projectKeyOrId) jira.requireProject(query.projectKeyOrId, 'GET', `${AGILE}/board`);
  const page = await getAs(jira.http, ANSWERS.getAllBoards, `${AGILE}/board`, query, signal);
  const listing = agilePage(page, query.startAt);
  if (!jira.scope.limited) return listing;
  return {
    ...listing,
    values: listing.values.filter((board) => jira.scope.allowsProject(board.location?.projectKey ?? '')),
  };
}

export async function getBoardSprints(
  jira: JiraClient,
  boardId: string,
  query: { state?: string; startAt: number; maxResults: number },
  signal?: AbortSignal,
): Promise<AgilePage<RawSprint>> {
  const page = await getAs(
    jira.http,
    ANSWERS.getAllSprints,
    `${AGILE}/board/${segment(boardId)}/sprint`,
    query,
    signal,
  );
  return agilePage(page, query.startAt);
}

function agilePage<T>(page: Paged<T>, startAt: number): AgilePage<T> {
  const announced = page.isLast === false ? startAt + page.values.length : undefined;
  const { next, stopped } = checkNext({ position: startAt, next: announced, received: page.values.length });
  return { values: page.values, nextStartAt: next, stopped };
}

/** How a listing of issues pages: by cursor on Cloud, by offset on Server/DC. */
export interface IssuePaging {
  limit: number;
  startAt?: number;
  pageToken?: string;
  fields: readonly string[];
}

/**
 * Issues on a board, narrowed by the caller's `jql` (which may be empty). The query is checked and narrowed to the
 * instance's projects before the board is asked for anything, so a refused query sends nothing.
 */
export async function getBoardIssues(
  jira: JiraClient,
  boardId: string,
  jql: string,
  paging: IssuePaging,
  signal?: AbortSignal,
): Promise<SearchPage> {
  const scoped = jira.scopeJql(jql, paging.startAt);
  if (jira.platform === 'cloud') {
    const configuration = await getAs(
      jira.http,
      ANSWERS.getConfiguration,
      `${AGILE}/board/${segment(boardId)}/configuration`,
      undefined,
      signal,
    );
    const filterId = String(configuration.filter?.id ?? '');
    const filter = `filter = ${/^\d+$/.test(filterId) ? filterId : quoteJqlValue(filterId)}`;
    return searchAnd(jira, jql, filter, paging, signal);
  }
  return agileIssuePage(
    jira,
    ANSWERS.getIssuesForBoard,
    `${AGILE}/board/${segment(boardId)}/issue`,
    scoped,
    paging,
    signal,
  );
}

/** Issues in a sprint, narrowed by the caller's `jql` (which may be empty) and to the instance's projects. */
export async function getSprintIssues(
  jira: JiraClient,
  sprintId: string,
  jql: string,
  paging: IssuePaging,
  signal?: AbortSignal,
): Promise<SearchPage> {
  const scoped = jira.scopeJql(jql, paging.startAt);
  if (jira.platform === 'cloud') {
    return searchAnd(jira, jql, `sprint = ${sprintId}`, paging, signal);
  }
  return agileIssuePage(
    jira,
    ANSWERS.getIssuesForSprint,
    `${AGILE}/sprint/${segment(sprintId)}/issue`,
    scoped,
    paging,
    signal,
  );
}

/** Cloud pages a board's or sprint's issues through JQL search, the board filter or sprint ANDed in. */
function searchAnd(
  jira: JiraClient,
  jql: string,
  and: string,
  paging: IssuePaging,
  signal?: AbortSignal,
): Promise<SearchPage> {
  return jira.search({ jql, and, fields: paging.fields, limit: paging.limit, pageToken: paging.pageToken, signal });
}

async function agileIssuePage(
  jira: JiraClient,
  answer: typeof ANSWERS.getIssuesForBoard,
  path: string,
  jql: string,
  paging: IssuePaging,
  signal?: AbortSignal,
): Promise<SearchPage> {
  const startAt = paging.startAt ?? 0;
  const page = await getAs(
    jira.http,
    answer,
    path,
    { jql: jql || undefined, startAt, maxResults: paging.limit, fields: paging.fields.join(',') },
    signal,
  );
  const total = page.total ?? undefined;
  const { next, stopped } = checkNextOffset(startAt, page.issues.length, total);
  return { jql, issues: page.issues, total, nextStartAt: next, stopped };
}

export function createSprint(
  jira: JiraClient,
  body: { name: string; originBoardId: number; startDate?: string; endDate?: string; goal?: string },
  signal?: AbortSignal,
): Promise<RawSprint> {
  return requestAs(jira.http, ANSWERS.createSprint, 'POST', `${AGILE}/sprint`, { body, signal });
}

/** Partial update: only the given properties change. */
export function updateSprint(
  jira: JiraClient,
  sprintId: string,
  body: Partial<Omit<RawSprint, 'id'>>,
  signal?: AbortSignal,
): Promise<RawSprint> {
  return requestAs(jira.http, ANSWERS.partiallyUpdateSprint, 'POST', `${AGILE}/sprint/${segment(sprintId)}`, {
    body,
    signal,
  });
}

export async function moveIssuesToSprint(
  jira: JiraClient,
  sprintId: string,
  issues: string[],
  signal?: AbortSignal,
): Promise<void> {
  const path = `${AGILE}/sprint/${segment(sprintId)}/issue`;
  await jira.requireIssues(issues, 'POST', path, signal);
  await jira.http.request('POST', path, { body: { issues }, signal });
}

export async function moveIssuesToBacklog(jira: JiraClient, issues: string[], signal?: AbortSignal): Promise<void> {
  const path = `${AGILE}/backlog/issue`;
  await jira.requireIssues(issues, 'POST', path, signal);
  await jira.http.request('POST', path, { body: { issues }, signal });
}
