/** Jira `issues` toolset, writes: create an issue, update one. Markdown in, ADF or wiki markup out. */
import { z } from 'zod';
import { markdownToJira } from '../../atlassian/format/markdown-to-jira.js';
import type { JiraClient } from '../../atlassian/jira/client.js';
import { bulkCreateIssues } from '../../atlassian/jira/projects.js';
import { defineJiraTool, type InstanceView } from '../define.js';
import { ToolInputError } from '../errors.js';
import { issueKey, listOf, nameOrId, projectKey, uncheckedIssueKey } from '../params.js';
import { assertIssueVisible, assertProjectVisible } from './guards.js';
import { withFieldIds } from './field-names.js';
import { requireUser } from './people.js';

const fieldsObject = z.record(z.string(), z.unknown()).describe('Other fields by id or name, in Jira\'s own shapes, e.g. {"Story Points": 5}');

const newIssue = z.strictObject({
  project_key: projectKey.describe('Project key, e.g. OPS'),
  summary: z.string().trim().min(1).max(255),
  issue_type: nameOrId('Issue type name, e.g. Bug, Story, Task').default('Task'),
  description: z.string().optional().describe('Markdown'),
  assignee: z.string().optional().describe('accountId, email or display name (Cloud); username (Server/DC)'),
  priority: z.string().optional().describe('Priority name, e.g. High'),
  labels: listOf(z.string()).optional(),
  components: listOf(z.string()).optional().describe('Component names'),
  parent_key: uncheckedIssueKey.optional().describe('Parent issue key (epic or parent of a sub-task)'),
  fields: fieldsObject.optional(),
});
type NewIssue = z.output<typeof newIssue>;

/** Jira's `fields` for a new issue: rich text converted for the platform, people resolved, names wrapped. */
async function createFields(jira: JiraClient, instance: InstanceView, args: NewIssue, signal: AbortSignal): Promise<Record<string, unknown>> {
  const projectKey = args.project_key;
  assertProjectVisible(instance, jira, projectKey, 'POST');
  return {
    project: { key: projectKey },
    summary: args.summary,
    issuetype: { name: args.issue_type },
    ...(args.description !== undefined ? { description: markdownToJira(args.description, jira.platform) } : {}),
    ...(args.assignee ? { assignee: await requireUser(jira, args.assignee, signal) } : {}),
    ...(args.priority ? { priority: { name: args.priority } } : {}),
    ...(args.labels ? { labels: args.labels } : {}),
    ...(args.components ? { components: args.components.map((name) => ({ name })) } : {}),
    ...(args.parent_key ? { parent: { key: args.parent_key } } : {}),
    ...(await withFieldIds(jira, args.fields, signal)),
  };
}

export const createIssue = defineJiraTool({
  name: 'create_issue',
  title: 'Create Jira issue',
  toolset: 'issues',
  inDefaultSet: true,
  access: 'write',
  description: 'Create an issue. The description is markdown (converted for the instance). Returns the new key and URL.',
  input: newIssue,
  output: z.object({ key: z.string(), id: z.string(), url: z.string() }),
  action: (args) => `Create issue in ${args.project_key}`,
  run: async ({ jira, instance, signal }, args) => {
    const fields = await createFields(jira, instance, args, signal);
    const created = await jira.createIssue(fields, signal);
    const url = jira.browseUrl(created.key);
    return { text: `Created ${created.key}: ${args.summary}\nURL: ${url}`, structured: { key: created.key, id: String(created.id), url } };
  },
});

export const updateIssue = defineJiraTool({
  name: 'update_issue',
  title: 'Update Jira issue',
  toolset: 'issues',
  inDefaultSet: true,
  access: 'destructive',
  idempotent: true,
  description: 'Change fields of an issue: summary, description (markdown), assignee (null unassigns), priority, labels, or any field by id. Only what you pass changes.',
  input: z.strictObject({
    issue_key: issueKey,
    summary: z.string().trim().min(1).max(255).optional(),
    description: z.string().optional().describe('Markdown; replaces the description'),
    assignee: z.string().nullable().optional().describe('accountId, email or name; null to unassign'),
    priority: z.string().optional(),
    labels: listOf(z.string()).optional().describe('Replaces all labels'),
    add_labels: listOf(z.string()).optional(),
    remove_labels: listOf(z.string()).optional(),
    fields: fieldsObject.optional(),
  }),
  output: z.object({ key: z.string(), url: z.string(), changed: z.array(z.string()) }),
  action: (args) => `Update issue ${args.issue_key}`,
  run: async ({ jira, instance, signal }, args) => {
    const key = args.issue_key;
    assertIssueVisible(instance, jira, key, 'PUT');
    const fields: Record<string, unknown> = await withFieldIds(jira, args.fields, signal);
    if (args.summary !== undefined) fields.summary = args.summary;
    if (args.description !== undefined) fields.description = markdownToJira(args.description, jira.platform);
    if (args.assignee !== undefined) fields.assignee = args.assignee === null ? null : await requireUser(jira, args.assignee, signal);
    if (args.priority !== undefined) fields.priority = { name: args.priority };
    if (args.labels !== undefined) fields.labels = args.labels;
    const labelOperations = [...(args.add_labels ?? []).map((label) => ({ add: label })), ...(args.remove_labels ?? []).map((label) => ({ remove: label }))];
    if (args.labels !== undefined && labelOperations.length > 0) throw new ToolInputError('pass labels (replace all) or add_labels/remove_labels, not both');
    const changed = [...Object.keys(fields), ...(labelOperations.length ? ['labels'] : [])];
    if (changed.length === 0) throw new ToolInputError('nothing to change: pass at least one field');
    await jira.updateIssue(key, { fields, ...(labelOperations.length ? { update: { labels: labelOperations } } : {}) }, signal);
    const url = jira.browseUrl(key);
    return { text: `Updated ${key} (${changed.join(', ')})\nURL: ${url}`, structured: { key, url, changed } };
  },
});

export const batchCreateIssues = defineJiraTool({
  name: 'batch_create_issues',
  title: 'Create Jira issues in bulk',
  toolset: 'issues',
  access: 'write',
  description: 'Create up to 50 issues in one request (same fields as create_issue). With validate_only, check and resolve everything without creating. Partial failures are listed per issue.',
  input: z.strictObject({ issues: z.array(newIssue).min(1).max(50), validate_only: z.boolean().default(false) }),
  output: z.object({ created: z.array(z.object({ key: z.string(), id: z.string(), url: z.string() })), failed: z.array(z.object({ index: z.number(), error: z.string() })), validated: z.number() }),
  action: (args) => `Create ${args.issues.length} issues`,
  run: async ({ jira, instance, signal }, args) => {
    const issueUpdates = await Promise.all(args.issues.map(async (issue) => ({ fields: await createFields(jira, instance, issue, signal) })));
    if (args.validate_only) {
      return { text: `All ${issueUpdates.length} issues are valid as far as the gateway can check (projects, people, formats); nothing was created.`, structured: { created: [], failed: [], validated: issueUpdates.length } };
    }
    const result = await bulkCreateIssues(jira, issueUpdates, signal);
    const created = (result.issues ?? []).map((issue) => ({ key: issue.key, id: String(issue.id), url: jira.browseUrl(issue.key) }));
    const failed = (result.errors ?? []).map((error) => ({
      index: error.failedElementNumber ?? -1,
      error: [...(error.elementErrors?.errorMessages ?? []), ...Object.entries(error.elementErrors?.errors ?? {}).map(([field, message]) => `${field}: ${message}`)].join('; '),
    }));
    const lines = [...created.map((issue) => `- Created ${issue.key}: ${issue.url}`), ...failed.map((failure) => `- Issue #${failure.index} (${args.issues[failure.index]?.summary ?? '?'}) failed: ${failure.error}`)];
    return { text: `Created ${created.length} of ${args.issues.length} issues.\n${lines.join('\n')}`, structured: { created, failed, validated: issueUpdates.length } };
  },
});
