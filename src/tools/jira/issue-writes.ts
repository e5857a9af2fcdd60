/** Jira `issues` toolset, writes: create an issue, update one. Markdown in; the client stores it as ADF or wiki markup. */
import { z } from 'zod';
import {
  bulkCreateIssues,
  createIssue as create,
  editIssue,
  type NewIssue,
} from '../../atlassian/jira/issue-writes.js';
import { withRole } from '../argument-roles.js';
import { defineJiraTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { issueKey, listOf, nameOrId, projectKey, uncheckedIssueKey } from '../params.js';

const fieldsObject = z
  .record(z.string(), z.unknown())
  .describe('Other fields by id or name, in Jira\'s own shapes, e.g. {"Story Points": 5}');

const newIssue = z.strictObject({
  project_key: projectKey.describe('Project key, e.g. OPS'),
  summary: z.string().trim().min(1).max(255),
  issue_type: nameOrId('Issue type name, e.g. Bug, Story, Task').default('Task'),
  description: z.string().optional().describe('Markdown'),
  assignee: withRole(
    'person',
    z.string().optional().describe('accountId, email or display name (Cloud); username (Server/DC)'),
  ),
  priority: z.string().optional().describe('Priority name, e.g. High'),
  labels: listOf(z.string()).optional(),
  components: listOf(z.string()).optional().describe('Component names'),
  parent_key: uncheckedIssueKey.optional().describe('Parent issue key (epic or parent of a sub-task)'),
  fields: fieldsObject.optional(),
});

/** The arguments of a new issue in the client's terms. */
function toNewIssue(args: z.output<typeof newIssue>): NewIssue {
  const { project_key: projectKey, issue_type: issueType, parent_key: parentKey, ...rest } = args;
  return { ...rest, projectKey, issueType, parentKey };
}

export const createIssue = defineJiraTool({
  name: 'create_issue',
  title: 'Create Jira issue',
  toolset: 'issues',
  inDefaultSet: true,
  access: 'write',
  description:
    'Create an issue. The description is markdown (converted for the instance). Returns the new key and URL.',
  input: () => newIssue,
  output: () => z.object({ key: z.string(), id: z.string(), url: z.string() }),
  action: (args) => `Create issue in ${args.project_key}`,
  run: async ({ jira, signal }, args) => {
    const created = await create(jira, toNewIssue(args), signal);
    const url = jira.browseUrl(created.key);
    return {
      text: `Created ${created.key}: ${args.summary}\nURL: ${url}`,
      structured: { key: created.key, id: String(created.id), url },
    };
  },
});

export const updateIssue = defineJiraTool({
  name: 'update_issue',
  title: 'Update Jira issue',
  toolset: 'issues',
  inDefaultSet: true,
  access: 'destructive',
  idempotent: true,
  description:
    'Change fields of an issue: summary, description (markdown), assignee (null unassigns), priority, labels, or any field by id. Only what you pass changes.',
  input: () =>
    z.strictObject({
      issue_key: issueKey,
      summary: z.string().trim().min(1).max(255).optional(),
      description: z.string().optional().describe('Markdown; replaces the description'),
      assignee: withRole(
        'person',
        z.string().nullable().optional().describe('accountId, email or name; null to unassign'),
      ),
      priority: z.string().optional(),
      labels: listOf(z.string()).optional().describe('Replaces all labels'),
      add_labels: listOf(z.string()).optional(),
      remove_labels: listOf(z.string()).optional(),
      fields: fieldsObject.optional(),
    }),
  output: () => z.object({ key: z.string(), url: z.string(), changed: z.array(z.string()) }),
  action: (args) => `Update issue ${args.issue_key}`,
  run: async ({ jira, signal }, args) => {
    const { issue_key: key, add_labels: addLabels, remove_labels: removeLabels, fields, ...named } = args;
    const labelOperations = (addLabels?.length ?? 0) + (removeLabels?.length ?? 0);
    if (args.labels !== undefined && labelOperations > 0)
      throw new ToolInputError('pass labels (replace all) or add_labels/remove_labels, not both');
    const given =
      Object.values(named).some((value) => value !== undefined) ||
      labelOperations > 0 ||
      Object.keys(fields ?? {}).length > 0;
    if (!given) throw new ToolInputError('nothing to change: pass at least one field');
    const changed = await editIssue(jira, key, { ...named, addLabels, removeLabels, fields }, signal);
    const url = jira.browseUrl(key);
    return { text: `Updated ${key} (${changed.join(', ')})\nURL: ${url}`, structured: { key, url, changed } };
  },
});

export const batchCreateIssues = defineJiraTool({
  name: 'batch_create_issues',
  title: 'Create Jira issues in bulk',
  toolset: 'issues',
  access: 'write',
  description:
    'Create up to 50 issues in one request (same fields as create_issue). With validate_only, check and resolve everything without creating. Partial failures are listed per issue.',
  input: () => z.strictObject({ issues: z.array(newIssue).min(1).max(50), validate_only: z.boolean().default(false) }),
  output: () =>
    z.object({
      created: z.array(z.object({ key: z.string(), id: z.string(), url: z.string() })),
      failed: z.array(z.object({ index: z.number(), error: z.string() })),
      validated: z.number(),
    }),
  action: (args) => `Create ${args.issues.length} issues`,
  run: async ({ jira, signal }, args) => {
    const { validated, result } = await bulkCreateIssues(jira, args.issues.map(toNewIssue), args.validate_only, signal);
    if (!result) {
      return {
        text: `All ${validated} issues are valid as far as the gateway can check (projects, people, formats); nothing was created.`,
        structured: { created: [], failed: [], validated },
      };
    }
    const created = (result.issues ?? []).map((issue) => ({
      key: issue.key,
      id: String(issue.id),
      url: jira.browseUrl(issue.key),
    }));
    const failed = (result.errors ?? []).map((error) => ({
      index: error.failedElementNumber ?? -1,
      error: [
        ...(error.elementErrors?.errorMessages ?? []),
        ...Object.entries(error.elementErrors?.errors ?? {}).map(([field, message]) => `${field}: ${message}`),
      ].join('; '),
    }));
    const lines = [
      ...created.map((issue) => `- Created ${issue.key}: ${issue.url}`),
      ...failed.map(
        (failure) =>
          `- Issue #${failure.index} (${args.issues[failure.index]?.summary ?? '?'}) failed: ${failure.error}`,
      ),
    ];
    return {
      text: `Created ${created.length} of ${args.issues.length} issues.\n${lines.join('\n')}`,
      structured: { created, failed, validated },
    };
  },
});
