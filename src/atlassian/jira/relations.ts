/** Jira calls around an issue: worklogs, issue links, remote links, changelog. */
import type { JiraClient } from './client.js';
import type { RawUser } from './issue.js';
import { segment } from '../path.js';

export interface RawWorklog {
  id: string;
  author?: RawUser;
  comment?: unknown;
  started?: string;
  timeSpent?: string;
  timeSpentSeconds?: number;
}

export interface RawLinkType {
  id: string;
  name: string;
  inward: string;
  outward: string;
}

export interface RawRemoteLink {
  id: number | string;
  globalId?: string;
  relationship?: string;
  object?: { url?: string; title?: string; summary?: string };
}

export interface RawHistory {
  id: string;
  author?: RawUser;
  created?: string;
  items?: Array<{ field?: string; fromString?: string | null; toString?: string | null }>;
}

export async function getWorklogs(jira: JiraClient, key: string, limit: number, signal?: AbortSignal): Promise<{ total: number; worklogs: RawWorklog[] }> {
  const page = await jira.http.get<{ total?: number; worklogs?: RawWorklog[] }>(`${jira.api}/issue/${segment(key)}/worklog`, { maxResults: limit }, signal);
  return { total: page.total ?? page.worklogs?.length ?? 0, worklogs: page.worklogs ?? [] };
}

export function addWorklog(jira: JiraClient, key: string, body: { timeSpent: string; started: string; comment?: unknown }, signal?: AbortSignal): Promise<RawWorklog> {
  return jira.http.request('POST', `${jira.api}/issue/${segment(key)}/worklog`, { body, signal });
}

export async function getLinkTypes(jira: JiraClient, signal?: AbortSignal): Promise<RawLinkType[]> {
  const answer = await jira.http.get<{ issueLinkTypes?: RawLinkType[] }>(`${jira.api}/issueLinkType`, undefined, signal);
  return answer.issueLinkTypes ?? [];
}

export async function createIssueLink(jira: JiraClient, body: { type: { name: string }; inwardIssue: { key: string }; outwardIssue: { key: string }; comment?: { body: unknown } }, signal?: AbortSignal): Promise<void> {
  await jira.http.request('POST', `${jira.api}/issueLink`, { body, signal });
}

export async function removeIssueLink(jira: JiraClient, linkId: string, signal?: AbortSignal): Promise<void> {
  await jira.http.request('DELETE', `${jira.api}/issueLink/${segment(linkId)}`, { signal });
}

export function getRemoteLinks(jira: JiraClient, key: string, signal?: AbortSignal): Promise<RawRemoteLink[]> {
  return jira.http.get<RawRemoteLink[]>(`${jira.api}/issue/${segment(key)}/remotelink`, undefined, signal);
}

export function createRemoteLink(jira: JiraClient, key: string, body: { object: { url: string; title: string; summary?: string }; relationship?: string; globalId?: string }, signal?: AbortSignal): Promise<{ id: number | string }> {
  return jira.http.request('POST', `${jira.api}/issue/${segment(key)}/remotelink`, { body, signal });
}

/** The whole changelog of an issue, oldest first (paged on both platforms). */
export async function getChangelog(jira: JiraClient, key: string, signal?: AbortSignal): Promise<RawHistory[]> {
  if (jira.platform === 'server') {
    const issue = await jira.http.get<{ changelog?: { histories?: RawHistory[] } }>(`${jira.api}/issue/${segment(key)}`, { fields: 'created', expand: 'changelog' }, signal);
    return issue.changelog?.histories ?? [];
  }
  const histories: RawHistory[] = [];
  for (let startAt = 0; startAt < 5_000; ) {
    const page = await jira.http.get<{ values?: RawHistory[]; isLast?: boolean }>(`${jira.api}/issue/${segment(key)}/changelog`, { startAt, maxResults: 100 }, signal);
    const values = page.values ?? [];
    histories.push(...values);
    startAt += values.length;
    if (page.isLast !== false || values.length === 0) break;
  }
  return histories;
}

/** Cloud: changelogs of many issues in one request, optionally only for some fields. */
export function bulkChangelogs(jira: JiraClient, body: { issueIdsOrKeys: string[]; fieldIds?: string[]; maxResults: number; nextPageToken?: string }, signal?: AbortSignal): Promise<{ issueChangeLogs?: Array<{ issueId: string; changeHistories?: RawHistory[] }>; nextPageToken?: string }> {
  return jira.http.request('POST', `${jira.api}/changelog/bulkfetch`, { body, idempotent: true, signal });
}
