/** Confluence pages: one by id (optionally at an earlier version) and the pages of the space by title; v2 on Cloud, v1 on Server/DC. */
import type { ConfluencePlugin } from './confluence-context.js';
import { NO_CONTENT_WITH_ID, NOT_FOUND_V2 } from './confluence-errors.js';
import { requestedPage, v1Content, v2Page } from './page-payloads.js';

export const pagesPlugin: ConfluencePlugin = async (app, { confluence }) => {
  const { data, site } = confluence;
  const { space } = data;
  if (confluence.cloud) {
    app.get<{ Params: { id: string }; Querystring: { 'body-format'?: string; version?: string } }>(
      '/wiki/api/v2/pages/:id',
      async (request, reply) => {
        const page = requestedPage(confluence, request.params.id, request.query.version);
        if (!page) return reply.code(404).send(NOT_FOUND_V2);
        return {
          ...v2Page(confluence, page, request.query['body-format']),
          _links: { ...v2Page(confluence, page, undefined)._links, base: `${site.baseUrl()}/wiki` },
        };
      },
    );
    app.get<{ Querystring: { 'space-id'?: string; title?: string; 'body-format'?: string; limit?: string } }>(
      '/wiki/api/v2/pages',
      async (request) => {
        const { title } = request.query;
        const inSpace = !request.query['space-id'] || request.query['space-id'].split(',').includes(space.id);
        const results = inSpace ? data.pages.filter((page) => !title || page.title === title) : [];
        return {
          results: results.map((page) => v2Page(confluence, page, request.query['body-format'])),
          _links: { base: `${site.baseUrl()}/wiki` },
        };
      },
    );
    return;
  }
  app.get<{ Params: { id: string }; Querystring: { version?: string } }>(
    '/rest/api/content/:id',
    async (request, reply) => {
      const page = requestedPage(confluence, request.params.id, request.query.version);
      if (!page) return reply.code(404).send(NO_CONTENT_WITH_ID);
      return v1Content(confluence, page);
    },
  );
  app.get<{ Querystring: { spaceKey?: string; title?: string; start?: string; limit?: string } }>(
    '/rest/api/content',
    async (request) => {
      const { spaceKey, title } = request.query;
      const matching =
        spaceKey && spaceKey !== space.key ? [] : data.pages.filter((page) => !title || page.title === title);
      const start = Number(request.query.start ?? 0);
      const limit = Number(request.query.limit ?? 25);
      const results = matching.slice(start, start + limit);
      const more = start + limit < matching.length;
      return {
        results: results.map((page) => v1Content(confluence, page)),
        start,
        limit,
        size: results.length,
        _links: {
          base: site.baseUrl(),
          context: '',
          ...(more ? { next: `/rest/api/content?spaceKey=${space.key}&start=${start + limit}&limit=${limit}` } : {}),
        },
      };
    },
  );
};
