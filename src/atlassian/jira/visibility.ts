/**
 * An instance's project allow-list (`projects_filter`), held by its Jira client so that it applies below every tool:
 * the client refuses an issue or project outside it as not found, narrows every JQL search to it, and leaves hidden
 * projects out of listings. Issues of hidden projects that reach an answer indirectly — as a link, a parent, a
 * sub-task, an Epic Link value, a link entry in a changelog — are shown as a placeholder, never with their key or
 * summary, so the list hides the same things whichever way an issue is reached.
 */
import { AllowList } from '../allow-list.js';
import { restrictToProjects } from './jql.js';

export const HIDDEN_ISSUE = "hidden (outside this instance's projects)";

const ISSUE_KEY = /^[A-Za-z][A-Za-z0-9_]*-\d+$/;
const KEY_IN_TEXT = /\b[A-Za-z][A-Za-z0-9_]*-\d+\b/g;
/** Changelog fields whose values name other issues. */
const LINK_FIELDS = new Set([
  'link',
  'parent',
  'epic link',
  'epic child',
  'parent link',
  'issueparentassociation',
  'sub-task',
  'subtask',
]);

export class ProjectScope extends AllowList {
  /** Whether the project is allowed; with a list, a numeric id is not, since nothing tells its key. */
  allowsProject(projectKey: string): boolean {
    return this.allows(projectKey);
  }

  /** Whether an issue key (or id) belongs to an allowed project. */
  allowsIssue(issueKey: string): boolean {
    return this.allows(issueKey.split('-')[0] ?? '');
  }

  /** A caller's JQL with `project in (…)` ANDed in; refused, never sent, when it could escape the list. */
  restrict(jql: string): string {
    return restrictToProjects(jql, this.entries);
  }

  /** Whether an issue key names an issue of a hidden project. */
  isHidden(key: string): boolean {
    return ISSUE_KEY.test(key) && !this.allowsIssue(key);
  }

  /** The key, or the placeholder when its project is hidden. */
  visibleKey(key: string): string {
    return this.isHidden(key) ? HIDDEN_ISSUE : key;
  }

  /**
   * A field value as returned by Jira with every hidden issue in it replaced by the placeholder: issue objects
   * (sub-tasks, parent, linked issues: they carry a `key` and `fields` or `self`) and bare issue keys (the Epic Link).
   */
  hideIssuesIn(value: unknown): unknown {
    if (!this.limited) return value;
    if (typeof value === 'string') return this.visibleKey(value);
    if (Array.isArray(value)) return value.map((item) => this.hideIssuesIn(item));
    if (!value || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    const isIssue = typeof record.key === 'string' && ('fields' in record || 'self' in record);
    if (isIssue && this.isHidden(record.key as string)) return HIDDEN_ISSUE;
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, this.hideIssuesIn(item)]));
  }

  /** A changelog value of a link-like field with the keys of hidden issues replaced, e.g. "This issue blocks …". */
  hideKeysInChange(field: string, text: string | null): string | null {
    if (text === null || !this.limited || !LINK_FIELDS.has(field.toLowerCase())) return text;
    return text.replace(KEY_IN_TEXT, (key) => this.visibleKey(key));
  }
}
