/** Jira calls around an issue: worklogs, issue links, remote links, changelog. */
import { z } from 'zod';
import { checkNext, collectPages, type PagingStop } from '../paging.js';
import { anyId, getAs, loose, once, operation, optionalList, optionalObject, optionalText, requestAs } from '../shape.js';
import { historyShape, userShape } from './answer-shapes.js';
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

/** An issue's changelog, and whether reading it stopped before Atlassian said it was complete. */
export interface Changelog {
  histories: RawHistory[];
  stopped?: PagingStop;
}

/** Most changelog requests one call sends (100 change groups each). */
export const CHANGELOG_PAGE_BUDGET = 20;

const worklogShape = once(() => loose({
  id: anyId,
  author: userShape().nullish(),
  started: optionalText,
  timeSpent: optionalText,
  timeSpentSeconds: z.number().nullish(),
}));
const remoteLinkShape = once(() => loose({
  id: anyId,
  globalId: optionalText,
  relationship: optionalText,
  object: optionalObject({ url: optionalText, title: optionalText, summary: optionalText }),
}));

const ANSWERS = {
  getIssueWorklog: operation<{ total?: number; worklogs: RawWorklog[] }>(
    'getIssueWorklog',
    () => loose({ total: z.number().nullish(), worklogs: z.array(worklogShape()) }),
  ),
  addWorklog: operation<RawWorklog>('addWorklog', () => worklogShape()),
  getIssueLinkTypes: operation<{ issueLinkTypes: RawLinkType[] }>(
    'getIssueLinkTypes',
    () => loose({ issueLinkTypes: z.array(loose({ id: anyId, name: z.string(), inward: z.string(), outward: z.string() })) }),
  ),
  getRemoteIssueLinks: operation<RawRemoteLink[]>('getRemoteIssueLinks', () => z.array(remoteLinkShape())),
  createOrUpdateRemoteIssueLink: operation<{ id: number | string }>('createOrUpdateRemoteIssueLink', () => loose({ id: anyId })),
  getIssueWithChangelog: operation<{ changelog?: { histories?: RawHistory[] } }>(
    'getIssue',
    () => loose({ changelog: optionalObject({ histories: optionalList(historyShape()) }) }),
  ),
  getChangeLogs: operation<{ values: RawHistory[]; isLast?: boolean; total?: number }>(
    'getChangeLogs',
    () => loose({ values: z.array(historyShape()), isLast: z.boolean().nullish(), total: z.number().nullish() }),
  ),
  getBulkChangelogs: operation<{ issueChangeLogs: Array<{ issueId: string; changeHistories?: RawHistory[] }>; nextPageToken?: string }>(
    'getBulkChangelogs',
    () => loose({ issueChangeLogs: z.array(loose({ issueId: anyId, changeHistories: optionalList(historyShape()) })), nextPageToken: optionalText }),
  ),
};

export async function getWorklogs(jira: JiraClient, key: string, limit: number, signal?: AbortSignal): Promise<{ total: number; worklogs: RawWorklog[] }> {
  const page = await getAs(jira.http, ANSWERS.getIssueWorklog, `${jira.api}/issue/${segment(key)}/worklog`, { maxResults: limit }, signal);
  return { total: page.total ?? page.worklogs.length, worklogs: page.worklogs };
}

export function addWorklog(jira: JiraClient, key: string, body: { timeSpent: string; started: string; comment?: unknown }, signal?: AbortSignal): Promise<RawWorklog> {
  return requestAs(jira.http, ANSWERS.addWorklog, 'POST', `${jira.api}/issue/${segment(key)}/worklog`, { body, signal });
}

export async function getLinkTypes(jira: JiraClient, signal?: AbortSignal): Promise<RawLinkType[]> {
  const answer = await getAs(jira.http, ANSWERS.getIssueLinkTypes, `${jira.api}/issueLinkType`, undefined, signal);
  return answer.issueLinkTypes;
}

export async function createIssueLink(jira: JiraClient, body: { type: { name: string }; inwardIssue: { key: string }; outwardIssue: { key: string }; comment?: { body: unknown } }, signal?: AbortSignal): Promise<void> {
  await jira.http.request('POST', `${jira.api}/issueLink`, { body, signal });
}

export async function removeIssueLink(jira: JiraClient, linkId: string, signal?: AbortSignal): Promise<void> {
  await jira.http.request('DELETE', `${jira.api}/issueLink/${segment(linkId)}`, { signal });
}

export function getRemoteLinks(jira: JiraClient, key: string, signal?: AbortSignal): Promise<RawRemoteLink[]> {
  return getAs(jira.http, ANSWERS.getRemoteIssueLinks, `${jira.api}/issue/${segment(key)}/remotelink`, undefined, signal);
}

export function createRemoteLink(jira: JiraClient, key: string, body: { object: { url: string; title: string; summary?: string }; relationship?: string; globalId?: string }, signal?: AbortSignal): Promise<{ id: number | string }> {
  return requestAs(jira.http, ANSWERS.createOrUpdateRemoteIssueLink, 'POST', `${jira.api}/issue/${segment(key)}/remotelink`, { body, signal });
}

/** The whole changelog of an issue, oldest first: with the issue on Server/DC, paged on Cloud (at most `CHANGELOG_PAGE_BUDGET` pages). */
export async function getChangelog(jira: JiraClient, key: string, signal?: AbortSignal): Promise<Changelog> {
  if (jira.platform === 'server') {
    const issue = await getAs(jira.http, ANSWERS.getIssueWithChangelog, `${jira.api}/issue/${segment(key)}`, { fields: 'created', expand: 'changelog' }, signal);
    return { histories: issue.changelog?.histories ?? [] };
  }
  const listing = await collectPages<RawHistory, number>({
    first: 0,
    maxPages: CHANGELOG_PAGE_BUDGET,
    idOf: (history) => String(history.id),
    fetch: async (startAt) => {
      const page = await getAs(jira.http, ANSWERS.getChangeLogs, `${jira.api}/issue/${segment(key)}/changelog`, { startAt, maxResults: 100 }, signal);
      return { items: page.values, next: page.isLast === false ? startAt + page.values.length : undefined, total: page.total ?? undefined };
    },
  });
  return { histories: listing.items, stopped: listing.stopped };
}

/** Cloud: changelogs of many issues in one request, optionally only for some fields. */
export async function bulkChangelogs(
  jira: JiraClient,
  body: { issueIdsOrKeys: string[]; fieldIds?: string[]; maxResults: number; nextPageToken?: string },
  signal?: AbortSignal,
): Promise<{ issueChangeLogs: Array<{ issueId: string; changeHistories?: RawHistory[] }>; nextPageToken?: string; stopped?: PagingStop }> {
  const page = await requestAs(jira.http, ANSWERS.getBulkChangelogs, 'POST', `${jira.api}/changelog/bulkfetch`, { body, idempotent: true, signal });
  const received = page.issueChangeLogs.reduce((count, log) => count + (log.changeHistories?.length ?? 0), 0);
  const { next, stopped } = checkNext({ position: body.nextPageToken, next: page.nextPageToken ?? undefined, received });
  return { issueChangeLogs: page.issueChangeLogs, nextPageToken: next, stopped };
}
