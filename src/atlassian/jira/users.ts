/** Jira people calls: profiles, assignable users, watchers, assignment. Cloud speaks accountId, Server/DC username. */
import { z } from 'zod';
import { getAs, loose, operation } from '../shape.js';
import { userShape } from './answer-shapes.js';
import type { JiraClient } from './client.js';
import type { RawUser } from './issue.js';
import { segment } from '../path.js';

const ANSWERS = {
  getUser: operation<RawUser>('getUser', () => userShape()),
  findAssignableUsers: operation<RawUser[]>('findAssignableUsers', () => z.array(userShape())),
  getIssueWatchers: operation<{ watchCount?: number; watchers: RawUser[] }>(
    'getIssueWatchers',
    () => loose({ watchCount: z.number().nullish(), watchers: z.array(userShape()) }),
  ),
};

/** One user by accountId (Cloud) or username (Server/DC). */
export function getUser(jira: JiraClient, reference: Record<string, string>, signal?: AbortSignal): Promise<RawUser> {
  const query = jira.platform === 'cloud' ? { accountId: reference.accountId } : { username: reference.name };
  return getAs(jira.http, ANSWERS.getUser, `${jira.api}/user`, query, signal);
}

export function assignableUsers(jira: JiraClient, options: { project?: string; issueKey?: string; query: string; limit: number; signal?: AbortSignal }): Promise<RawUser[]> {
  return getAs(jira.http, ANSWERS.findAssignableUsers, `${jira.api}/user/assignable/search`, {
    project: options.issueKey ? undefined : options.project,
    issueKey: options.issueKey,
    // Server/DC calls its search string `username`; Cloud calls it `query`.
    ...(jira.platform === 'cloud' ? { query: options.query } : { username: options.query }),
    maxResults: options.limit,
  }, options.signal);
}

export async function assignIssue(jira: JiraClient, key: string, reference: Record<string, string> | null, signal?: AbortSignal): Promise<void> {
  const body = reference ?? (jira.platform === 'cloud' ? { accountId: null } : { name: null });
  await jira.http.request('PUT', `${jira.api}/issue/${segment(key)}/assignee`, { body, signal });
}

export async function getWatchers(jira: JiraClient, key: string, signal?: AbortSignal): Promise<{ watchCount: number; watchers: RawUser[] }> {
  const answer = await getAs(jira.http, ANSWERS.getIssueWatchers, `${jira.api}/issue/${segment(key)}/watchers`, undefined, signal);
  return { watchCount: answer.watchCount ?? answer.watchers.length, watchers: answer.watchers };
}

/** The body is the bare accountId or username as a JSON string, as Jira expects. */
export async function addWatcher(jira: JiraClient, key: string, reference: Record<string, string>, signal?: AbortSignal): Promise<void> {
  await jira.http.request('POST', `${jira.api}/issue/${segment(key)}/watchers`, { body: reference.accountId ?? reference.name, signal });
}

export async function removeWatcher(jira: JiraClient, key: string, reference: Record<string, string>, signal?: AbortSignal): Promise<void> {
  const query = jira.platform === 'cloud' ? { accountId: reference.accountId } : { username: reference.name };
  await jira.http.request('DELETE', `${jira.api}/issue/${segment(key)}/watchers`, { query, signal });
}
