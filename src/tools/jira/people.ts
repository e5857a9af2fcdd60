/** Turns what a model calls a person (accountId, email, name, username) into a Jira user reference, or says why not. */
import type { JiraClient } from '../../atlassian/jira/client.js';
import type { RawUser } from '../../atlassian/jira/issue.js';
import { userReference } from '../../atlassian/jira/people.js';
import { ToolInputError } from '../errors.js';

export async function requireUser(jira: JiraClient, identifier: string, signal: AbortSignal): Promise<Record<string, string>> {
  const reference = await userReference(jira, identifier, signal);
  if (!reference) throw new ToolInputError(`no single user matches "${identifier}"; pass an accountId or an exact email`);
  return reference;
}

/** The compact person record tools return. */
export function personRecord(user: RawUser): { display_name: string | null; account_id: string | null; username: string | null; email: string | null; active: boolean | null } {
  const raw = user as RawUser & { active?: boolean };
  return {
    display_name: user.displayName ?? null,
    account_id: user.accountId ?? null,
    username: user.name ?? null,
    email: user.emailAddress ?? null,
    active: raw.active ?? null,
  };
}

export function personLine(user: RawUser): string {
  const id = user.accountId ? `accountId ${user.accountId}` : user.name ? `username ${user.name}` : '';
  return `- ${user.displayName ?? user.name ?? user.accountId ?? 'unknown'}${user.emailAddress ? ` <${user.emailAddress}>` : ''}${id ? ` (${id})` : ''}`;
}
