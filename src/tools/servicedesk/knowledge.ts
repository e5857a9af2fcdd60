/** Service Management `knowledge` toolset: search the knowledge base articles linked to service desks. */
import { z } from 'zod';
import { defineServiceDeskTool } from '../define.js';
import { pageSize, serviceDeskId, start } from './params.js';
import { pageInfo, pageLine } from './render.js';

export const searchKnowledgeBase = defineServiceDeskTool({
  name: 'search_knowledge_base',
  title: 'Search the knowledge base',
  toolset: 'knowledge',
  access: 'read',
  description:
    'Search knowledge base articles (on one desk or all), each with its excerpt as markdown and its Confluence page.',
  input: () =>
    z.strictObject({
      query: z.string().trim().min(1).max(500),
      service_desk_id: serviceDeskId.optional(),
      start,
      limit: pageSize,
    }),
  action: (args) => `Search the knowledge base for "${args.query}"`,
  run: async ({ serviceDesk, signal }, args) => {
    const page = await serviceDesk.searchArticles(args.query, args.service_desk_id, {
      start: args.start,
      limit: args.limit,
      signal,
    });
    const articles = page.values.map((article) => ({
      title: article.title ?? '(untitled)',
      excerpt: article.excerpt ?? '',
      page_id: article.source?.pageId ?? null,
      space_key: article.source?.spaceKey ?? null,
      url: article.content?.iframeSrc ?? null,
    }));
    const info = pageInfo(page, args.start);
    const blocks = articles.map(
      (article) =>
        `### ${article.title}${article.space_key ? ` (space ${article.space_key}, page ${article.page_id ?? '?'})` : ''}\n${article.excerpt}`,
    );
    return {
      text: articles.length ? `${blocks.join('\n\n')}${pageLine(info)}` : `No articles match "${args.query}".`,
      structured: { articles, ...info },
    };
  },
});
