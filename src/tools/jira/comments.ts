/** Jira `comments` toolset: add a comment written in markdown. */
import { z } from 'zod';
import { isoDate, personName } from '../../atlassian/jira/issue.js';
import { defineJiraTool } from '../define.js';
import { issueKey, numericId } from '../params.js';

export const addComment = defineJiraTool({
  name: 'add_comment',
  title: 'Comment on Jira issue',
  toolset: 'comments',
  inDefaultSet: true,
  access: 'write',
  description: 'Add a comment (markdown) to an issue, optionally visible only to a group or project role.',
  input: () =>
    z.strictObject({
      issue_key: issueKey,
      body: z.string().trim().min(1).describe('Markdown'),
      visibility: z
        .strictObject({ type: z.enum(['group', 'role']), value: z.string().min(1) })
        .optional()
        .describe('Restrict to a group or role'),
    }),
  output: () =>
    z.object({
      id: z.string(),
      issue_key: z.string(),
      author: z.string().nullable(),
      created: z.string().nullable(),
      url: z.string(),
    }),
  action: (args) => `Comment on ${args.issue_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.issue_key;
    const comment = await jira.addComment(key, args.body, args.visibility, signal);
    const url = jira.commentUrl(key, comment.id);
    const structured = {
      id: String(comment.id),
      issue_key: key,
      author: personName(comment.author),
      created: isoDate(comment.created),
      url,
    };
    return {
      text: `Added comment ${structured.id} to ${key}${args.visibility ? ` (visible to ${args.visibility.type} ${args.visibility.value})` : ''}\nURL: ${url}`,
      structured,
    };
  },
});

export const editComment = defineJiraTool({
  name: 'edit_comment',
  title: 'Edit Jira comment',
  toolset: 'comments',
  access: 'destructive',
  idempotent: true,
  description: 'Replace the body of an existing comment with new markdown.',
  input: () =>
    z.strictObject({
      issue_key: issueKey,
      comment_id: numericId('Comment id'),
      body: z.string().trim().min(1).describe('Markdown'),
    }),
  output: () => z.object({ id: z.string(), issue_key: z.string(), url: z.string() }),
  action: (args) => `Edit comment ${args.comment_id} on ${args.issue_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.issue_key;
    const comment = await jira.editComment(key, args.comment_id, args.body, signal);
    const url = jira.commentUrl(key, comment.id);
    return {
      text: `Updated comment ${comment.id} on ${key}\nURL: ${url}`,
      structured: { id: String(comment.id), issue_key: key, url },
    };
  },
});
