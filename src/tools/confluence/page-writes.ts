/** Confluence writes: create pages, update them without losing what was not changed, comment on them. */
import { z } from 'zod';
import { getSpace } from '../../atlassian/confluence/browse.js';
import {
  addFooterComment,
  createPage as create,
  updatePage as update,
  type BodyFormat,
} from '../../atlassian/confluence/writes.js';
import { AtlassianError } from '../../atlassian/errors.js';
import { replaceSection, topLevelHeadings } from '../../atlassian/format/storage-sections.js';
import { mergeIntoStorage, writeStorage } from '../../atlassian/format/written-storage.js';
import { defineConfluenceTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { numericId, spaceKey } from '../params.js';

const contentFormat = z
  .enum(['markdown', 'wiki', 'storage'])
  .default('markdown')
  .describe('markdown (default), Confluence wiki markup, or raw storage XHTML');
const written = z.object({ id: z.string(), title: z.string(), version: z.number().nullable(), url: z.string() });

export const createPage = defineConfluenceTool({
  name: 'create_page',
  title: 'Create Confluence page',
  toolset: 'pages',
  inDefaultSet: true,
  access: 'write',
  description:
    'Create a page in a space, optionally under a parent page. Content is markdown by default (code blocks become code macros, "> **Info:** …" an info panel).',
  input: () =>
    z.strictObject({
      space_key: spaceKey,
      title: z.string().trim().min(1).max(255),
      content: z.string(),
      content_format: contentFormat,
      parent_id: numericId('Parent page id').optional(),
    }),
  output: () => written,
  action: (args) => `Create page "${args.title}" in ${args.space_key}`,
  run: async ({ confluence, signal }, args) => {
    const space = await getSpace(confluence, args.space_key, signal);
    const body = await toBody(args.content, args.content_format);
    const page = await create(confluence, space, { title: args.title, parentId: args.parent_id, ...body }, signal);
    return {
      text: `Created "${page.title}" (id ${page.id}) in ${space.key}.\nURL: ${page.url}`,
      structured: { id: page.id, title: page.title, version: page.version, url: page.url },
    };
  },
});

export const updatePage = defineConfluenceTool({
  name: 'update_page',
  title: 'Update Confluence page',
  toolset: 'pages',
  inDefaultSet: true,
  access: 'destructive',
  idempotent: true,
  description:
    "Replace a page's title and/or content. With markdown, edit the markdown confluence_get_page returned: every block you leave as it was keeps its original storage (macros, layouts, links), only changed blocks are rewritten.",
  input: () =>
    z.strictObject({
      page_id: numericId('Page id'),
      title: z.string().trim().min(1).max(255).optional(),
      content: z.string().optional(),
      content_format: contentFormat,
      version_comment: z.string().max(255).optional(),
    }),
  output: () => written.extend({ blocks_kept: z.number().optional(), blocks_rewritten: z.number().optional() }),
  action: (args) => `Update page ${args.page_id}`,
  run: async ({ confluence, signal }, args) => {
    if (args.title === undefined && args.content === undefined)
      throw new ToolInputError('nothing to change: pass title and/or content');
    const current = await confluence.getPage(args.page_id, { signal });
    let body: { body: string; format: BodyFormat } = { body: current.storage, format: 'storage' };
    let merge: { kept: number; converted: number } | undefined;
    if (args.content !== undefined) {
      if (args.content_format === 'markdown') {
        const merged = await mergeIntoStorage(current.storage, args.content);
        body = { body: merged.storage, format: 'storage' };
        merge = { kept: merged.kept, converted: merged.converted };
      } else body = await toBody(args.content, args.content_format);
    }
    let page;
    try {
      page = await update(
        confluence,
        current,
        { title: args.title ?? current.title, ...body, message: args.version_comment },
        signal,
      );
    } catch (error) {
      if (!(error instanceof AtlassianError && error.failure === 'conflict')) throw error;
      const now = await confluence.getPage(args.page_id, { signal, sameSpaceAs: current });
      throw new ToolInputError(
        `the page changed while you were editing it: it is now at version ${now.version ?? '?'} (you edited version ${current.version ?? '?'}); read it again and reapply your change`,
      );
    }
    const detail = merge
      ? ` (${merge.kept} block${merge.kept === 1 ? '' : 's'} kept as they were, ${merge.converted} rewritten)`
      : '';
    return {
      text: `Updated "${page.title}" to version ${page.version}${detail}.\nURL: ${page.url}`,
      structured: {
        id: page.id,
        title: page.title,
        version: page.version,
        url: page.url,
        ...(merge ? { blocks_kept: merge.kept, blocks_rewritten: merge.converted } : {}),
      },
    };
  },
});

export const addComment = defineConfluenceTool({
  name: 'add_comment',
  title: 'Comment on Confluence page',
  toolset: 'comments',
  inDefaultSet: true,
  access: 'write',
  description: 'Add a footer comment (markdown) to a page.',
  input: () => z.strictObject({ page_id: numericId('Page id'), body: z.string().trim().min(1).describe('Markdown') }),
  output: () => z.object({ id: z.string(), page_id: z.string() }),
  action: (args) => `Comment on page ${args.page_id}`,
  run: async ({ confluence, signal }, args) => {
    const page = await confluence.getPage(args.page_id, { signal });
    const comment = await addFooterComment(confluence, page, await writeStorage(args.body), signal);
    return {
      text: `Added comment ${comment.id} to "${page.title}".`,
      structured: { id: comment.id, page_id: args.page_id },
    };
  },
});

async function toBody(
  content: string,
  format: 'markdown' | 'wiki' | 'storage',
): Promise<{ body: string; format: BodyFormat }> {
  if (format === 'markdown') return { body: await writeStorage(content), format: 'storage' };
  return { body: content, format };
}

export const updatePageSection = defineConfluenceTool({
  name: 'update_page_section',
  title: 'Update a Confluence page section',
  toolset: 'pages',
  access: 'destructive',
  idempotent: true,
  description:
    'Replace the content under one heading (up to the next heading of the same or higher level), leaving the heading and every other part of the page exactly as stored.',
  input: () =>
    z.strictObject({
      page_id: numericId('Page id'),
      heading: z.string().trim().min(1).describe('The section heading text'),
      occurrence: z.coerce.number().int().min(1).default(1).describe('Which section when several share the heading'),
      new_content: z.string().describe('The new section body'),
      content_format: z.enum(['markdown', 'storage']).default('markdown'),
      version_comment: z.string().max(255).optional(),
    }),
  output: () => written,
  action: (args) => `Update section "${args.heading}" of page ${args.page_id}`,
  run: async ({ confluence, signal }, args) => {
    const current = await confluence.getPage(args.page_id, { signal });
    const body = args.content_format === 'markdown' ? await writeStorage(args.new_content) : args.new_content;
    const storage = replaceSection(current.storage, args.heading, args.occurrence, body);
    if (storage === undefined) {
      const headings = topLevelHeadings(current.storage).map((heading) => `"${heading.text}"`);
      throw new ToolInputError(
        `no section "${args.heading}"${args.occurrence > 1 ? ` (occurrence ${args.occurrence})` : ''} on this page; its headings are ${headings.join(', ') || 'none'}`,
      );
    }
    const page = await update(
      confluence,
      current,
      { title: current.title, body: storage, format: 'storage', message: args.version_comment },
      signal,
    );
    return {
      text: `Updated section "${args.heading}" of "${page.title}" (version ${page.version}); the rest of the page is unchanged.\nURL: ${page.url}`,
      structured: { id: page.id, title: page.title, version: page.version, url: page.url },
    };
  },
});
