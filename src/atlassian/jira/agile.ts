/**
 * Jira Software agile calls (`/rest/agile/1.0`, the same on Cloud and Server/DC). Cloud has deprecated the
 * board and sprint issue listings, so there issues come from JQL search (`filter = …`, `sprint = …`).
 */
import type { JiraClient, SearchPage } from './client.js';
import type { RawIssue } from './issue.js';
import { andJql, quoteJqlValue } from './jql.js';
import { segment } from '../path.js';

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
  values?: T[];
  startAt?: number;
  maxResults?: number;
  total?: number;
  isLast?: boolean;
}

export async function getBoards(jira: JiraClient, query: { name?: string; projectKeyOrId?: string; type?: string; startAt: number; maxResults: number }, signal?: AbortSignal): Promise<{ boards: RawBoard[]; isLast: boolean }> {
  const page = await jira.http.get<Paged<RawBoard>>(`${AGILE}/board`, query, signal);
  return { boards: page.values ?? [], isLast: page.isLast !== false };
}

export async function getBoardSprints(jira: JiraClient, boardId: string, query: { state?: string; startAt: number; maxResults: number }, signal?: AbortSignal): Promise<{ sprints: RawSprint[]; isLast: boolean }> {
  const page = await jira.http.get<Paged<RawSprint>>(`${AGILE}/board/${segment(boardId)}/sprint`, query, signal);
  return { sprints: page.values ?? [], isLast: page.isLast !== false };
}

/** Issues on a board. `jql` narrows them; it already carries any project restriction. */
export async function getBoardIssues(jira: JiraClient, boardId: string, jql: string, paging: { limit: number; startAt?: number; pageToken?: string; fields: readonly string[] }, signal?: AbortSignal): Promise<SearchPage> {
  if (jira.platform === 'cloud') {
    const configuration = await jira.http.get<{ filter?: { id?: string | number } }>(`${AGILE}/board/${segment(boardId)}/configuration`, undefined, signal);
    const filterId = String(configuration.filter?.id ?? '');
    const filter = `filter = ${/^\d+$/.test(filterId) ? filterId : quoteJqlValue(filterId)}`;
    return jira.search({ jql: andJql(jql, filter), fields: paging.fields, limit: paging.limit, pageToken: paging.pageToken, signal });
  }
  return agileIssuePage(jira, `${AGILE}/board/${segment(boardId)}/issue`, jql, paging, signal);
}

export async function getSprintIssues(jira: JiraClient, sprintId: string, jql: string, paging: { limit: number; startAt?: number; pageToken?: string; fields: readonly string[] }, signal?: AbortSignal): Promise<SearchPage> {
  if (jira.platform === 'cloud') {
    return jira.search({ jql: andJql(jql, `sprint = ${sprintId}`), fields: paging.fields, limit: paging.limit, pageToken: paging.pageToken, signal });
  }
  return agileIssuePage(jira, `${AGILE}/sprint/${segment(sprintId)}/issue`, jql, paging, signal);
}

async function agileIssuePage(jira: JiraClient, path: string, jql: string, paging: { limit: number; startAt?: number; fields: readonly string[] }, signal?: AbortSignal): Promise<SearchPage> {
  const startAt = paging.startAt ?? 0;
  const page = await jira.http.get<{ issues?: RawIssue[]; total?: number }>(path, { jql: jql || undefined, startAt, maxResults: paging.limit, fields: paging.fields.join(',') }, signal);
  const issues = page.issues ?? [];
  const nextStartAt = page.total !== undefined && startAt + issues.length < page.total ? startAt + issues.length : undefined;
  return { issues, total: page.total, nextStartAt };
}

export function createSprint(jira: JiraClient, body: { name: string; originBoardId: number; startDate?: string; endDate?: string; goal?: string }, signal?: AbortSignal): Promise<RawSprint> {
  return jira.http.request('POST', `${AGILE}/sprint`, { body, signal });
}

/** Partial update: only the given properties change. */
export function updateSprint(jira: JiraClient, sprintId: string, body: Partial<Omit<RawSprint, 'id'>>, signal?: AbortSignal): Promise<RawSprint> {
  return jira.http.request('POST', `${AGILE}/sprint/${segment(sprintId)}`, { body, signal });
}

export async function moveIssuesToSprint(jira: JiraClient, sprintId: string, issues: string[], signal?: AbortSignal): Promise<void> {
  await jira.http.request('POST', `${AGILE}/sprint/${segment(sprintId)}/issue`, { body: { issues }, signal });
}

export async function moveIssuesToBacklog(jira: JiraClient, issues: string[], signal?: AbortSignal): Promise<void> {
  await jira.http.request('POST', `${AGILE}/backlog/issue`, { body: { issues }, signal });
}
