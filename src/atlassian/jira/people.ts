/**
 * People in Jira requests: Cloud identifies users by accountId, Server/Data Center by username. Callers may
 * give an accountId, an email, a display name or a username; this turns it into what the platform wants.
 */
import { ToolInputError } from '../input-error.js';
import type { JiraClient } from './client.js';

/**
 * The shapes Atlassian documents accountIds in (opaque strings of at most 128 characters): 24 letters and digits
 * (`5b10ac8d82e05b22cc7d4ef5`, `5b10a2844c20165700ede21g`), a prefix and colon-separated parts
 * (`557058:f58131cb-b67d-43c7-b30d-6b58d40bd077`, `712020:…`, `qm:a713c8ea-…:5ad6d3581db05e2a66fa80b`), dashed
 * hexadecimal groups (`0000-0000-0000-0000`, a bare UUID) and plain numbers (`100001`). Emails and names have an
 * `@`, a space, or none of these shapes, and go through user search instead.
 */
const ACCOUNT_ID = /^(?=.{1,128}$)(?=.*\d)(?:[0-9a-z]{24}|[0-9a-z]+(?::[0-9a-z-]+)+|[0-9a-f]+(?:-[0-9a-f]+)+|\d+)$/i;

/** Whether `identifier` has the shape of an Atlassian accountId. */
export function isAccountId(identifier: string): boolean {
  return ACCOUNT_ID.test(identifier);
}

/** How Jira's requests name a person: `{accountId}` on Cloud, `{name}` (the username) on Server/DC. */
export type UserReference = { accountId: string } | { name: string };

/** The reference for what a caller calls a person, or an input error saying that no single user matches. */
export async function requireUser(jira: JiraClient, identifier: string, signal?: AbortSignal): Promise<UserReference> {
  const reference = await userReference(jira, identifier, signal);
  if (!reference)
    throw new ToolInputError(`no single user matches "${identifier}"; pass an accountId or an exact email`);
  return reference;
}

/** `{accountId}` on Cloud or `{name}` on Server/DC; undefined when no Cloud user matches. */
async function userReference(
  jira: JiraClient,
  identifier: string,
  signal?: AbortSignal,
): Promise<UserReference | undefined> {
  if (jira.platform === 'server') return { name: identifier };
  if (isAccountId(identifier)) return { accountId: identifier };
  const candidates = await jira.searchUsers(identifier, signal);
  const wanted = identifier.toLowerCase();
  const exact = candidates.find(
    (user) =>
      user.accountId === identifier ||
      user.emailAddress?.toLowerCase() === wanted ||
      user.displayName?.toLowerCase() === wanted,
  );
  const chosen = exact ?? (candidates.length === 1 ? candidates[0] : undefined);
  return chosen?.accountId ? { accountId: chosen.accountId } : undefined;
}
