/**
 * Confluence page writes: create (unique titles, under a parent or the home page) and update (with the next version
 * number, or 409), v2 on Cloud; v1 on Server/DC, whose content endpoint also creates comments.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ConfluenceContext, ConfluencePlugin } from './confluence-context.js';
import { badRequest, NO_CONTENT, NOT_FOUND_V2 } from './confluence-errors.js';
import type { SandboxPage } from './confluence-model.js';
import { addComment, addPage, storageOf, updatePage, type Body } from './page-store.js';

type V2PageBody = { spaceId?: string; title?: string; parentId?: string; body?: Body };
type V2UpdateBody = { title?: string; body?: Body; version?: { number?: number; message?: string } };
type V1ContentBody = {
  type?: string;
  title?: string;
  space?: { key?: string };
  ancestors?: Array<{ id?: string }>;
  container?: { id?: string };
  body?: Record<string, Body>;
};
type V1UpdateBody = { title?: string; version?: { number?: number; message?: string }; body?: Record<string, Body> };

const conflict = (reply: FastifyReply, cloud: boolean, page: SandboxPage) =>
  reply.code(409).send(
    cloud
      ? {
          errors: [
            {
              status: 409,
              code: 'CONFLICT',
              title: `Version must be incremented on update. Current version is: ${page.version}`,
              detail: null,
            },
          ],
        }
      : { statusCode: 409, message: `Version must be incremented on update. Current version is: ${page.version}` },
  );

const v2Written = ({ data: { space } }: ConfluenceContext, page: SandboxPage) => ({
  id: page.id,
  status: 'current',
  title: page.title,
  spaceId: space.id,
  parentId: page.parentId,
  authorId: page.authorId,
  createdAt: page.created,
  version: { number: page.version, createdAt: page.updated, authorId: page.authorId, message: '', minorEdit: false },
  body: { storage: { representation: 'storage', value: page.storage } },
  _links: { webui: `/spaces/${space.key}/pages/${page.id}` },
});
const v1Written = (id: string, title: string, version: number) => ({
  id,
  type: 'page',
  status: 'current',
  title,
  version: { number: version },
  _links: { webui: `/pages/viewpage.action?pageId=${id}` },
  _expandable: {},
});

export const pageWritesPlugin: ConfluencePlugin = async (app, { confluence }) => {
  const { data } = confluence;
  const { space } = data;
  const bad = (reply: FastifyReply, message: string) => badRequest(reply, confluence.cloud, message);
  if (!confluence.cloud) return v1ContentWrites(app, confluence);

  app.post<{ Body: V2PageBody }>('/wiki/api/v2/pages', async (request, reply) => {
    const body = request.body ?? {};
    if (body.spaceId !== space.id) return bad(reply, 'Invalid spaceId');
    if (!body.title) return bad(reply, 'A page must have a title');
    if (data.pages.some((page) => page.title === body.title))
      return bad(reply, 'A page with this title already exists');
    if (body.parentId && !data.pages.some((page) => page.id === body.parentId))
      return bad(reply, 'Parent page not found');
    const storage = storageOf(body.body);
    if (storage === undefined) return bad(reply, 'Body representation must be storage, atlas_doc_format or wiki');
    return v2Written(confluence, addPage(data, body.title, storage, body.parentId ?? space.homepageId));
  });
  app.put<{ Params: { id: string }; Body: V2UpdateBody }>('/wiki/api/v2/pages/:id', async (request, reply) => {
    const page = confluence.findPage(request.params.id);
    if (!page) return reply.code(404).send(NOT_FOUND_V2);
    if (request.body?.version?.number !== page.version + 1) return conflict(reply, true, page);
    updatePage(
      page,
      request.body.title,
      storageOf(request.body.body),
      request.body.version.number,
      request.body.version.message,
    );
    return v2Written(confluence, page);
  });
};

/** Server/DC's v1 content writes: pages and, with `type: comment`, comments. */
function v1ContentWrites(app: FastifyInstance, confluence: ConfluenceContext): void {
  const { data } = confluence;
  const { space } = data;
  const bad = (reply: FastifyReply, message: string) => badRequest(reply, false, message);
  app.post<{ Body: V1ContentBody }>('/rest/api/content', async (request, reply) => {
    const body = request.body ?? {};
    const storage = storageOf(body.body?.storage ?? body.body?.wiki);
    if (body.type === 'comment') {
      const pageId = body.container?.id;
      if (!data.pages.some((page) => page.id === pageId)) return bad(reply, 'Container not found');
      if (!storage) return bad(reply, 'Comment body must not be empty');
      const parentId = body.ancestors?.[0]?.id;
      if (parentId && !data.comments.some((comment) => comment.id === parentId))
        return bad(reply, 'Parent comment not found');
      const comment = addComment(data, { pageId: pageId!, ...(parentId ? { parentId } : {}), storage });
      return {
        id: comment.id,
        type: 'comment',
        status: 'current',
        title: `Re: page ${pageId}`,
        version: { number: 1 },
        _links: {},
        _expandable: {},
      };
    }
    if (body.space?.key !== space.key) return bad(reply, 'No space with key');
    if (!body.title) return bad(reply, 'A page must have a title');
    if (data.pages.some((page) => page.title === body.title))
      return bad(reply, 'A page with this title already exists');
    if (storage === undefined) return bad(reply, 'Body must be storage or wiki');
    const page = addPage(data, body.title, storage, body.ancestors?.[0]?.id ?? space.homepageId);
    return v1Written(page.id, page.title, page.version);
  });
  app.put<{ Params: { id: string }; Body: V1UpdateBody }>('/rest/api/content/:id', async (request, reply) => {
    const page = confluence.findPage(request.params.id);
    if (!page) return reply.code(404).send(NO_CONTENT);
    if (request.body?.version?.number !== page.version + 1) return conflict(reply, false, page);
    updatePage(
      page,
      request.body.title,
      storageOf(request.body.body?.storage ?? request.body.body?.wiki),
      request.body.version.number,
      request.body.version.message,
    );
    return v1Written(page.id, page.title, page.version);
  });
}
