/** Jira `fields` toolset: find field ids (custom fields differ per instance) by a fuzzy name match. */
import { z } from 'zod';
import { defineJiraTool } from '../define.js';
import { fuzzyRank } from '../fuzzy.js';
import { limit } from '../params.js';

export const searchFields = defineJiraTool({
  name: 'search_fields',
  title: 'Search Jira fields',
  toolset: 'fields',
  inDefaultSet: true,
  access: 'read',
  description:
    'Find fields by name (fuzzy), e.g. "story points" → customfield_10016, to use their ids in other tools. An empty keyword lists fields.',
  input: () =>
    z.strictObject({
      keyword: z.string().default('').describe('Part of a field name or id'),
      limit: limit(10, 100),
    }),
  output: () =>
    z.object({
      fields: z.array(z.object({ id: z.string(), name: z.string(), custom: z.boolean(), type: z.string().nullable() })),
      total: z.number(),
    }),
  action: () => 'Search fields',
  run: async ({ jira, signal }, args) => {
    const all = await jira.getFields(signal);
    const ranked = fuzzyRank(all, args.keyword, (field) => [field.name, field.id]);
    const fields = ranked.slice(0, args.limit).map((field) => ({
      id: field.id,
      name: field.name,
      custom: Boolean(field.custom),
      type: field.schema?.type ?? null,
    }));
    const lines = fields.map(
      (field) =>
        `- ${field.name}: \`${field.id}\`${field.type ? ` (${field.type}${field.custom ? ', custom' : ''})` : ''}`,
    );
    const header = `${fields.length} of ${ranked.length} matching field${ranked.length === 1 ? '' : 's'}${args.keyword ? ` for "${args.keyword}"` : ''}`;
    return { text: [header, ...lines].join('\n'), structured: { fields, total: ranked.length } };
  },
});
