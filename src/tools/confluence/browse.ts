/** Confluence `spaces`, `pages` (children) and `comments` toolsets: finding your way around, read-only. */
import { z } from 'zod';
import * as browse from '../../atlassian/confluence/browse.js';
import { storageToMarkdown } from '../../atlassian/format/storage-to-markdown.js';
import { describeStop } from '../../atlassian/paging.js';
import { defineConfluenceTool } from '../define.js';
import { cloudCursor, limit, numericId, serverOffset, spaceKey } from '../params.js';
import { shortDate, truncateBody } from '../text.js';
import { commentSchema } from './schemas.js';

const paging = {
  cursor: cloudCursor('next_cursor'),
  start: serverOffset('next_start'),
};
const pageSummary = z.object({
  id: z.string(),
  title: z.string(),
  parent_id: z.string().nullable().optional(),
  version: z.number().nullable(),
  last_modified: z.string().nullable(),
  url: z.string(),
  content: z.string().optional(),
});
const next = {
  next_cursor: z.string().optional(),
  next_start: z.number().optional(),
  listing_stopped: z.string().optional(),
};
const spaceSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  type: z.string().nullable(),
  status: z.string().nullable(),
  description: z.string().nullable(),
  homepage_id: z.string().nullable(),
  url: z.string(),
});

export const listSpaces = defineConfluenceTool({
  name: 'list_spaces',
  title: 'List Confluence spaces',
  toolset: 'spaces',
  inDefaultSet: true,
  access: 'read',
  description: "List the spaces this instance's account can see: key, name, type and description.",
  input: () =>
    z.strictObject({
      type: z.enum(['global', 'personal']).optional(),
      status: z.enum(['current', 'archived']).optional(),
      limit: limit(25, 100),
      ...paging,
    }),
  output: () => z.object({ spaces: z.array(spaceSchema), ...next }),
  action: () => 'List spaces',
  run: async ({ confluence, signal }, args) => {
    const page = await browse.listSpaces(
      confluence,
      { type: args.type, status: args.status },
      { limit: args.limit, cursor: args.cursor, start: args.start, signal },
    );
    const lines = page.items.map(
      (space) =>
        `- **${space.key}** ${space.name}${space.type ? ` (${space.type})` : ''}${space.description ? ` — ${space.description}` : ''}`,
    );
    return withNext(lines.join('\n') || 'No spaces.', { spaces: page.items }, page);
  },
});

export const getSpace = defineConfluenceTool({
  name: 'get_space',
  title: 'Get Confluence space',
  toolset: 'spaces',
  inDefaultSet: true,
  access: 'read',
  description: 'Show one space by key: name, type, status, description, home page and URL.',
  input: () => z.strictObject({ space_key: spaceKey }),
  output: () => spaceSchema,
  action: (args) => `Get space ${args.space_key}`,
  run: async ({ confluence, signal }, args) => {
    const space = await browse.getSpace(confluence, args.space_key, signal);
    const text = [
      `# ${space.name} (${space.key})`,
      `Type: ${space.type ?? '?'} · Status: ${space.status ?? '?'}${space.homepage_id ? ` · Home page: ${space.homepage_id}` : ''}`,
      `URL: ${space.url}`,
      space.description ?? '',
    ]
      .filter(Boolean)
      .join('\n');
    return { text, structured: { ...space } };
  },
});

export const getSpacePages = defineConfluenceTool({
  name: 'get_space_pages',
  title: 'List Confluence space pages',
  toolset: 'spaces',
  inDefaultSet: true,
  access: 'read',
  description: 'List the pages of a space, one line each, with how to get the next page.',
  input: () => z.strictObject({ space_key: spaceKey, limit: limit(25, 100), ...paging }),
  output: () => z.object({ space_key: z.string(), pages: z.array(pageSummary), ...next }),
  action: (args) => `List pages of space ${args.space_key}`,
  run: async ({ confluence, signal }, args) => {
    const space = await browse.getSpace(confluence, args.space_key, signal);
    const page = await browse.getSpacePages(confluence, space, {
      limit: args.limit,
      cursor: args.cursor,
      start: args.start,
      signal,
    });
    return withNext(
      page.items.map(pageLine).join('\n') || `${space.key} has no pages.`,
      { space_key: space.key, pages: page.items },
      page,
    );
  },
});

export const getPageChildren = defineConfluenceTool({
  name: 'get_page_children',
  title: 'List Confluence child pages',
  toolset: 'pages',
  inDefaultSet: true,
  access: 'read',
  description:
    "List the direct child pages of a page; with include_content, each child's content as markdown too (cut when long).",
  input: () =>
    z.strictObject({
      parent_id: numericId('Parent page id'),
      limit: limit(25, 50),
      include_content: z.boolean().default(false),
      ...paging,
    }),
  output: () => z.object({ parent_id: z.string(), pages: z.array(pageSummary), ...next }),
  action: (args) => `List children of page ${args.parent_id}`,
  run: async ({ confluence, signal }, args) => {
    const parent = await confluence.getPage(args.parent_id, { signal });
    const page = await browse.getChildren(confluence, parent, args.include_content, {
      limit: args.limit,
      cursor: args.cursor,
      start: args.start,
      signal,
    });
    const pages: Array<z.infer<typeof pageSummary>> = page.items.map(({ storage, ...child }) =>
      storage === undefined
        ? child
        : {
            ...child,
            content: truncateBody(storageToMarkdown(storage), 4_000, 'use confluence_get_page for the whole page').text,
          },
    );
    const text = pages
      .map((child) =>
        child.content !== undefined ? `## ${child.title} (id ${child.id})\n${child.content}` : pageLine(child),
      )
      .join(args.include_content ? '\n\n' : '\n');
    return withNext(text || `Page ${args.parent_id} has no child pages.`, { parent_id: args.parent_id, pages }, page);
  },
});

export const getComments = defineConfluenceTool({
  name: 'get_comments',
  title: 'Get Confluence comments',
  toolset: 'comments',
  inDefaultSet: true,
  access: 'read',
  description:
    'Read the footer comments of a page as markdown, oldest first, with their authors; replies follow the comment they answer.',
  input: () => z.strictObject({ page_id: numericId('Page id'), limit: limit(25, 100), ...paging }),
  output: () =>
    z.object({
      page_id: z.string(),
      comments: z.array(commentSchema({ parent_id: z.string().optional() })),
      ...next,
    }),
  action: (args) => `Get comments of page ${args.page_id}`,
  run: async ({ confluence, signal }, args) => {
    const commented = await confluence.getPage(args.page_id, { signal });
    const page = await browse.getFooterComments(confluence, commented, {
      limit: args.limit,
      cursor: args.cursor,
      start: args.start,
      signal,
    });
    const comments = page.items.map((comment) => ({
      id: comment.id,
      author: comment.author,
      created: comment.created,
      body: storageToMarkdown(comment.storage),
      ...(comment.parent_id ? { parent_id: comment.parent_id } : {}),
    }));
    const text = comments
      .map(
        (comment) =>
          `${comment.parent_id ? '  ↳ ' : ''}**${comment.author ?? 'Unknown'}** (${shortDate(comment.created) ?? 'undated'}, id ${comment.id}): ${comment.body}`,
      )
      .join('\n');
    return withNext(text || `Page ${args.page_id} has no comments.`, { page_id: args.page_id, comments }, page);
  },
});

function pageLine(page: { id: string; title: string; version: number | null; last_modified: string | null }): string {
  return `- **${page.title}** (id ${page.id}${page.version !== null ? `, v${page.version}` : ''}${page.last_modified ? `, ${shortDate(page.last_modified)}` : ''})`;
}

function withNext(text: string, structured: Record<string, unknown>, page: browse.Page<unknown>) {
  const stopped = page.stopped ? describeStop(page.stopped) : undefined;
  const hint = page.nextCursor
    ? `More: call again with cursor "${page.nextCursor}".`
    : page.nextStart !== undefined
      ? `More: call again with start ${page.nextStart}.`
      : stopped
        ? `${stopped}; there is no next page to ask for.`
        : '';
  return {
    text: [text, hint].filter(Boolean).join('\n'),
    structured: {
      ...structured,
      ...(page.nextCursor ? { next_cursor: page.nextCursor } : {}),
      ...(page.nextStart !== undefined ? { next_start: page.nextStart } : {}),
      ...(stopped ? { listing_stopped: stopped } : {}),
    },
  };
}
