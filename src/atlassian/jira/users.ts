/**
 * Jira people calls: profiles, assignable users, watchers, assignment. Callers name people as they like (accountId,
 * email, display name, username); these turn that into what the platform wants, accountId on Cloud and username on
 * Server/DC, so tools never see the difference.
 */
import { z } from 'zod';
import { getAs, loose, operation } from '../shape.js';
import { userShape } from './answer-shapes.js';
import type { JiraClient } from './client.js';
import type { RawUser } from './issue.js';
import { requireUser, type UserReference } from './people.js';

const ANSWERS = {
  getUser: operation<RawUser>('getUser', () => userShape()),
  findAssignableUsers: operation<RawUser[]>('findAssignableUsers', () => z.array(userShape())),
  getIssueWatchers: operation<{ watchCount?: number; watchers: RawUser[] }>('getIssueWatchers', () =>
    loose({ watchCount: z.number().nullish(), watchers: z.array(userShape()) }),
  ),
};

/** One user, by what the caller calls them. */
export async function getUser(jira: JiraClient, identifier: string, signal?: AbortSignal): Promise<RawUser> {
  const reference = await requireUser(jira, identifier, signal);
  return getAs(jira.http, ANSWERS.getUser, `${jira.api}/user`, userQuery(reference), signal);
}

/** People who can be assigned issues of a project or one issue; both must be visible on the instance. */
export async function assignableUsers(
  jira: JiraClient,
  options: { project?: string; issueKey?: string; query: string; limit: number; signal?: AbortSignal },
): Promise<RawUser[]> {
  const path = `${jira.api}/user/assignable/search`;
  if (options.issueKey) await jira.requireIssues([options.issueKey], 'GET', path, options.signal);
  if (options.project) jira.requireProject(options.project, 'GET', path);
  return getAs(
    jira.http,
    ANSWERS.findAssignableUsers,
    path,
    {
      project: options.issueKey ? undefined : options.project,
      issueKey: options.issueKey,
      // Server/DC calls its search string `username`; Cloud calls it `query`.
      ...(jira.platform === 'cloud' ? { query: options.query } : { username: options.query }),
      maxResults: options.limit,
    },
    options.signal,
  );
}

/** Assigns the issue to a person, or unassigns it with null. */
export async function assignIssue(
  jira: JiraClient,
  key: string,
  assignee: string | null,
  signal?: AbortSignal,
): Promise<void> {
  const path = await jira.issuePath(key, 'PUT', '/assignee', signal);
  const body =
    assignee === null
      ? jira.platform === 'cloud'
        ? { accountId: null }
        : { name: null }
      : await requireUser(jira, assignee, signal);
  await jira.http.request('PUT', path, { body, signal });
}

export async function getWatchers(
  jira: JiraClient,
  key: string,
  signal?: AbortSignal,
): Promise<{ watchCount: number; watchers: RawUser[] }> {
  const answer = await getAs(
    jira.http,
    ANSWERS.getIssueWatchers,
    await jira.issuePath(key, 'GET', '/watchers', signal),
    undefined,
    signal,
  );
  return { watchCount: answer.watchCount ?? answer.watchers.length, watchers: answer.watchers };
}

/** The body is the bare accountId or username as a JSON string, as Jira expects. */
export async function addWatcher(jira: JiraClient, key: string, watcher: string, signal?: AbortSignal): Promise<void> {
  const path = await jira.issuePath(key, 'POST', '/watchers', signal);
  const reference = await requireUser(jira, watcher, signal);
  await jira.http.request('POST', path, {
    body: 'accountId' in reference ? reference.accountId : reference.name,
    signal,
  });
}

export async function removeWatcher(
  jira: JiraClient,
  key: string,
  watcher: string,
  signal?: AbortSignal,
): Promise<void> {
  const path = await jira.issuePath(key, 'DELETE', '/watchers', signal);
  const reference = await requireUser(jira, watcher, signal);
  await jira.http.request('DELETE', path, { query: userQuery(reference), signal });
}

/** A person as a query: `accountId` on Cloud, `username` on Server/DC. */
function userQuery(reference: UserReference): Record<string, string> {
  return 'accountId' in reference ? { accountId: reference.accountId } : { username: reference.name };
}
