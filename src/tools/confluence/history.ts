/** Confluence `pages` toolset, history: a page's versions, the page as it was, and what changed between two versions. */
import { z } from 'zod';
import { listVersions, pageAtVersion } from '../../atlassian/confluence/versions.js';
import { formatLibraries } from '../../atlassian/format/libraries.js';
import { storageToMarkdown } from '../../atlassian/format/storage-to-markdown.js';
import { defineConfluenceTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { limit, numericId } from '../params.js';
import { shortDate, truncateBody } from '../text.js';

const pageId = numericId('Page id');
const versionNumber = z.coerce.number().int().min(1);

export const getPageVersions = defineConfluenceTool({
  name: 'get_page_versions',
  title: 'List Confluence page versions',
  toolset: 'pages',
  access: 'read',
  description: 'List the versions of a page, newest first: number, author, date and version comment.',
  input: () => z.strictObject({ page_id: pageId, limit: limit(25, 100) }),
  output: () =>
    z.object({
      page_id: z.string(),
      versions: z.array(
        z.object({
          number: z.number(),
          message: z.string().nullable(),
          minor_edit: z.boolean(),
          author: z.string().nullable(),
          created: z.string().nullable(),
        }),
      ),
    }),
  action: (args) => `List versions of page ${args.page_id}`,
  run: async ({ confluence, signal }, args) => {
    const page = await confluence.getPage(args.page_id, { signal });
    const versions = await listVersions(confluence, page, args.limit, signal);
    const lines = versions.map(
      (version) =>
        `- v${version.number} ${shortDate(version.created) ?? ''}${version.author ? ` by ${version.author}` : ''}${version.message ? `: ${version.message}` : ''}${version.minor_edit ? ' (minor)' : ''}`,
    );
    return {
      text: lines.length ? `Versions of "${page.title}":\n${lines.join('\n')}` : 'No versions.',
      structured: { page_id: args.page_id, versions },
    };
  },
});

export const getPageHistory = defineConfluenceTool({
  name: 'get_page_history',
  title: 'Get a Confluence page version',
  toolset: 'pages',
  access: 'read',
  description: 'Read a page as it was at an earlier version, as markdown (or raw storage).',
  input: () =>
    z.strictObject({
      page_id: pageId,
      version: versionNumber,
      format: z.enum(['markdown', 'storage']).default('markdown'),
    }),
  output: () => z.object({ page_id: z.string(), version: z.number(), title: z.string(), content: z.string() }),
  action: (args) => `Get version ${args.version} of page ${args.page_id}`,
  run: async ({ confluence, signal }, args) => {
    const current = await confluence.getPage(args.page_id, { signal });
    if (current.version !== null && args.version > current.version)
      throw new ToolInputError(`the page is at version ${current.version}; there is no version ${args.version}`);
    const old = await pageAtVersion(confluence, current, args.version, signal);
    const content = args.format === 'storage' ? old.storage : truncateBody(storageToMarkdown(old.storage)).text;
    return {
      text: `# ${old.title} (version ${old.number} of ${current.version ?? '?'})\n\n${content}`,
      structured: { page_id: args.page_id, version: old.number, title: old.title, content },
    };
  },
});

export const getPageDiff = defineConfluenceTool({
  name: 'get_page_diff',
  title: 'Diff Confluence page versions',
  toolset: 'pages',
  access: 'read',
  description:
    'Show what changed between two versions of a page as a unified diff of their markdown (to_version defaults to the current one).',
  input: () => z.strictObject({ page_id: pageId, from_version: versionNumber, to_version: versionNumber.optional() }),
  output: () =>
    z.object({
      page_id: z.string(),
      from_version: z.number(),
      to_version: z.number(),
      diff: z.string(),
      changed: z.boolean(),
    }),
  action: (args) => `Diff page ${args.page_id}`,
  run: async ({ confluence, signal }, args) => {
    const current = await confluence.getPage(args.page_id, { signal });
    const to = args.to_version ?? current.version ?? 1;
    if (args.from_version === to) throw new ToolInputError('from_version and to_version are the same');
    const [before, after] = await Promise.all([
      pageAtVersion(confluence, current, args.from_version, signal),
      to === current.version
        ? Promise.resolve({ number: to, title: current.title, storage: current.storage })
        : pageAtVersion(confluence, current, to, signal),
    ]);
    const patch = formatLibraries().diff.createTwoFilesPatch(
      `v${before.number}`,
      `v${after.number}`,
      `# ${before.title}\n\n${storageToMarkdown(before.storage)}\n`,
      `# ${after.title}\n\n${storageToMarkdown(after.storage)}\n`,
      undefined,
      undefined,
      { context: 2 },
    );
    const diff = patch.split('\n').slice(2).join('\n').trim();
    const changed = /^[+-](?![+-]{2})/m.test(diff);
    return {
      text: changed
        ? `Changes from version ${before.number} to ${after.number}:\n\`\`\`diff\n${diff}\n\`\`\``
        : `No differences between versions ${before.number} and ${after.number}.`,
      structured: { page_id: args.page_id, from_version: before.number, to_version: after.number, diff, changed },
    };
  },
});
