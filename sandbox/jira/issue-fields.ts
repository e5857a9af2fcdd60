/**
 * Writing fields to a sandbox issue, as create and edit do: each field validated the way Jira validates it (rich
 * text in the flavour's own format, people by accountId on Cloud and by username on Server/DC), errors per field.
 */
import { ISSUE_TYPES, PRIORITIES } from '../fixtures/jira-fields.js';
import { EXTERNAL_ISSUES } from '../fixtures/jira-site.js';
import type { JiraContext } from './jira-context.js';
import type { SandboxIssue, SandboxUser } from './jira-model.js';

export type Fields = Record<string, unknown>;

/** Sets one field on the issue, or returns Jira's message for that field. */
type FieldSetter = (issue: SandboxIssue, value: unknown, jira: JiraContext) => string | undefined;

const named = (value: unknown) => (value as { name?: string } | null)?.name;

const SETTERS: Record<string, FieldSetter> = {
  project: () => undefined,
  issuetype: () => undefined,
  summary: (issue, value) => {
    if (typeof value !== 'string' || !value.trim()) return 'You must specify a summary of the issue.';
    issue.summary = value;
  },
  description: (issue, value, { cloud }) => {
    if (
      value !== null &&
      (cloud ? typeof value !== 'object' || (value as { type?: string }).type !== 'doc' : typeof value !== 'string')
    ) {
      return cloud
        ? 'Operation value must be an Atlassian Document (see the Atlassian Document Format).'
        : 'Operation value must be a string';
    }
    issue.description = value;
  },
  assignee: (issue, value, { cloud, data }) => {
    if (value === null) {
      issue.assignee = null;
      return undefined;
    }
    const person = findUser(data.users, value, cloud);
    if (!person)
      return cloud ? 'Specify a valid accountId for the assignee.' : `User '${named(value)}' does not exist.`;
    issue.assignee = person;
  },
  priority: (issue, value) => {
    if (!PRIORITIES.includes(String(named(value)))) return 'Specify a valid priority name.';
    issue.priority = named(value) as SandboxIssue['priority'];
  },
  labels: (issue, value) => {
    if (!Array.isArray(value) || value.some((label) => typeof label !== 'string' || /\s/.test(label)))
      return 'Labels are strings without spaces.';
    issue.labels = value as string[];
  },
  components: (issue, value) => {
    issue.components = Array.isArray(value)
      ? value.map((component) => String((component as { name?: string }).name))
      : [];
  },
  parent: (issue, value, { findIssue }) => {
    // A parent may live in another project (an epic of a program board): the EXTERNAL_ISSUES.
    const key = String((value as { key?: string } | null)?.key ?? '');
    if (!findIssue(key) && !EXTERNAL_ISSUES[key.toUpperCase()]) return 'Could not find the parent issue.';
    issue.parent = String((value as { key: string }).key).toUpperCase();
  },
  resolution: (issue, value) => {
    issue.resolution = String(named(value) ?? 'Done');
  },
};

/** Applies fields to an issue, returning per-field errors like Jira's `errors` map. */
export function applyFields(jira: JiraContext, issue: SandboxIssue, fields: Fields): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields)) {
    const setter = Object.hasOwn(SETTERS, field) ? SETTERS[field] : undefined;
    if (setter) {
      const error = setter(issue, value, jira);
      if (error) errors[field] = error;
    } else if (!field.startsWith('customfield_'))
      errors[field] = `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;
    else issue.custom[field] = value;
  }
  return errors;
}

/** Creates one issue from `fields`, or returns Jira's per-field errors without creating anything. */
export function createIssue(
  jira: JiraContext,
  fields: Fields,
): { issue: SandboxIssue } | { errors: Record<string, string> } {
  const { data } = jira;
  const errors: Record<string, string> = {};
  const typeName = String((fields.issuetype as { name?: string } | undefined)?.name);
  if ((fields.project as { key?: string } | undefined)?.key !== data.projectKey)
    errors.project = 'Specify a valid project ID or key';
  if (!ISSUE_TYPES.some((type) => type.name === typeName)) errors.issuetype = 'Specify a valid issue type';
  if (typeof fields.summary !== 'string' || !fields.summary.trim())
    errors.summary = 'You must specify a summary of the issue.';
  const issue = blankIssue(typeName as SandboxIssue['type'], data.users[0]!);
  const allErrors = { ...applyFields(jira, issue, fields), ...errors };
  if (Object.keys(allErrors).length > 0) return { errors: allErrors };
  issue.id = String(data.nextId++);
  issue.key = `${data.projectKey}-${Math.max(0, ...data.issues.map((existing) => Number(existing.key.split('-')[1]))) + 1}`;
  data.issues.push(issue);
  return { issue };
}

function blankIssue(type: SandboxIssue['type'], reporter: SandboxUser): SandboxIssue {
  const now = new Date().toISOString().replace('Z', '+0000');
  return {
    id: '',
    key: '',
    summary: '',
    status: 'To Do',
    type,
    priority: 'Medium',
    assignee: null,
    reporter,
    created: now,
    updated: now,
    labels: [],
    components: [],
    resolution: null,
    parent: null,
    description: null,
    comments: [],
    custom: {},
    watchers: [reporter],
    worklogs: [],
    remoteLinks: [],
    history: [],
    sprint: null,
    attachments: [],
  };
}

function findUser(users: readonly SandboxUser[], value: unknown, cloud: boolean): SandboxUser | undefined {
  const reference = value as { accountId?: string; name?: string } | null;
  return users.find((user) => (cloud ? user.accountId === reference?.accountId : user.name === reference?.name));
}
