/**
 * New and changed issues from what a caller writes: descriptions in markdown (stored as ADF on Cloud, wiki markup
 * on Server/DC), people by accountId, email, name or username, other fields by id or by name. A new issue's project
 * and a changed issue must lie within the instance's projects.
 */
import { z } from 'zod';
import { anyId, loose, operation, optionalList, optionalObject, requestAs } from '../shape.js';
import type { JiraClient } from './client.js';
import { withFieldIds } from './field-names.js';
import { requireUser } from './people.js';

/** An issue to create, in the caller's terms. */
export interface NewIssue {
  projectKey: string;
  summary: string;
  /** Issue type name. */
  issueType: string;
  /** Markdown. */
  description?: string;
  /** A person: accountId, email or display name (Cloud), username (Server/DC). */
  assignee?: string;
  priority?: string;
  labels?: string[];
  /** Component names. */
  components?: string[];
  parentKey?: string;
  /** Other fields by id or name, in Jira's own shapes. */
  fields?: Record<string, unknown>;
}

/** What to change on an issue; what is absent stays as it is. */
export interface IssueEdit {
  summary?: string;
  /** Markdown; replaces the description. */
  description?: string;
  /** A person, or null to unassign. */
  assignee?: string | null;
  priority?: string;
  /** Replaces every label. */
  labels?: string[];
  addLabels?: string[];
  removeLabels?: string[];
  /** Other fields by id or name, in Jira's own shapes. */
  fields?: Record<string, unknown>;
}

export interface BulkCreateResult {
  issues?: Array<{ id: string; key: string }>;
  errors?: Array<{
    failedElementNumber?: number;
    elementErrors?: { errorMessages?: string[]; errors?: Record<string, string> };
  }>;
}

const ANSWERS = {
  createIssue: operation<{ id: string; key: string }>('createIssue', () => loose({ id: anyId, key: z.string() })),
  createIssues: operation<BulkCreateResult>('createIssues', () =>
    loose({
      issues: optionalList(loose({ id: anyId, key: z.string() })),
      errors: optionalList(loose({ failedElementNumber: z.number().nullish(), elementErrors: optionalObject({}) })),
    }),
  ),
};

export async function createIssue(
  jira: JiraClient,
  issue: NewIssue,
  signal?: AbortSignal,
): Promise<{ id: string; key: string }> {
  const fields = await newIssueFields(jira, issue, signal);
  return requestAs(jira.http, ANSWERS.createIssue, 'POST', `${jira.api}/issue`, { body: { fields }, signal });
}

/**
 * Checks and resolves every issue (project, people, fields, formats) and, unless `validateOnly`, creates them all
 * in one request, whose answer lists the failures per issue.
 */
export async function bulkCreateIssues(
  jira: JiraClient,
  issues: readonly NewIssue[],
  validateOnly: boolean,
  signal?: AbortSignal,
): Promise<{ validated: number; result?: BulkCreateResult }> {
  const issueUpdates = await Promise.all(
    issues.map(async (issue) => ({ fields: await newIssueFields(jira, issue, signal) })),
  );
  if (validateOnly) return { validated: issueUpdates.length };
  const result = await requestAs(jira.http, ANSWERS.createIssues, 'POST', `${jira.api}/issue/bulk`, {
    body: { issueUpdates },
    signal,
  });
  return { validated: issueUpdates.length, result };
}

/** Applies `edit` in one request; answers the ids of the fields set, and `labels` for label additions and removals. */
export async function editIssue(
  jira: JiraClient,
  key: string,
  edit: IssueEdit,
  signal?: AbortSignal,
): Promise<string[]> {
  const path = await jira.issuePath(key, 'PUT', '', signal);
  const fields: Record<string, unknown> = await withFieldIds(jira, edit.fields, signal);
  if (edit.summary !== undefined) fields.summary = edit.summary;
  if (edit.description !== undefined) fields.description = await jira.toRichText(edit.description);
  if (edit.assignee !== undefined)
    fields.assignee = edit.assignee === null ? null : await requireUser(jira, edit.assignee, signal);
  if (edit.priority !== undefined) fields.priority = { name: edit.priority };
  if (edit.labels !== undefined) fields.labels = edit.labels;
  const labelOperations = [
    ...(edit.addLabels ?? []).map((label) => ({ add: label })),
    ...(edit.removeLabels ?? []).map((label) => ({ remove: label })),
  ];
  await jira.http.request('PUT', path, {
    body: { fields, ...(labelOperations.length ? { update: { labels: labelOperations } } : {}) },
    signal,
  });
  return [...Object.keys(fields), ...(labelOperations.length ? ['labels'] : [])];
}

/** Jira's `fields` for a new issue: rich text converted for the platform, people resolved, names wrapped. */
async function newIssueFields(
  jira: JiraClient,
  issue: NewIssue,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  jira.requireProject(issue.projectKey, 'POST', `${jira.api}/issue`);
  if (issue.parentKey) await jira.requireIssues([issue.parentKey], 'POST', `${jira.api}/issue`, signal);
  return {
    project: { key: issue.projectKey },
    summary: issue.summary,
    issuetype: { name: issue.issueType },
    ...(issue.description !== undefined ? { description: await jira.toRichText(issue.description) } : {}),
    ...(issue.assignee ? { assignee: await requireUser(jira, issue.assignee, signal) } : {}),
    ...(issue.priority ? { priority: { name: issue.priority } } : {}),
    ...(issue.labels ? { labels: issue.labels } : {}),
    ...(issue.components ? { components: issue.components.map((name) => ({ name })) } : {}),
    ...(issue.parentKey ? { parent: { key: issue.parentKey } } : {}),
    ...(await withFieldIds(jira, issue.fields, signal)),
  };
}
