/** Confluence `pages` toolset: search with CQL or plain words, read a page as markdown. */
import { z } from 'zod';
import type { ConfluenceClient, RawSearchResult } from '../../atlassian/confluence/client.js';
import { storageToMarkdown } from '../../atlassian/format/storage-to-markdown.js';
import { describeStop } from '../../atlassian/paging.js';
import { withRole } from '../argument-roles.js';
import { defineConfluenceTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { cloudCursor, limit, listOf, numericId, spaceKey } from '../params.js';
import { facts, shortDate, truncateBody } from '../text.js';
import { pageSchema, searchResultSchema } from './schemas.js';

export const getPage = defineConfluenceTool({
  name: 'get_page',
  title: 'Get Confluence page',
  toolset: 'pages',
  inDefaultSet: true,
  access: 'read',
  description:
    'Read a page by page_id, or by title + space_key. Content comes as markdown (macros kept readable) or raw storage format.',
  input: () =>
    z.strictObject({
      page_id: numericId('Page id').optional(),
      title: z.string().trim().min(1).optional().describe('Exact page title (with space_key)'),
      space_key: spaceKey.optional().describe('Space key (with title)'),
      format: z.enum(['markdown', 'storage']).default('markdown').describe('markdown, or storage for the raw XHTML'),
    }),
  output: () => pageSchema,
  action: (args) =>
    args.page_id ? `Get page ${args.page_id}` : `Get page "${args.title ?? ''}" in space ${args.space_key ?? ''}`,
  run: async ({ confluence, signal }, args) => {
    const page = await fetchPage(confluence, args, signal);
    const full = args.format === 'storage' ? page.storage : storageToMarkdown(page.storage);
    const body =
      args.format === 'storage'
        ? { text: full, truncated: false }
        : truncateBody(full, undefined, 'use format "storage" or open the URL for everything');
    const header = [
      `# ${page.title}`,
      facts([
        [
          'Space',
          page.spaceKey
            ? `${page.spaceKey}${page.spaceName ? ` (${page.spaceName})` : ''}`
            : page.spaceId
              ? `id ${page.spaceId}`
              : null,
        ],
        ['Version', page.version === null ? null : String(page.version)],
        ['Last modified', page.lastModified],
        ['ID', page.id],
      ]),
      `URL: ${page.webUrl}`,
    ].join('\n');
    return {
      text: `${header}\n\n${body.text}`,
      structured: {
        id: page.id,
        title: page.title,
        space_key: page.spaceKey,
        space_name: page.spaceName,
        space_id: page.spaceId,
        version: page.version,
        last_modified: page.lastModified,
        url: page.webUrl,
        format: args.format,
        content: body.text,
        content_truncated: body.truncated,
      },
    };
  },
});

/** By id, the page's space looked up to show its key; or by title in a space. */
function fetchPage(
  confluence: ConfluenceClient,
  args: { page_id?: string; title?: string; space_key?: string },
  signal: AbortSignal,
) {
  if (args.page_id) return confluence.getPage(args.page_id, { signal, lookup: 'try' });
  if (args.title && args.space_key) return confluence.getPageByTitle(args.space_key, args.title, signal);
  throw new ToolInputError('pass page_id, or both title and space_key');
}

export const search = defineConfluenceTool({
  name: 'search',
  title: 'Search Confluence',
  toolset: 'pages',
  inDefaultSet: true,
  access: 'read',
  description:
    'Search pages and blog posts. Plain words run a site search; CQL (e.g. `type=page AND space=ENG AND title~"design"`) passes through.',
  input: () =>
    z.strictObject({
      query: withRole('cql', z.string().trim().min(1).describe('Plain text or CQL')),
      limit: limit(10, 50),
      spaces: withRole('confluence_spaces', listOf(spaceKey).optional().describe('Only these space keys')),
      start: z.coerce.number().int().min(0).optional().describe('Offset: next_start from the previous page'),
      cursor: cloudCursor('next_cursor'),
    }),
  output: () => searchResultSchema,
  action: () => 'Search Confluence',
  run: async ({ confluence, signal }, args) => {
    const response = await confluence.search(args.query, {
      spaces: args.spaces,
      limit: args.limit,
      start: args.start,
      cursor: args.cursor,
      signal,
    });
    const { cql } = response;
    const results = response.results.map((result) => toSearchRecord(result, confluence));
    const { nextCursor, nextStart } = response;
    const stopped = response.stopped ? describeStop(response.stopped, 'Search') : undefined;
    const lines = results.map(
      (result) =>
        `- **${result.title}** (${facts([
          ['space', result.space],
          ['modified', shortDate(result.last_modified)],
          ['id', result.id],
        ])})\n  ${result.url ?? ''}${result.excerpt ? `\n  ${result.excerpt}` : ''}`,
    );
    const next = nextCursor
      ? `More results: call again with cursor "${nextCursor}".`
      : nextStart !== undefined
        ? `More results: call again with start ${nextStart}.`
        : stopped
          ? `${stopped}; there is no next page to ask for.`
          : '';
    return {
      text: [
        `${results.length} result${results.length === 1 ? '' : 's'}${response.totalSize !== undefined ? ` of ${response.totalSize}` : ''} for: ${cql}`,
        ...lines,
        next,
      ]
        .filter(Boolean)
        .join('\n'),
      structured: {
        cql,
        results,
        ...(response.totalSize !== undefined ? { total: response.totalSize } : {}),
        ...(nextStart !== undefined ? { next_start: nextStart } : {}),
        ...(nextCursor ? { next_cursor: nextCursor } : {}),
        ...(stopped ? { listing_stopped: stopped } : {}),
      },
    };
  },
});

function toSearchRecord(result: RawSearchResult, confluence: ConfluenceClient) {
  const webui = result.content?._links?.webui ?? result.url;
  return {
    id: result.content?.id != null ? String(result.content.id) : null,
    type: result.content?.type ?? null,
    title: stripHighlights(result.content?.title ?? result.title ?? ''),
    space: result.resultGlobalContainer?.title ?? null,
    excerpt: stripHighlights(result.excerpt ?? '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 300),
    last_modified: result.lastModified ?? null,
    url: webui ? confluence.webUrl(webui) : null,
  };
}

/** Search excerpts mark hits with @@@hl@@@…@@@endhl@@@ and may carry HTML; the model wants plain text. */
function stripHighlights(text: string): string {
  return text
    .replace(/@@@(end)?hl@@@/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
