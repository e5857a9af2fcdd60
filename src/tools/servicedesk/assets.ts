/** Service Management `assets` toolset: Assets (CMDB) objects found with AQL, and one object's attributes; read-only. */
import { z } from 'zod';
import { defineServiceDeskTool } from '../define.js';
import { numericId } from '../params.js';
import { pageSize, start } from './params.js';

export const searchAssets = defineServiceDeskTool({
  name: 'search_assets',
  title: 'Search Assets objects',
  toolset: 'assets',
  access: 'read',
  description: 'Find Assets (CMDB) objects with an AQL query, e.g. objectType = "Laptop" AND Owner = "Alice Example".',
  input: () =>
    z.strictObject({
      aql: z.string().trim().min(1).max(2000).describe('Assets Query Language'),
      start,
      limit: pageSize,
    }),
  action: (args) => `Search Assets for ${args.aql}`,
  run: async ({ serviceDesk, signal }, args) => {
    const page = await serviceDesk.searchAssets(args.aql, { start: args.start, limit: args.limit, signal });
    const lines = page.objects.map(
      (object) => `- ${object.key ?? object.id}: ${object.label} (${object.type ?? '?'}, id ${object.id})`,
    );
    const next = page.isLast ? null : args.start + page.objects.length;
    const more = next === null ? '' : `\nMore: pass start=${next}.`;
    return {
      text: page.objects.length ? `${lines.join('\n')}${more}` : `No Assets objects match ${args.aql}.`,
      structured: {
        objects: page.objects,
        total: page.total,
        start: args.start,
        is_last_page: page.isLast,
        next_start: next,
      },
    };
  },
});

export const getAsset = defineServiceDeskTool({
  name: 'get_asset',
  title: 'Get an Assets object',
  toolset: 'assets',
  access: 'read',
  description: 'Read one Assets (CMDB) object by id: its key, type and every attribute by name.',
  input: () => z.strictObject({ object_id: numericId('Object id, from search_assets') }),
  action: (args) => `Get Assets object ${args.object_id}`,
  run: async ({ serviceDesk, signal }, args) => {
    const object = await serviceDesk.getAsset(args.object_id, signal);
    const lines = Object.entries(object.attributes).map(([name, values]) => `- ${name}: ${values.join(', ') || '—'}`);
    return {
      text: `${object.key ?? object.id}: ${object.label} (${object.type ?? '?'})\n${lines.join('\n')}`,
      structured: { ...object },
    };
  },
});
