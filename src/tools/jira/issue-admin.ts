/** Jira `issues` toolset, assignment and deletion. */
import { z } from 'zod';
import { assignIssue as assign } from '../../atlassian/jira/users.js';
import { defineJiraTool } from '../define.js';
import { issueKey } from '../params.js';

export const assignIssue = defineJiraTool({
  name: 'assign_issue',
  title: 'Assign Jira issue',
  toolset: 'issues',
  access: 'write',
  description:
    'Assign an issue to someone (accountId, email or name on Cloud; username on Server/DC), or unassign it with null.',
  input: () =>
    z.strictObject({
      issue_key: issueKey,
      assignee: z.string().min(1).nullable().describe('Person, or null to unassign'),
    }),
  output: () => z.object({ issue_key: z.string(), assignee: z.string().nullable() }),
  action: (args) => `Assign ${args.issue_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.issue_key;
    await assign(jira, key, args.assignee, signal);
    return {
      text: args.assignee === null ? `Unassigned ${key}.` : `Assigned ${key} to ${args.assignee}.`,
      structured: { issue_key: key, assignee: args.assignee },
    };
  },
});

export const deleteIssue = defineJiraTool({
  name: 'delete_issue',
  title: 'Delete Jira issue',
  toolset: 'issues',
  access: 'destructive',
  description: 'Permanently delete an issue (and, with delete_subtasks, its sub-tasks). This cannot be undone.',
  input: () => z.strictObject({ issue_key: issueKey, delete_subtasks: z.boolean().default(false) }),
  output: () => z.object({ issue_key: z.string(), deleted: z.boolean() }),
  action: (args) => `Delete ${args.issue_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.issue_key;
    await jira.deleteIssue(key, args.delete_subtasks, signal);
    return { text: `Deleted ${key}.`, structured: { issue_key: key, deleted: true } };
  },
});
