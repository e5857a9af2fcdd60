/** The changelog of sandbox issues: every change the routes make is recorded the way Jira records it. */
import type { SandboxIssue, SandboxUser } from './jira-model.js';

/** Appends one field change to an issue's changelog. */
export function recordChange(
  issue: SandboxIssue,
  author: SandboxUser,
  field: string,
  from: string | null,
  to: string | null,
  at = new Date(),
): void {
  issue.history.push({
    id: String(50000 + issue.history.length + Number(issue.id) * 100),
    author,
    created: at.toISOString().replace('Z', '+0000'),
    items: [{ field, fieldtype: 'jira', from, fromString: from, to, toString: to }],
  });
}
