/**
 * People in Jira requests: Cloud identifies users by accountId, Server/Data Center by username. Callers may
 * give an accountId, an email, a display name or a username; this turns it into what the platform wants.
 */
import type { JiraClient } from './client.js';

const ACCOUNT_ID = /^(?:[0-9a-f]{24}|\d+:[0-9a-f-]{36}|[0-9a-f]{8}-[0-9a-f-]{27})$/i;

/** `{accountId}` on Cloud or `{name}` on Server/DC; undefined when no Cloud user matches. */
export async function userReference(jira: JiraClient, identifier: string, signal?: AbortSignal): Promise<Record<string, string> | undefined> {
  if (jira.platform === 'server') return { name: identifier };
  if (ACCOUNT_ID.test(identifier)) return { accountId: identifier };
  const candidates = await jira.searchUsers(identifier, signal);
  const wanted = identifier.toLowerCase();
  const exact = candidates.find((user) => user.emailAddress?.toLowerCase() === wanted || user.displayName?.toLowerCase() === wanted);
  const chosen = exact ?? (candidates.length === 1 ? candidates[0] : undefined);
  return chosen?.accountId ? { accountId: chosen.accountId } : undefined;
}
