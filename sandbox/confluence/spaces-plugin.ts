/** Confluence spaces: the site's one space (by id or key, and in listings), and on Cloud the pages of a space. */
import { SANDBOX_USERS } from '../fixtures/users.js';
import type { ConfluenceContext, ConfluencePlugin } from './confluence-context.js';
import { listingNotFound, NOT_FOUND_V2 } from './confluence-errors.js';
import type { SandboxPage } from './confluence-model.js';
import { listPage, type PageQuery } from './paging.js';

const v2Space = ({ data: { space } }: ConfluenceContext) => ({
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

const v1Space = ({ data, site }: ConfluenceContext) => {
  const { space } = data;
  return {
    id: Number(space.id),
    key: space.key,
    name: space.name,
    type: 'global',
    status: 'current',
    description: { plain: { value: space.description, representation: 'plain', embeddedContent: [] } },
    homepage: { id: space.homepageId, type: 'page', status: 'current', title: data.pages[0]!.title },
    _links: { webui: `/display/${space.key}`, self: `${site.baseUrl()}/rest/api/space/${space.key}` },
    _expandable: {},
  };
};

/** A page in v2's listing of a space's pages. */
const v2Summary = ({ data: { space } }: ConfluenceContext, item: SandboxPage) => ({
  id: item.id,
  status: 'current',
  title: item.title,
  spaceId: space.id,
  parentId: item.parentId,
  parentType: item.parentId ? 'page' : null,
  authorId: item.authorId,
  createdAt: item.created,
  version: { number: item.version, createdAt: item.updated, authorId: item.authorId, message: '', minorEdit: false },
  _links: { webui: `/spaces/${space.key}/pages/${item.id}` },
});

export const spacesPlugin: ConfluencePlugin = async (app, { confluence }) => {
  const { data, site } = confluence;
  const { space } = data;
  if (!confluence.cloud) {
    app.get<{ Querystring: { start?: string; limit?: string; type?: string } }>('/rest/api/space', async (request) =>
      listPage(
        confluence,
        request.query.type && request.query.type !== 'global' ? [] : [v1Space(confluence)],
        request.query,
        '/space',
      ),
    );
    app.get<{ Params: { key: string } }>('/rest/api/space/:key', async (request, reply) =>
      request.params.key === space.key
        ? v1Space(confluence)
        : reply.code(404).send({ statusCode: 404, message: `No space with key : ${request.params.key}` }),
    );
    return;
  }
  app.get<{ Querystring: { keys?: string; type?: string; status?: string } }>(
    '/wiki/api/v2/spaces',
    async (request) => {
      const keys = request.query.keys?.split(',');
      const matches =
        (!keys || keys.includes(space.key)) &&
        (!request.query.type || request.query.type === 'global') &&
        (!request.query.status || request.query.status === 'current');
      return { results: matches ? [v2Space(confluence)] : [], _links: { base: `${site.baseUrl()}/wiki` } };
    },
  );
  app.get<{ Params: { id: string } }>('/wiki/api/v2/spaces/:id', async (request, reply) => {
    if (request.params.id !== space.id) return reply.code(404).send(NOT_FOUND_V2);
    return v2Space(confluence);
  });
  app.get<{ Params: { id: string }; Querystring: PageQuery }>(
    '/wiki/api/v2/spaces/:id/pages',
    async (request, reply) => {
      if (request.params.id !== space.id) return listingNotFound(reply, true);
      return listPage(
        confluence,
        [...data.pages].sort((a, b) => a.title.localeCompare(b.title)).map((item) => v2Summary(confluence, item)),
        request.query,
        `/spaces/${space.id}/pages`,
      );
    },
  );
};
