/** How the Jira tools show a person: a compact record and a markdown line. */
import type { RawUser } from '../../atlassian/jira/issue.js';

/** The compact person record tools return. */
export function personRecord(user: RawUser): {
  display_name: string | null;
  account_id: string | null;
  username: string | null;
  email: string | null;
  active: boolean | null;
} {
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
