/** Confluence `pages` (delete, move, copy, tree) and `labels` toolsets. */
import { z } from 'zod';
import { collectSpacePages, getSpace } from '../../atlassian/confluence/browse.js';
import { quoteCqlValue } from '../../atlassian/confluence/cql.js';
import {
  addLabels,
  copyPage as copy,
  deletePage as remove,
  getLabels as fetchLabels,
  movePage as move,
} from '../../atlassian/confluence/organize.js';
import { describeStop } from '../../atlassian/paging.js';
import { defineConfluenceTool, outputOf } from '../define.js';
import { ToolInputError } from '../errors.js';
import { limit, listOf, numericId, spaceKey } from '../params.js';
import { search } from './pages.js';

const pageId = numericId('Page id');
/** Most page requests one page-tree call sends. */
const PAGE_TREE_BUDGET = 20;
const labelName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[^\s:]+$/, { error: 'labels have no spaces or colons' });

export const deletePage = defineConfluenceTool({
  name: 'delete_page',
  title: 'Delete Confluence page',
  toolset: 'pages',
  access: 'destructive',
  description: 'Move a page to the space trash (it can be restored from there in Confluence).',
  input: () => z.strictObject({ page_id: pageId }),
  output: () => z.object({ page_id: z.string(), deleted: z.boolean() }),
  action: (args) => `Delete page ${args.page_id}`,
  run: async ({ confluence, signal }, args) => {
    const page = await confluence.getPage(args.page_id, { signal });
    await remove(confluence, page, signal);
    return {
      text: `Moved "${page.title}" (id ${args.page_id}) to the trash.`,
      structured: { page_id: args.page_id, deleted: true },
    };
  },
});

export const movePage = defineConfluenceTool({
  name: 'move_page',
  title: 'Move Confluence page',
  toolset: 'pages',
  access: 'destructive',
  idempotent: true,
  description: 'Move a page (with its children) under another page (position append) or next to it (before/after).',
  input: () =>
    z.strictObject({
      page_id: pageId,
      target_id: numericId('Target page id'),
      position: z.enum(['append', 'before', 'after']).default('append'),
    }),
  output: () => z.object({ page_id: z.string(), target_id: z.string(), position: z.string() }),
  action: (args) => `Move page ${args.page_id}`,
  run: async ({ confluence, signal }, args) => {
    if (args.page_id === args.target_id) throw new ToolInputError('a page cannot be moved relative to itself');
    const page = await confluence.getPage(args.page_id, { signal });
    const target = await confluence.getPage(args.target_id, { signal });
    await move(confluence, page, args.position, target, signal);
    const where = args.position === 'append' ? `under "${target.title}"` : `${args.position} "${target.title}"`;
    return {
      text: `Moved "${page.title}" ${where}.`,
      structured: { page_id: args.page_id, target_id: args.target_id, position: args.position },
    };
  },
});

export const copyPage = defineConfluenceTool({
  name: 'copy_page',
  title: 'Copy Confluence page',
  toolset: 'pages',
  access: 'destructive',
  description:
    'Copy a page under another page (parent_id) or to the top of a space (space_key), optionally with a new title.',
  input: () =>
    z.strictObject({
      page_id: pageId,
      parent_id: numericId('Destination parent page id').optional(),
      space_key: spaceKey.optional(),
      title: z.string().trim().min(1).max(255).optional(),
      copy_attachments: z.boolean().default(true),
      copy_labels: z.boolean().default(true),
    }),
  output: () => z.object({ id: z.string(), title: z.string(), url: z.string() }),
  action: (args) => `Copy page ${args.page_id}`,
  run: async ({ confluence, signal }, args) => {
    if (!args.parent_id === !args.space_key) throw new ToolInputError('pass exactly one of parent_id or space_key');
    const page = await confluence.getPage(args.page_id, { signal });
    const parent = args.parent_id ? await confluence.getPage(args.parent_id, { signal }) : undefined;
    const created = await copy(
      confluence,
      page,
      {
        parent,
        spaceKey: args.space_key,
        title: args.title,
        copyAttachments: args.copy_attachments,
        copyLabels: args.copy_labels,
      },
      signal,
    );
    return {
      text: `Copied to "${created.title}" (id ${created.id}).\nURL: ${created.url}`,
      structured: { id: created.id, title: created.title, url: created.url },
    };
  },
});

export const getSpacePageTree = defineConfluenceTool({
  name: 'get_space_page_tree',
  title: 'Get Confluence page tree',
  toolset: 'pages',
  access: 'read',
  description: 'Show the pages of a space as an indented tree (titles and ids), up to max_pages.',
  input: () => z.strictObject({ space_key: spaceKey, max_pages: z.coerce.number().int().min(1).max(500).default(200) }),
  output: () =>
    z.object({
      space_key: z.string(),
      pages: z.array(
        z.object({ id: z.string(), title: z.string(), parent_id: z.string().nullable(), depth: z.number() }),
      ),
      truncated: z.boolean(),
      listing_stopped: z.string().optional(),
    }),
  action: (args) => `Get the page tree of ${args.space_key}`,
  run: async ({ confluence, signal }, args) => {
    const space = await getSpace(confluence, args.space_key, signal);
    const listing = await collectSpacePages(confluence, space, {
      maxItems: args.max_pages,
      maxPages: PAGE_TREE_BUDGET,
      signal,
    });
    const pages = listing.items
      .slice(0, args.max_pages)
      .map((item) => ({ id: item.id, title: item.title, parentId: item.parent_id ?? null }));
    const ids = new Set(pages.map((page) => page.id));
    const childrenOf = (parent: string | null) =>
      pages
        .filter((page) => (page.parentId && ids.has(page.parentId) ? page.parentId : null) === parent)
        .sort((a, b) => a.title.localeCompare(b.title));
    const ordered: Array<{ id: string; title: string; parent_id: string | null; depth: number }> = [];
    const walk = (parent: string | null, depth: number) => {
      for (const page of childrenOf(parent)) {
        ordered.push({ id: page.id, title: page.title, parent_id: page.parentId, depth });
        walk(page.id, depth + 1);
      }
    };
    walk(null, 0);
    const stopped = listing.stopped ? describeStop(listing.stopped, 'Page listing') : undefined;
    const truncated = listing.truncated || stopped !== undefined;
    const lines = ordered.map((page) => `${'  '.repeat(page.depth)}- ${page.title} (id ${page.id})`);
    const note = stopped
      ? `\n${stopped}.`
      : listing.truncated
        ? `\n… more than ${args.max_pages} pages; raise max_pages to see them all.`
        : '';
    return {
      text: `${space.name} (${space.key}):\n${lines.join('\n')}${note}`,
      structured: { space_key: space.key, pages: ordered, truncated, ...(stopped ? { listing_stopped: stopped } : {}) },
    };
  },
});

export const getLabels = defineConfluenceTool({
  name: 'get_labels',
  title: 'Get Confluence labels',
  toolset: 'labels',
  access: 'read',
  description: 'List the labels of a page.',
  input: () => z.strictObject({ page_id: pageId }),
  output: () => z.object({ page_id: z.string(), labels: z.array(z.string()) }),
  action: (args) => `Get labels of page ${args.page_id}`,
  run: async ({ confluence, signal }, args) => {
    const page = await confluence.getPage(args.page_id, { signal });
    const labels = (await fetchLabels(confluence, page, signal)).map((label) => label.name);
    return {
      text: labels.length ? `Labels: ${labels.join(', ')}` : 'No labels.',
      structured: { page_id: args.page_id, labels },
    };
  },
});

export const addLabel = defineConfluenceTool({
  name: 'add_label',
  title: 'Label Confluence page',
  toolset: 'labels',
  access: 'write',
  idempotent: true,
  description: 'Add one or more labels to a page.',
  input: () =>
    z.strictObject({
      page_id: pageId,
      labels: listOf(labelName, { min: 1, max: 20 }, { type: 'string', maxLength: 255, pattern: '^[^\\s:]+$' }),
    }),
  output: () => z.object({ page_id: z.string(), labels: z.array(z.string()) }),
  action: (args) => `Label page ${args.page_id}`,
  run: async ({ confluence, signal }, args) => {
    const page = await confluence.getPage(args.page_id, { signal });
    await addLabels(confluence, page, args.labels, signal);
    const labels = (await fetchLabels(confluence, page, signal)).map((label) => label.name);
    return { text: `Labels now: ${labels.join(', ')}`, structured: { page_id: args.page_id, labels } };
  },
});

export const searchByLabel = defineConfluenceTool({
  name: 'search_by_label',
  title: 'Find Confluence pages by label',
  toolset: 'labels',
  access: 'read',
  description: 'Find the pages carrying a label, optionally in some spaces.',
  input: () => z.strictObject({ label: labelName, spaces: listOf(spaceKey).optional(), limit: limit(10, 50) }),
  output: () => outputOf(search)!,
  action: (args) => `Find pages labelled ${args.label}`,
  run: (context, args) =>
    search.run(context, {
      query: `label = ${quoteCqlValue(args.label)} AND type = page`,
      limit: args.limit,
      spaces: args.spaces,
    }),
});
