/**
 * Sandbox Confluence REST endpoints: Cloud (v2 pages and spaces under /wiki/api/v2, v1 CQL search under
 * /wiki/rest/api) or Server/DC (v1 under /rest/api). Payload shapes follow Atlassian's OpenAPI documents.
 */
import type { FastifyInstance } from 'fastify';
import type { ConfluenceSiteData, SandboxPage } from './confluence/confluence-model.js';
import { SANDBOX_USERS } from './fixtures/users.js';
import { compileCql, QuerySyntaxError } from './query/cql-filter.js';
import type { SiteContext } from './site/site.js';
import { storageText } from './text/storage-text.js';

export type ConfluenceFlavor = 'cloud' | 'server';

export function registerConfluenceRoutes(app: FastifyInstance, site: SiteContext, data: ConfluenceSiteData, flavor: ConfluenceFlavor): void {
  const prefix = flavor === 'cloud' ? '/wiki' : '';
  const { space } = data;
  const webui = (page: SandboxPage) => `/spaces/${space.key}/pages/${page.id}`;
  const findPage = (id: string) => data.pages.find((page) => page.id === id);
  /** A page as it was at a version, or undefined when it never had that version. */
  const atVersion = (page: SandboxPage, version: number): SandboxPage | undefined => {
    if (version === page.version) return page;
    const old = page.history.find((entry) => entry.version === version);
    return old ? { ...page, title: old.title, storage: old.storage, version: old.version, updated: old.updated } : undefined;
  };
  const plainText = (page: SandboxPage) => storageText(page.storage);
  const notFoundV1 = { statusCode: 404, data: { authorized: true, valid: false, errors: [], successful: false }, message: 'No content found with id' };

  if (flavor === 'cloud') {
    const v2Page = (page: SandboxPage, bodyFormat: string | undefined) => ({
      id: page.id,
      status: 'current',
      title: page.title,
      spaceId: space.id,
      parentId: page.parentId,
      parentType: page.parentId ? 'page' : null,
      position: Number(page.id),
      authorId: page.authorId,
      ownerId: page.authorId,
      lastOwnerId: null,
      createdAt: page.created,
      version: { createdAt: page.updated, message: '', number: page.version, minorEdit: false, authorId: page.authorId },
      body: bodyFormat === 'storage' ? { storage: { representation: 'storage', value: page.storage } } : {},
      _links: { webui: webui(page), editui: `/pages/resumedraft.action?draftId=${page.id}`, tinyui: `/x/${page.id}` },
    });
    const v2Space = () => ({
      id: space.id,
      key: space.key,
      name: space.name,
      type: 'global',
      status: 'current',
      authorId: SANDBOX_USERS[0]!.accountId,
      createdAt: '2026-01-01T00:00:00.000Z',
      homepageId: space.homepageId,
      description: { plain: { representation: 'plain', value: space.description } },
      _links: { webui: `/spaces/${space.key}` },
    });
    app.get<{ Params: { id: string }; Querystring: { 'body-format'?: string; version?: string } }>(`${prefix}/api/v2/pages/:id`, async (request, reply) => {
      const current = findPage(request.params.id);
      const page = current && request.query.version ? atVersion(current, Number(request.query.version)) : current;
      if (!page) return reply.code(404).send({ errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] });
      return { ...v2Page(page, request.query['body-format']), _links: { ...v2Page(page, undefined)._links, base: `${site.baseUrl()}/wiki` } };
    });
    app.get<{ Querystring: { 'space-id'?: string; title?: string; 'body-format'?: string; limit?: string } }>(`${prefix}/api/v2/pages`, async (request) => {
      const { title } = request.query;
      const inSpace = !request.query['space-id'] || request.query['space-id'].split(',').includes(space.id);
      const results = inSpace ? data.pages.filter((page) => !title || page.title === title) : [];
      return { results: results.map((page) => v2Page(page, request.query['body-format'])), _links: { base: `${site.baseUrl()}/wiki` } };
    });
    app.get<{ Querystring: { keys?: string; type?: string; status?: string } }>(`${prefix}/api/v2/spaces`, async (request) => {
      const keys = request.query.keys?.split(',');
      const matches = (!keys || keys.includes(space.key)) && (!request.query.type || request.query.type === 'global') && (!request.query.status || request.query.status === 'current');
      return { results: matches ? [v2Space()] : [], _links: { base: `${site.baseUrl()}/wiki` } };
    });
    app.get<{ Params: { id: string } }>(`${prefix}/api/v2/spaces/:id`, async (request, reply) => {
      if (request.params.id !== space.id) return reply.code(404).send({ errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] });
      return v2Space();
    });
  } else {
    const v1Content = (page: SandboxPage) => ({
      id: page.id,
      type: 'page',
      status: 'current',
      title: page.title,
      space: { id: Number(space.id), key: space.key, name: space.name, type: 'global', status: 'current', _links: {}, _expandable: {} },
      ancestors: page.parentId ? [{ id: page.parentId, type: 'page', status: 'current', title: data.pages.find((candidate) => candidate.id === page.parentId)?.title ?? '' }] : [],
      version: { by: { type: 'known', username: 'alice', userKey: 'alice', displayName: 'Alice Example' }, when: page.updated, number: page.version, minorEdit: false },
      body: { storage: { value: page.storage, representation: 'storage', _expandable: {} }, _expandable: {} },
      _links: { webui: `/pages/viewpage.action?pageId=${page.id}`, self: `${site.baseUrl()}/rest/api/content/${page.id}` },
      _expandable: {},
    });
    app.get<{ Params: { id: string }; Querystring: { version?: string } }>('/rest/api/content/:id', async (request, reply) => {
      const current = findPage(request.params.id);
      const page = current && request.query.version ? atVersion(current, Number(request.query.version)) : current;
      if (!page) return reply.code(404).send(notFoundV1);
      return v1Content(page);
    });
    app.get<{ Querystring: { spaceKey?: string; title?: string; start?: string; limit?: string } }>('/rest/api/content', async (request) => {
      const { spaceKey, title } = request.query;
      const matching = spaceKey && spaceKey !== space.key ? [] : data.pages.filter((page) => !title || page.title === title);
      const start = Number(request.query.start ?? 0);
      const limit = Number(request.query.limit ?? 25);
      const results = matching.slice(start, start + limit);
      const more = start + limit < matching.length;
      return { results: results.map(v1Content), start, limit, size: results.length, _links: { base: site.baseUrl(), context: '', ...(more ? { next: `/rest/api/content?spaceKey=${space.key}&start=${start + limit}&limit=${limit}` } : {}) } };
    });
  }

  app.get<{ Querystring: { cql?: string; limit?: string; start?: string } }>(`${prefix}/rest/api/search`, async (request, reply) => {
    const cql = request.query.cql ?? '';
    if (flavor === 'server' && /siteSearch/i.test(cql) && site.options.legacySearch) {
      return reply.code(400).send({ statusCode: 400, message: 'Could not parse cql : siteSearch is not supported', data: { authorized: true, valid: false, errors: [], successful: false } });
    }
    let matches: (page: SandboxPage) => boolean;
    try {
      matches = compileCql(cql, space.key, plainText);
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      return reply.code(400).send({ statusCode: 400, message: `Could not parse cql : ${error.message}`, data: { authorized: true, valid: false, errors: [], successful: false } });
    }
    const matching = data.pages.filter(matches);
    const start = Number(request.query.start ?? 0);
    const limit = Math.min(Number(request.query.limit ?? 25), 100);
    const page = matching.slice(start, start + limit);
    return {
      results: page.map((item) => ({
        content: { id: item.id, type: 'page', status: 'current', title: item.title, _links: { webui: flavor === 'cloud' ? webui(item) : `/pages/viewpage.action?pageId=${item.id}` }, _expandable: {} },
        title: item.title,
        excerpt: plainText(item).slice(0, 160).replace(/\n+/g, ' '),
        url: flavor === 'cloud' ? webui(item) : `/pages/viewpage.action?pageId=${item.id}`,
        resultGlobalContainer: { title: space.name, displayUrl: `/spaces/${space.key}` },
        breadcrumbs: [],
        entityType: 'content',
        iconCssClass: 'aui-icon content-type-page',
        lastModified: item.updated,
        friendlyLastModified: 'Nov 01, 2026',
      })),
      start,
      limit,
      size: page.length,
      totalSize: matching.length,
      cqlQuery: cql,
      searchDuration: 3,
      _links: { base: `${site.baseUrl()}${prefix}`, context: prefix },
    };
  });

  app.get(`${prefix}/rest/api/user/current`, async () => ({
    type: 'known',
    ...(flavor === 'cloud' ? { accountId: SANDBOX_USERS[0]!.accountId, accountType: 'atlassian' } : { username: 'alice', userKey: 'alice' }),
    displayName: SANDBOX_USERS[0]!.displayName,
    _links: {},
  }));
}
