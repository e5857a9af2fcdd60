/** Confluence Cloud page analytics: views and distinct viewers of a page, fewer when counted from a recent date. */
import type { ConfluencePlugin } from './confluence-context.js';
import { NO_CONTENT } from './confluence-errors.js';

export const analyticsPlugin: ConfluencePlugin = async (app, { confluence }) => {
  for (const kind of ['views', 'viewers'] as const) {
    app.get<{ Params: { id: string }; Querystring: { fromDate?: string } }>(
      `/wiki/rest/api/analytics/content/:id/${kind}`,
      async (request, reply) => {
        const page = confluence.findPage(request.params.id);
        if (!page) return reply.code(404).send(NO_CONTENT);
        const recent = request.query.fromDate && request.query.fromDate > '2026-11-01';
        return { id: Number(page.id), count: kind === 'views' ? (recent ? 4 : 10 * page.version) : recent ? 2 : 3 };
      },
    );
  }
};
