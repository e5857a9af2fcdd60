/** Sandbox Confluence listings: spaces, a space's pages, child pages and footer comments, on both flavours. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ConfluenceSiteData, SandboxPage } from './confluence/confluence-model.js';
import { v2CommentPayload } from './confluence-comment-payload.js';
import type { ConfluenceFlavor } from './confluence-routes.js';
import { SANDBOX_USERS } from './fixtures/users.js';
import type { SiteContext } from './site/site.js';

export function registerConfluenceBrowseRoutes(app: FastifyInstance, site: SiteContext, data: ConfluenceSiteData, flavor: ConfluenceFlavor): void {
  const { space } = data;
  const children = (parentId: string) => data.pages.filter((page) => page.parentId === parentId);
  /** Footer comments: top-level only on Cloud (replies hang off their parent there), all of them on Server/DC. */
  const commentsOf = (pageId: string) => data.comments.filter((comment) => comment.pageId === pageId && comment.selection === undefined && (flavor === 'server' || !comment.parentId));
  const missing = (reply: FastifyReply) => reply.code(404).send(flavor === 'cloud' ? { errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] } : { statusCode: 404, message: 'No content found', data: { authorized: true, valid: false, errors: [], successful: false } });
  /** Offset pages with a next link, the v1 way, or cursor pages the v2 way. */
  const page = <T>(items: T[], query: { start?: string; cursor?: string; limit?: string }, path: string) => {
    const start = Number(flavor === 'cloud' ? (query.cursor ? Buffer.from(query.cursor, 'base64url').toString() : 0) : (query.start ?? 0));
    const limit = Number(query.limit ?? 25);
    const slice = items.slice(start, start + limit);
    const more = start + limit < items.length;
    if (flavor === 'cloud') return { results: slice, _links: more ? { next: `/wiki/api/v2${path}?cursor=${Buffer.from(String(start + limit)).toString('base64url')}&limit=${limit}`, base: `${site.baseUrl()}/wiki` } : { base: `${site.baseUrl()}/wiki` } };
    return { results: slice, start, limit, size: slice.length, _links: { base: site.baseUrl(), context: '', ...(more ? { next: `/rest/api${path}?start=${start + limit}&limit=${limit}` } : {}) } };
  };

  if (flavor === 'cloud') {
    const v2Summary = (item: SandboxPage) => ({ id: item.id, status: 'current', title: item.title, spaceId: space.id, parentId: item.parentId, parentType: item.parentId ? 'page' : null, authorId: item.authorId, createdAt: item.created, version: { number: item.version, createdAt: item.updated, authorId: item.authorId, message: '', minorEdit: false }, _links: { webui: `/spaces/${space.key}/pages/${item.id}` } });
    app.get<{ Params: { id: string }; Querystring: { cursor?: string; limit?: string } }>('/wiki/api/v2/spaces/:id/pages', async (request, reply) => {
      if (request.params.id !== space.id) return missing(reply);
      return page([...data.pages].sort((a, b) => a.title.localeCompare(b.title)).map(v2Summary), request.query, `/spaces/${space.id}/pages`);
    });
    app.get<{ Params: { id: string }; Querystring: { cursor?: string; limit?: string } }>('/wiki/api/v2/pages/:id/direct-children', async (request, reply) => {
      if (!data.pages.some((item) => item.id === request.params.id)) return missing(reply);
      return page(children(request.params.id).map((item, index) => ({ id: item.id, status: 'current', title: item.title, type: 'page', spaceId: space.id, childPosition: index })), request.query, `/pages/${request.params.id}/direct-children`);
    });
    app.get<{ Params: { id: string }; Querystring: { cursor?: string; limit?: string; 'body-format'?: string } }>('/wiki/api/v2/pages/:id/footer-comments', async (request, reply) => {
      if (!data.pages.some((item) => item.id === request.params.id)) return missing(reply);
      return page(
        commentsOf(request.params.id).map((comment) => v2CommentPayload(comment, space.key, request.query['body-format'] === 'storage')),
        request.query,
        `/pages/${request.params.id}/footer-comments`,
      );
    });
    app.get<{ Params: { id: string }; Querystring: { limit?: string; cursor?: string } }>('/wiki/api/v2/pages/:id/versions', async (request, reply) => {
      const item = data.pages.find((candidate) => candidate.id === request.params.id);
      if (!item) return missing(reply);
      const versions = [...item.history, { version: item.version, updated: item.updated, authorId: item.authorId, message: item.message ?? '' }].reverse();
      return page(versions.map((version) => ({ number: version.version, message: version.message, minorEdit: false, authorId: version.authorId, createdAt: version.updated })), request.query, `/pages/${item.id}/versions`);
    });
    app.get<{ Params: { id: string }; Querystring: { 'body-format'?: string; limit?: string; cursor?: string } }>('/wiki/api/v2/footer-comments/:id/children', async (request, reply) => {
      if (!data.comments.some((comment) => comment.id === request.params.id)) return missing(reply);
      const replies = data.comments.filter((comment) => comment.parentId === request.params.id);
      return page(
        replies.map((comment) => v2CommentPayload(comment, space.key, request.query['body-format'] === 'storage')),
        request.query,
        `/footer-comments/${request.params.id}/children`,
      );
    });
    app.get<{ Params: { id: string }; Querystring: { 'body-format'?: string; limit?: string; cursor?: string } }>('/wiki/api/v2/pages/:id/inline-comments', async (request, reply) => {
      if (!data.pages.some((item) => item.id === request.params.id)) return missing(reply);
      const inline = data.comments.filter((comment) => comment.pageId === request.params.id && comment.selection !== undefined);
      return page(
        inline.map((comment) => v2CommentPayload(comment, space.key, request.query['body-format'] === 'storage')),
        request.query,
        `/pages/${request.params.id}/inline-comments`,
      );
    });
    app.post<{ Body: { accountIds?: string[] } }>('/wiki/api/v2/users-bulk', async (request) => ({
      results: SANDBOX_USERS.filter((user) => request.body?.accountIds?.includes(user.accountId)).map((user) => ({ accountId: user.accountId, displayName: user.displayName, publicName: user.displayName, accountType: 'atlassian', accountStatus: 'active', email: user.email })),
      _links: {},
    }));
  } else {
    const v1Space = () => ({ id: Number(space.id), key: space.key, name: space.name, type: 'global', status: 'current', description: { plain: { value: space.description, representation: 'plain', embeddedContent: [] } }, homepage: { id: space.homepageId, type: 'page', status: 'current', title: data.pages[0]!.title }, _links: { webui: `/display/${space.key}`, self: `${site.baseUrl()}/rest/api/space/${space.key}` }, _expandable: {} });
    const v1Content = (item: SandboxPage, withBody: boolean) => ({ id: item.id, type: 'page', status: 'current', title: item.title, version: { number: item.version, when: item.updated, minorEdit: false }, ...(withBody ? { body: { storage: { value: item.storage, representation: 'storage' } } } : {}), _links: { webui: `/pages/viewpage.action?pageId=${item.id}` }, _expandable: {} });
    app.get<{ Querystring: { start?: string; limit?: string; type?: string } }>('/rest/api/space', async (request) => page(request.query.type && request.query.type !== 'global' ? [] : [v1Space()], request.query, '/space'));
    app.get<{ Params: { key: string } }>('/rest/api/space/:key', async (request, reply) => (request.params.key === space.key ? v1Space() : reply.code(404).send({ statusCode: 404, message: `No space with key : ${request.params.key}` })));
    app.get<{ Params: { id: string }; Querystring: { start?: string; limit?: string; expand?: string } }>('/rest/api/content/:id/child/page', async (request, reply) => {
      if (!data.pages.some((item) => item.id === request.params.id)) return missing(reply);
      return page(children(request.params.id).map((item) => v1Content(item, Boolean(request.query.expand?.includes('body.storage')))), request.query, `/content/${request.params.id}/child/page`);
    });
    app.get<{ Params: { id: string }; Querystring: { start?: string; limit?: string } }>('/rest/api/content/:id/version', async (request, reply) => {
      const item = data.pages.find((candidate) => candidate.id === request.params.id);
      if (!item) return missing(reply);
      const versions = [...item.history, { version: item.version, updated: item.updated, authorId: item.authorId, message: item.message ?? '' }].reverse();
      const name = (id: string) => SANDBOX_USERS.find((user) => user.accountId === id)?.displayName ?? 'Unknown';
      return page(versions.map((version) => ({ by: { type: 'known', displayName: name(version.authorId) }, when: version.updated, message: version.message, number: version.version, minorEdit: false, _expandable: {}, _links: {} })), request.query, `/content/${item.id}/version`);
    });
    app.get<{ Params: { id: string }; Querystring: { start?: string; limit?: string } }>('/rest/api/content/:id/child/comment', async (request, reply) => {
      if (!data.pages.some((item) => item.id === request.params.id)) return missing(reply);
      return page(
        commentsOf(request.params.id).map((comment) => ({ id: comment.id, type: 'comment', status: 'current', title: `Re: page ${comment.pageId}`, ancestors: comment.parentId ? [{ id: comment.parentId, type: 'comment', status: 'current' }] : [], body: { storage: { value: comment.storage, representation: 'storage' } }, history: { latest: true, createdBy: { type: 'known', displayName: comment.authorName }, createdDate: comment.created }, _links: {}, _expandable: {} })),
        request.query,
        `/content/${request.params.id}/child/comment`,
      );
    });
  }
}
