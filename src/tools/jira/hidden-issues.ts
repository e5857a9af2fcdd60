/**
 * Issues of projects outside an instance's `projects_filter` that reach a tool indirectly — as a link, a parent,
 * a sub-task, an Epic Link value, a link entry in a changelog — are shown as a placeholder, never with their key
 * or summary, so an allow-list hides the same things whichever way an issue is reached.
 */
import { isProjectAllowed } from '../../atlassian/jira/jql.js';

export const HIDDEN_ISSUE = "hidden (outside this instance's projects)";

const ISSUE_KEY = /^[A-Za-z][A-Za-z0-9_]*-\d+$/;
const KEY_IN_TEXT = /\b[A-Za-z][A-Za-z0-9_]*-\d+\b/g;
/** Changelog fields whose values name other issues. */
const LINK_FIELDS = new Set(['link', 'parent', 'epic link', 'epic child', 'parent link', 'issueparentassociation', 'sub-task', 'subtask']);

/** Whether an issue key belongs to a project the instance hides (an allow-list is set and leaves it out). */
export function isHiddenIssue(key: string, projects: readonly string[] | undefined): boolean {
  return ISSUE_KEY.test(key) && !isProjectAllowed(key, projects);
}

/** The key, or the placeholder when its project is hidden. */
export function visibleIssueKey(key: string, projects: readonly string[] | undefined): string {
  return isHiddenIssue(key, projects) ? HIDDEN_ISSUE : key;
}

/**
 * A field value as returned by Jira with every hidden issue in it replaced by the placeholder: issue objects
 * (sub-tasks, parent, linked issues: they carry a `key` and `fields` or `self`) and bare issue keys (the Epic Link).
 */
export function hideIssuesIn(value: unknown, projects: readonly string[] | undefined): unknown {
  if (!projects || projects.length === 0) return value;
  if (typeof value === 'string') return isHiddenIssue(value, projects) ? HIDDEN_ISSUE : value;
  if (Array.isArray(value)) return value.map((item) => hideIssuesIn(item, projects));
  if (!value || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const isIssue = typeof record.key === 'string' && ('fields' in record || 'self' in record);
  if (isIssue && isHiddenIssue(record.key as string, projects)) return HIDDEN_ISSUE;
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, hideIssuesIn(item, projects)]));
}

/** A changelog value of a link-like field with the keys of hidden issues replaced, e.g. "This issue blocks …". */
export function hideKeysInChange(field: string, text: string | null, projects: readonly string[] | undefined): string | null {
  if (text === null || !projects || projects.length === 0 || !LINK_FIELDS.has(field.toLowerCase())) return text;
  return text.replace(KEY_IN_TEXT, (key) => visibleIssueKey(key, projects));
}
