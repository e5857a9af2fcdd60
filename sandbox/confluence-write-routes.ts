/**
 * Sandbox Confluence writes: pages (create, update with the next version number or 409) and footer comments.
 * Wiki markup bodies are converted to storage on arrival, as Confluence does (by the sandbox's own converter).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ConfluenceSiteData, SandboxPage } from './confluence/confluence-model.js';
import { v2CommentPayload } from './confluence-comment-payload.js';
import type { ConfluenceFlavor } from './confluence-routes.js';
import { SANDBOX_USERS } from './fixtures/users.js';
import { wikiToStorage } from './text/wiki-storage.js';

type Body = { representation?: string; value?: string };

export function registerConfluenceWriteRoutes(app: FastifyInstance, data: ConfluenceSiteData, flavor: ConfluenceFlavor): void {
  const { space } = data;
  const author = SANDBOX_USERS[0]!;
  const storageOf = (body: Body | undefined): string | undefined => {
    if (!body?.value && body?.value !== '') return undefined;
    if (body.representation === 'wiki') return wikiToStorage(body.value);
    return body.representation === 'storage' ? body.value : undefined;
  };
  const bad = (reply: FastifyReply, message: string) =>
    reply.code(400).send(flavor === 'cloud' ? { errors: [{ status: 400, code: 'INVALID_REQUEST_PARAMETER', title: message, detail: null }] } : { statusCode: 400, message, data: { authorized: true, valid: false, errors: [], successful: false } });
  const conflict = (reply: FastifyReply, page: SandboxPage) =>
    reply.code(409).send(flavor === 'cloud' ? { errors: [{ status: 409, code: 'CONFLICT', title: `Version must be incremented on update. Current version is: ${page.version}`, detail: null }] } : { statusCode: 409, message: `Version must be incremented on update. Current version is: ${page.version}` });
  const nextId = () => String(Math.max(...data.pages.map((page) => Number(page.id)), ...data.comments.map((comment) => Number(comment.id))) + 1);
  const newPage = (title: string, storage: string, parentId: string | null): SandboxPage => {
    const now = new Date().toISOString();
    const page = { id: nextId(), title, parentId, version: 1, created: now, updated: now, authorId: author.accountId, storage, labels: [], attachments: [], restrictions: { read: { users: [], groups: [] }, update: { users: [], groups: [] } }, history: [] };
    data.pages.push(page);
    return page;
  };
  const applyUpdate = (page: SandboxPage, title: string | undefined, storage: string | undefined, version: number | undefined, message = '') => {
    page.history.push({ version: page.version, title: page.title, storage: page.storage, updated: page.updated, authorId: page.authorId, message: page.message ?? '' });
    page.message = message;
    page.version = version!;
    page.title = title ?? page.title;
    if (storage !== undefined) page.storage = storage;
    page.updated = new Date().toISOString();
  };

  if (flavor === 'cloud') {
    const written = (page: SandboxPage) => ({ id: page.id, status: 'current', title: page.title, spaceId: space.id, parentId: page.parentId, authorId: page.authorId, createdAt: page.created, version: { number: page.version, createdAt: page.updated, authorId: page.authorId, message: '', minorEdit: false }, body: { storage: { representation: 'storage', value: page.storage } }, _links: { webui: `/spaces/${space.key}/pages/${page.id}` } });
    app.post<{ Body: { spaceId?: string; title?: string; parentId?: string; body?: Body } }>('/wiki/api/v2/pages', async (request, reply) => {
      const body = request.body ?? {};
      if (body.spaceId !== space.id) return bad(reply, 'Invalid spaceId');
      if (!body.title) return bad(reply, 'A page must have a title');
      if (data.pages.some((page) => page.title === body.title)) return bad(reply, 'A page with this title already exists');
      if (body.parentId && !data.pages.some((page) => page.id === body.parentId)) return bad(reply, 'Parent page not found');
      const storage = storageOf(body.body);
      if (storage === undefined) return bad(reply, 'Body representation must be storage, atlas_doc_format or wiki');
      return written(newPage(body.title, storage, body.parentId ?? space.homepageId));
    });
    app.put<{ Params: { id: string }; Body: { title?: string; body?: Body; version?: { number?: number; message?: string } } }>('/wiki/api/v2/pages/:id', async (request, reply) => {
      const page = data.pages.find((candidate) => candidate.id === request.params.id);
      if (!page) return reply.code(404).send({ errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] });
      if (request.body?.version?.number !== page.version + 1) return conflict(reply, page);
      applyUpdate(page, request.body.title, storageOf(request.body.body), request.body.version.number, request.body.version.message);
      return written(page);
    });
    app.post<{ Body: { pageId?: string; parentCommentId?: string; body?: Body } }>('/wiki/api/v2/footer-comments', async (request, reply) => {
      const parent = request.body?.parentCommentId ? data.comments.find((comment) => comment.id === request.body?.parentCommentId) : undefined;
      if (request.body?.parentCommentId && !parent) return bad(reply, 'Parent comment not found');
      const pageId = parent?.pageId ?? request.body?.pageId;
      if (!data.pages.some((page) => page.id === pageId)) return bad(reply, 'Page not found');
      const storage = storageOf(request.body?.body);
      if (!storage) return bad(reply, 'Comment body must not be empty');
      const comment = { id: nextId(), pageId: pageId!, ...(parent ? { parentId: parent.id } : {}), authorId: author.accountId, authorName: author.displayName, created: new Date().toISOString(), storage };
      data.comments.push(comment);
      return v2CommentPayload(comment, space.key, true);
    });
    app.post<{ Body: { pageId?: string; body?: Body; inlineCommentProperties?: { textSelection?: string; textSelectionMatchCount?: number; textSelectionMatchIndex?: number } } }>('/wiki/api/v2/inline-comments', async (request, reply) => {
      const page = data.pages.find((candidate) => candidate.id === request.body?.pageId);
      if (!page) return bad(reply, 'Page not found');
      const selection = request.body?.inlineCommentProperties;
      const visible = page.storage.replace(/<ac:parameter[\s\S]*?<\/ac:parameter>/g, '').replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1').replace(/<[^>]+>/g, '');
      const count = selection?.textSelection ? visible.split(selection.textSelection).length - 1 : 0;
      if (!selection?.textSelection || count === 0 || count !== selection.textSelectionMatchCount || (selection.textSelectionMatchIndex ?? 0) >= count) return bad(reply, 'Text selection does not match the page');
      const storage = storageOf(request.body?.body);
      if (!storage) return bad(reply, 'Comment body must not be empty');
      const comment = { id: nextId(), pageId: page.id, authorId: author.accountId, authorName: author.displayName, created: new Date().toISOString(), storage, selection: selection.textSelection, resolved: false };
      data.comments.push(comment);
      return v2CommentPayload(comment, space.key, true);
    });
    return;
  }

  const v1Written = (id: string, title: string, version: number) => ({ id, type: 'page', status: 'current', title, version: { number: version }, _links: { webui: `/pages/viewpage.action?pageId=${id}` }, _expandable: {} });
  app.post<{ Body: { type?: string; title?: string; space?: { key?: string }; ancestors?: Array<{ id?: string }>; container?: { id?: string }; body?: Record<string, Body> } }>('/rest/api/content', async (request, reply) => {
    const body = request.body ?? {};
    const storage = storageOf(body.body?.storage ?? body.body?.wiki);
    if (body.type === 'comment') {
      const pageId = body.container?.id;
      if (!data.pages.some((page) => page.id === pageId)) return bad(reply, 'Container not found');
      if (!storage) return bad(reply, 'Comment body must not be empty');
      const parentId = body.ancestors?.[0]?.id;
      if (parentId && !data.comments.some((comment) => comment.id === parentId)) return bad(reply, 'Parent comment not found');
      const comment = { id: nextId(), pageId: pageId!, ...(parentId ? { parentId } : {}), authorId: author.accountId, authorName: author.displayName, created: new Date().toISOString(), storage };
      data.comments.push(comment);
      return { id: comment.id, type: 'comment', status: 'current', title: `Re: page ${pageId}`, version: { number: 1 }, _links: {}, _expandable: {} };
    }
    if (body.space?.key !== space.key) return bad(reply, 'No space with key');
    if (!body.title) return bad(reply, 'A page must have a title');
    if (data.pages.some((page) => page.title === body.title)) return bad(reply, 'A page with this title already exists');
    if (storage === undefined) return bad(reply, 'Body must be storage or wiki');
    const page = newPage(body.title, storage, body.ancestors?.[0]?.id ?? space.homepageId);
    return v1Written(page.id, page.title, page.version);
  });
  app.put<{ Params: { id: string }; Body: { title?: string; version?: { number?: number; message?: string }; body?: Record<string, Body> } }>('/rest/api/content/:id', async (request, reply) => {
    const page = data.pages.find((candidate) => candidate.id === request.params.id);
    if (!page) return reply.code(404).send({ statusCode: 404, message: 'No content found' });
    if (request.body?.version?.number !== page.version + 1) return conflict(reply, page);
    applyUpdate(page, request.body.title, storageOf(request.body.body?.storage ?? request.body.body?.wiki), request.body.version.number, request.body.version.message);
    return v1Written(page.id, page.title, page.version);
  });
}
