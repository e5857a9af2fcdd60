/** Confluence `users`, `restrictions`, `templates` and `analytics` toolsets. */
import { z } from 'zod';
import * as admin from '../../atlassian/confluence/admin.js';
import { getSpace } from '../../atlassian/confluence/browse.js';
import { createPage } from '../../atlassian/confluence/writes.js';
import { storageToMarkdown } from '../../atlassian/format/storage-to-markdown.js';
import { defineConfluenceTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { limit, listOfWithDefault, numericId, opaqueId, spaceKey } from '../params.js';

const pageId = numericId('Page id');
const restrictionSchema = z.object({ users: z.array(z.string()), groups: z.array(z.string()) });

export const searchUser = defineConfluenceTool({
  name: 'search_user',
  title: 'Search Confluence users',
  toolset: 'users',
  access: 'read',
  description:
    'Find people by (part of) their full name: display name, account id (Cloud) or username (Server/DC), email when visible.',
  input: () => z.strictObject({ query: z.string().trim().min(1), limit: limit(10, 50) }),
  output: () =>
    z.object({
      users: z.array(
        z.object({
          display_name: z.string().nullable(),
          account_id: z.string().nullable(),
          username: z.string().nullable(),
          email: z.string().nullable(),
        }),
      ),
    }),
  action: () => 'Search users',
  run: async ({ confluence, signal }, args) => {
    const users = await admin.searchUsers(confluence, args.query, args.limit, signal);
    const lines = users.map(
      (user) =>
        `- ${user.display_name ?? '?'}${user.email ? ` <${user.email}>` : ''} (${user.account_id ? `accountId ${user.account_id}` : `username ${user.username ?? '?'}`})`,
    );
    return { text: lines.join('\n') || `Nobody matches "${args.query}".`, structured: { users } };
  },
});

export const getPageRestrictions = defineConfluenceTool({
  name: 'get_page_restrictions',
  title: 'Get Confluence page restrictions',
  toolset: 'restrictions',
  access: 'read',
  description:
    'Show who may view (read) and who may edit (update) a page; empty lists mean no restriction beyond the space.',
  input: () => z.strictObject({ page_id: pageId }),
  output: () => z.object({ page_id: z.string(), read: restrictionSchema, update: restrictionSchema }),
  action: (args) => `Get restrictions of page ${args.page_id}`,
  run: async ({ confluence, signal }, args) => {
    const page = await confluence.getPage(args.page_id, { signal });
    const restrictions = await admin.getRestrictions(confluence, page, signal);
    return { text: describeRestrictions(restrictions), structured: { page_id: args.page_id, ...restrictions } };
  },
});

export const setPageRestrictions = defineConfluenceTool({
  name: 'set_page_restrictions',
  title: 'Set Confluence page restrictions',
  toolset: 'restrictions',
  access: 'destructive',
  idempotent: true,
  description:
    'Set who may view (read) or edit (update) a page: people (account ids on Cloud, usernames on Server/DC) and groups. Empty lists lift that restriction; the other operation is left as it is.',
  input: () =>
    z.strictObject({
      page_id: pageId,
      operation: z.enum(['read', 'update']),
      users: listOfWithDefault(z.string().min(1), []),
      groups: listOfWithDefault(z.string().min(1), []),
    }),
  output: () => z.object({ page_id: z.string(), read: restrictionSchema, update: restrictionSchema }),
  action: (args) => `Set ${args.operation} restrictions of page ${args.page_id}`,
  run: async ({ confluence, signal }, args) => {
    const page = await confluence.getPage(args.page_id, { signal });
    const current = await admin.getRestrictions(confluence, page, signal);
    await admin.putRestrictions(
      confluence,
      page,
      { ...current, [args.operation]: { users: args.users, groups: args.groups } },
      signal,
    );
    const after = await admin.getRestrictions(confluence, page, signal);
    return {
      text: `Restrictions now:\n${describeRestrictions(after)}`,
      structured: { page_id: args.page_id, ...after },
    };
  },
});

const templateSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  space_key: z.string().nullable(),
});

export const listPageTemplates = defineConfluenceTool({
  name: 'list_page_templates',
  title: 'List Confluence templates',
  toolset: 'templates',
  access: 'read',
  platforms: ['cloud'],
  description: "List page templates: global ones, or a space's own with space_key.",
  input: () => z.strictObject({ space_key: spaceKey.optional(), limit: limit(25, 100) }),
  output: () => z.object({ templates: z.array(templateSchema) }),
  action: () => 'List templates',
  run: async ({ confluence, signal }, args) => {
    const templates = await admin.listTemplates(confluence, args.space_key, args.limit, signal);
    return {
      text:
        templates
          .map(
            (template) =>
              `- **${template.name}** (id ${template.id})${template.description ? ` — ${template.description}` : ''}`,
          )
          .join('\n') || 'No templates.',
      structured: { templates },
    };
  },
});

export const getPageTemplate = defineConfluenceTool({
  name: 'get_page_template',
  title: 'Get Confluence template',
  toolset: 'templates',
  access: 'read',
  platforms: ['cloud'],
  description: 'Read a page template: name, description and body as markdown.',
  input: () => z.strictObject({ template_id: opaqueId('Template id') }),
  output: () => templateSchema.extend({ content: z.string() }),
  action: (args) => `Get template ${args.template_id}`,
  run: async ({ confluence, signal }, args) => {
    const { storage, ...template } = await admin.getTemplate(confluence, args.template_id, signal);
    const content = storageToMarkdown(storage);
    return {
      text: `# ${template.name}\n${template.description ?? ''}\n\n${content}`.trim(),
      structured: { ...template, content },
    };
  },
});

export const createPageFromTemplate = defineConfluenceTool({
  name: 'create_page_from_template',
  title: 'Create Confluence page from template',
  toolset: 'templates',
  access: 'write',
  platforms: ['cloud'],
  description: "Create a page whose body is a template's, in a space and optionally under a parent page.",
  input: () =>
    z.strictObject({
      template_id: opaqueId('Template id'),
      space_key: spaceKey,
      title: z.string().trim().min(1).max(255),
      parent_id: numericId('Parent page id').optional(),
    }),
  output: () => z.object({ id: z.string(), title: z.string(), url: z.string(), template: z.string() }),
  action: (args) => `Create "${args.title}" from template ${args.template_id}`,
  run: async ({ confluence, signal }, args) => {
    const space = await getSpace(confluence, args.space_key, signal);
    const template = await admin.getTemplate(confluence, args.template_id, signal);
    if (!template.storage) throw new ToolInputError(`template ${args.template_id} has no body`);
    const page = await createPage(
      confluence,
      space,
      { title: args.title, parentId: args.parent_id, body: template.storage, format: 'storage' },
      signal,
    );
    return {
      text: `Created "${page.title}" (id ${page.id}) from template "${template.name}".\nURL: ${page.url}`,
      structured: { id: page.id, title: page.title, url: page.url, template: template.name },
    };
  },
});

export const getPageViews = defineConfluenceTool({
  name: 'get_page_views',
  title: 'Get Confluence page views',
  toolset: 'analytics',
  access: 'read',
  platforms: ['cloud'],
  description: 'How many times a page was viewed and by how many distinct people, optionally since a date.',
  input: () => z.strictObject({ page_id: pageId, from_date: z.iso.date().optional().describe('YYYY-MM-DD') }),
  output: () => z.object({ page_id: z.string(), views: z.number(), viewers: z.number(), since: z.string().nullable() }),
  action: (args) => `Get views of page ${args.page_id}`,
  run: async ({ confluence, signal }, args) => {
    const page = await confluence.getPage(args.page_id, { signal });
    const counts = await admin.pageViews(confluence, page, args.from_date, signal);
    return {
      text: `"${page.title}": ${counts.views} views by ${counts.viewers} people${args.from_date ? ` since ${args.from_date}` : ''}.`,
      structured: { page_id: args.page_id, ...counts, since: args.from_date ?? null },
    };
  },
});

function describeRestrictions(restrictions: admin.Restrictions): string {
  const line = (label: string, entry: { users: string[]; groups: string[] }) =>
    entry.users.length || entry.groups.length
      ? `- ${label}: ${[...entry.users.map((user) => `user ${user}`), ...entry.groups.map((group) => `group ${group}`)].join(', ')}`
      : `- ${label}: not restricted`;
  return [line('view', restrictions.read), line('edit', restrictions.update)].join('\n');
}
