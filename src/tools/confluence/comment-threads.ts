/** Confluence `comments` toolset: replies, and (Cloud) inline comments anchored to highlighted text. */
import { z } from 'zod';
import {
  addFooterComment,
  addInlineComment as addInline,
  getInlineComments as fetchInline,
} from '../../atlassian/confluence/writes.js';
import { storageToMarkdown } from '../../atlassian/format/storage-to-markdown.js';
import { writeStorage } from '../../atlassian/format/written-storage.js';
import { defineConfluenceTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { limit, numericId } from '../params.js';
import { shortDate } from '../text.js';
import { commentSchema } from './schemas.js';

export const replyToComment = defineConfluenceTool({
  name: 'reply_to_comment',
  title: 'Reply to Confluence comment',
  toolset: 'comments',
  access: 'write',
  description: 'Reply (markdown) to a footer comment on a page.',
  input: () =>
    z.strictObject({
      page_id: numericId('Page id'),
      comment_id: numericId('The comment to reply to'),
      body: z.string().trim().min(1).describe('Markdown'),
    }),
  output: () => z.object({ id: z.string(), page_id: z.string(), parent_id: z.string() }),
  action: (args) => `Reply to comment ${args.comment_id}`,
  run: async ({ confluence, signal }, args) => {
    const page = await confluence.getPage(args.page_id, { signal });
    const reply = await addFooterComment(confluence, page, await writeStorage(args.body), signal, args.comment_id);
    return {
      text: `Replied to comment ${args.comment_id} on "${page.title}" (reply ${reply.id}).`,
      structured: { id: reply.id, page_id: args.page_id, parent_id: args.comment_id },
    };
  },
});

export const getInlineComments = defineConfluenceTool({
  name: 'get_inline_comments',
  title: 'Get Confluence inline comments',
  toolset: 'comments',
  access: 'read',
  platforms: ['cloud'],
  description:
    'Read the inline comments of a page: the highlighted text each refers to, the comment as markdown, and whether it is resolved.',
  input: () => z.strictObject({ page_id: numericId('Page id'), limit: limit(25, 100) }),
  output: () =>
    z.object({
      page_id: z.string(),
      comments: z.array(commentSchema({ selection: z.string().nullable(), resolved: z.boolean() })),
    }),
  action: (args) => `Get inline comments of page ${args.page_id}`,
  run: async ({ confluence, signal }, args) => {
    const page = await confluence.getPage(args.page_id, { signal });
    const comments = (await fetchInline(confluence, page, args.limit, signal)).map(({ storage, ...comment }) => ({
      ...comment,
      body: storageToMarkdown(storage),
    }));
    const lines = comments.map(
      (comment) =>
        `- on "${comment.selection ?? '?'}" — **${comment.author ?? 'Unknown'}** (${shortDate(comment.created) ?? '?'}${comment.resolved ? ', resolved' : ''}): ${comment.body}`,
    );
    return {
      text: lines.length ? lines.join('\n') : `"${page.title}" has no inline comments.`,
      structured: { page_id: args.page_id, comments },
    };
  },
});

export const addInlineComment = defineConfluenceTool({
  name: 'add_inline_comment',
  title: 'Add Confluence inline comment',
  toolset: 'comments',
  access: 'write',
  platforms: ['cloud'],
  description:
    'Comment on a piece of text on a page: the text is highlighted and the comment (markdown) attached to it. With several matches, occurrence picks one.',
  input: () =>
    z.strictObject({
      page_id: numericId('Page id'),
      text: z.string().min(1).describe('Text on the page to highlight, exactly as shown'),
      body: z.string().trim().min(1).describe('Markdown'),
      occurrence: z.coerce.number().int().min(1).default(1),
    }),
  output: () => z.object({ id: z.string(), page_id: z.string() }),
  action: (args) => `Add an inline comment to page ${args.page_id}`,
  run: async ({ confluence, signal }, args) => {
    const page = await confluence.getPage(args.page_id, { signal });
    const count = occurrences(plainText(page.storage), args.text);
    if (count === 0)
      throw new ToolInputError(`the text "${args.text}" does not appear on the page; quote it exactly as shown`);
    if (args.occurrence > count)
      throw new ToolInputError(`the text appears ${count} time(s); occurrence ${args.occurrence} does not exist`);
    const comment = await addInline(
      confluence,
      page,
      await writeStorage(args.body),
      { text: args.text, count, index: args.occurrence - 1 },
      signal,
    );
    return {
      text: `Added inline comment ${comment.id} on "${args.text}" in "${page.title}".`,
      structured: { id: comment.id, page_id: args.page_id },
    };
  },
});

/** The page's visible text, as Confluence matches highlights against it. */
function plainText(storage: string): string {
  return storage
    .replace(/<ac:parameter[\s\S]*?<\/ac:parameter>/g, '')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
}

function occurrences(text: string, needle: string): number {
  let count = 0;
  for (let index = text.indexOf(needle); index >= 0; index = text.indexOf(needle, index + needle.length)) count++;
  return count;
}
