/**
 * Jira calls around an issue: worklogs, issue links, remote links, changelog. Comments are written in markdown and
 * converted for the platform; link entries of a changelog that name issues of hidden projects show a placeholder.
 */
import { z } from 'zod';
import { checkNext, collectPages, type PagingStop } from '../paging.js';
import { segment } from '../path.js';
import {
  anyId,
  getAs,
  loose,
  once,
  operation,
  optionalList,
  optionalObject,
  optionalText,
  requestAs,
} from '../shape.js';
import { historyShape, userShape } from './answer-shapes.js';
import type { JiraClient } from './client.js';
import { isoDate, personName, type RawUser } from './issue.js';
import { quoteJqlValue } from './jql.js';

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

/** One field change of a changelog, as the tools show it: when, by whom, which field, from what to what. */
export interface FieldChange {
  at: string | null;
  author: string | null;
  field: string;
  from: string | null;
  to: string | null;
}

/** Every field change of the given change groups, in their order. */
export function fieldChanges(histories: readonly RawHistory[]): FieldChange[] {
  return histories.flatMap((history) =>
    (history.items ?? []).map((item) => ({
      at: isoDate(history.created),
      author: personName(history.author),
      field: item.field ?? '',
      from: item.fromString ?? null,
      to: item.toString ?? null,
    })),
  );
}

/** Most changelog requests one call sends (100 change groups each). */
export const CHANGELOG_PAGE_BUDGET = 20;

const worklogShape = once(() =>
  loose({
    id: anyId,
    author: userShape().nullish(),
    started: optionalText,
    timeSpent: optionalText,
    timeSpentSeconds: z.number().nullish(),
  }),
);
const remoteLinkShape = once(() =>
  loose({
    id: anyId,
    globalId: optionalText,
    relationship: optionalText,
    object: optionalObject({ url: optionalText, title: optionalText, summary: optionalText }),
  }),
);

const ANSWERS = {
  getIssueLink: operation<{ inwardIssue?: { key?: string }; outwardIssue?: { key?: string } }>('getIssueLink', () =>
    loose({ inwardIssue: optionalObject({ key: optionalText }), outwardIssue: optionalObject({ key: optionalText }) }),
  ),
  getIssueWorklog: operation<{ total?: number; worklogs: RawWorklog[] }>('getIssueWorklog', () =>
    loose({ total: z.number().nullish(), worklogs: z.array(worklogShape()) }),
  ),
  addWorklog: operation<RawWorklog>('addWorklog', () => worklogShape()),
  getIssueLinkTypes: operation<{ issueLinkTypes: RawLinkType[] }>('getIssueLinkTypes', () =>
    loose({ issueLinkTypes: z.array(loose({ id: anyId, name: z.string(), inward: z.string(), outward: z.string() })) }),
  ),
  getRemoteIssueLinks: operation<RawRemoteLink[]>('getRemoteIssueLinks', () => z.array(remoteLinkShape())),
  createOrUpdateRemoteIssueLink: operation<{ id: number | string }>('createOrUpdateRemoteIssueLink', () =>
    loose({ id: anyId }),
  ),
  getIssueWithChangelog: operation<{ changelog?: { histories?: RawHistory[] } }>('getIssue', () =>
    loose({ changelog: optionalObject({ histories: optionalList(historyShape()) }) }),
  ),
  getChangeLogs: operation<{ values: RawHistory[]; isLast?: boolean; total?: number }>('getChangeLogs', () =>
    loose({ values: z.array(historyShape()), isLast: z.boolean().nullish(), total: z.number().nullish() }),
  ),
  getBulkChangelogs: operation<{
    issueChangeLogs: Array<{ issueId: string; changeHistories?: RawHistory[] }>;
    nextPageToken?: string;
  }>('getBulkChangelogs', () =>
    loose({
      issueChangeLogs: z.array(loose({ issueId: anyId, changeHistories: optionalList(historyShape()) })),
      nextPageToken: optionalText,
    }),
  ),
};

export async function getWorklogs(
  jira: JiraClient,
  key: string,
  limit: number,
  signal?: AbortSignal,
): Promise<{ total: number; worklogs: RawWorklog[] }> {
  const page = await getAs(
    jira.http,
    ANSWERS.getIssueWorklog,
    await jira.issuePath(key, 'GET', '/worklog', signal),
    { maxResults: limit },
    signal,
  );
  return { total: page.total ?? page.worklogs.length, worklogs: page.worklogs };
}

/** Logs time; `comment` is markdown. */
export async function addWorklog(
  jira: JiraClient,
  key: string,
  work: { timeSpent: string; started: string; comment?: string },
  signal?: AbortSignal,
): Promise<RawWorklog> {
  const path = await jira.issuePath(key, 'POST', '/worklog', signal);
  const body = {
    timeSpent: work.timeSpent,
    started: work.started,
    ...(work.comment ? { comment: await jira.toRichText(work.comment) } : {}),
  };
  return requestAs(jira.http, ANSWERS.addWorklog, 'POST', path, { body, signal });
}

export async function getLinkTypes(jira: JiraClient, signal?: AbortSignal): Promise<RawLinkType[]> {
  const answer = await getAs(jira.http, ANSWERS.getIssueLinkTypes, `${jira.api}/issueLinkType`, undefined, signal);
  return answer.issueLinkTypes;
}

/** Links two issues, read as "<outward> <outward phrase> <inward>"; `comment` (markdown) goes on the outward issue. */
export async function createIssueLink(
  jira: JiraClient,
  link: { type: string; outwardKey: string; inwardKey: string; comment?: string },
  signal?: AbortSignal,
): Promise<void> {
  const path = `${jira.api}/issueLink`;
  await jira.requireIssues([link.outwardKey, link.inwardKey], 'POST', path, signal);
  const body = {
    type: { name: link.type },
    outwardIssue: { key: link.outwardKey },
    inwardIssue: { key: link.inwardKey },
    ...(link.comment ? { comment: { body: await jira.toRichText(link.comment) } } : {}),
  };
  await jira.http.request('POST', path, { body, signal });
}

/** Removes a link by id; with an allow-list, both issues it joins must be visible (the link is read first). */
export async function removeIssueLink(jira: JiraClient, linkId: string, signal?: AbortSignal): Promise<void> {
  const path = `${jira.api}/issueLink/${segment(linkId)}`;
  if (jira.scope.limited) {
    const link = await getAs(jira.http, ANSWERS.getIssueLink, path, undefined, signal);
    await jira.requireIssues([link.inwardIssue?.key ?? '', link.outwardIssue?.key ?? ''], 'DELETE', path, signal);
  }
  await jira.http.request('DELETE', path, { signal });
}

export async function getRemoteLinks(jira: JiraClient, key: string, signal?: AbortSignal): Promise<RawRemoteLink[]> {
  return getAs(
    jira.http,
    ANSWERS.getRemoteIssueLinks,
    await jira.issuePath(key, 'GET', '/remotelink', signal),
    undefined,
    signal,
  );
}

export async function createRemoteLink(
  jira: JiraClient,
  key: string,
  body: { object: { url: string; title: string; summary?: string }; relationship?: string; globalId?: string },
  signal?: AbortSignal,
): Promise<{ id: number | string }> {
  return requestAs(
    jira.http,
    ANSWERS.createOrUpdateRemoteIssueLink,
    'POST',
    await jira.issuePath(key, 'POST', '/remotelink', signal),
    { body, signal },
  );
}

/** The whole changelog of an issue, oldest first: with the issue on Server/DC, paged on Cloud (at most `CHANGELOG_PAGE_BUDGET` pages). */
export async function getChangelog(jira: JiraClient, key: string, signal?: AbortSignal): Promise<Changelog> {
  if (jira.platform === 'server') {
    const issue = await getAs(
      jira.http,
      ANSWERS.getIssueWithChangelog,
      await jira.issuePath(key, 'GET', '', signal),
      { fields: 'created', expand: 'changelog' },
      signal,
    );
    return { histories: hideLinkedIssues(jira, issue.changelog?.histories ?? []) };
  }
  const path = await jira.issuePath(key, 'GET', '/changelog', signal);
  const listing = await collectPages<RawHistory, number>({
    first: 0,
    maxPages: CHANGELOG_PAGE_BUDGET,
    idOf: (history) => String(history.id),
    signal,
    fetch: async (startAt) => {
      const page = await getAs(jira.http, ANSWERS.getChangeLogs, path, { startAt, maxResults: 100 }, signal);
      return {
        items: page.values,
        next: page.isLast === false ? startAt + page.values.length : undefined,
        total: page.total ?? undefined,
      };
    },
  });
  return { histories: hideLinkedIssues(jira, listing.items), stopped: listing.stopped };
}

/** Changelogs of several issues, by key. */
export interface BulkChangelogs {
  issues: Array<{ key: string; histories: RawHistory[] }>;
  nextPageToken?: string;
  stopped?: PagingStop;
}

/** Cloud: changelogs of many issues in one request, optionally only for some fields. */
export async function bulkChangelogs(
  jira: JiraClient,
  request: { issueKeys: string[]; fieldIds?: string[]; maxResults: number; nextPageToken?: string },
  signal?: AbortSignal,
): Promise<BulkChangelogs> {
  const path = `${jira.api}/changelog/bulkfetch`;
  await jira.requireIssues(request.issueKeys, 'POST', path, signal);
  const body = {
    issueIdsOrKeys: request.issueKeys,
    ...(request.fieldIds?.length ? { fieldIds: request.fieldIds } : {}),
    maxResults: request.maxResults,
    ...(request.nextPageToken ? { nextPageToken: request.nextPageToken } : {}),
  };
  // The answer names issues by id; a search for the keys says which id is which.
  const [page, ids] = await Promise.all([
    requestAs(jira.http, ANSWERS.getBulkChangelogs, 'POST', path, { body, idempotent: true, signal }),
    jira.search({
      jql: `key in (${request.issueKeys.map(quoteJqlValue).join(', ')})`,
      fields: ['summary'],
      limit: request.issueKeys.length,
      signal,
    }),
  ]);
  const keyOf = new Map(ids.issues.map((issue) => [String(issue.id), issue.key]));
  const received = page.issueChangeLogs.reduce((count, log) => count + (log.changeHistories?.length ?? 0), 0);
  const { next, stopped } = checkNext({
    position: request.nextPageToken,
    next: page.nextPageToken ?? undefined,
    received,
  });
  const issues = page.issueChangeLogs.map((log) => ({
    key: keyOf.get(String(log.issueId)) ?? String(log.issueId),
    histories: hideLinkedIssues(jira, log.changeHistories ?? []),
  }));
  return { issues, nextPageToken: next, stopped };
}

/** Histories whose link entries (links, parents, Epic Links…) show issues of hidden projects as a placeholder. */
function hideLinkedIssues(jira: JiraClient, histories: RawHistory[]): RawHistory[] {
  if (!jira.scope.limited) return histories;
  return histories.map((history) => ({
    ...history,
    items: history.items?.map((item) => {
      const field = item.field ?? '';
      return {
        ...item,
        fromString: jira.scope.hideKeysInChange(field, item.fromString ?? null),
        toString: jira.scope.hideKeysInChange(field, item.toString ?? null),
      };
    }),
  }));
}
