/** Sandbox Confluence organisation: delete (to the trash), move, copy, and labels, on both flavours. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ConfluenceSiteData, SandboxPage } from './confluence/confluence-model.js';
import type { ConfluenceFlavor } from './confluence-routes.js';

export function registerConfluenceOrganizeRoutes(app: FastifyInstance, data: ConfluenceSiteData, flavor: ConfluenceFlavor): void {
  const prefix = flavor === 'cloud' ? '/wiki' : '';
  const find = (id: string) => data.pages.find((page) => page.id === id);
  const missing = (reply: FastifyReply) => reply.code(404).send(flavor === 'cloud' ? { errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] } : { statusCode: 404, message: 'No content found' });
  const trash = (reply: FastifyReply, id: string) => {
    const holder = data.pages.find((candidate) => candidate.attachments.some((item) => item.id === id));
    if (holder) {
      holder.attachments = holder.attachments.filter((item) => item.id !== id);
      return reply.code(204).send();
    }
    const page = find(id);
    if (!page) return missing(reply);
    data.pages.splice(data.pages.indexOf(page), 1);
    for (const child of data.pages.filter((candidate) => candidate.parentId === id)) child.parentId = page.parentId;
    return reply.code(204).send();
  };

  if (flavor === 'cloud') app.delete<{ Params: { id: string } }>('/wiki/api/v2/pages/:id', async (request, reply) => trash(reply, request.params.id));
  else app.delete<{ Params: { id: string } }>('/rest/api/content/:id', async (request, reply) => trash(reply, request.params.id));

  app.put<{ Params: { id: string; position: string; target: string } }>(`${prefix}/rest/api/content/:id/move/:position/:target`, async (request, reply) => {
    const page = find(request.params.id);
    const target = find(request.params.target);
    if (!page || !target) return missing(reply);
    if (!['append', 'before', 'after'].includes(request.params.position)) return reply.code(400).send({ statusCode: 400, message: 'Invalid position' });
    if (isAncestor(data.pages, page.id, target.id)) return reply.code(400).send({ statusCode: 400, message: 'Cannot move a page under its own descendant' });
    page.parentId = request.params.position === 'append' ? target.id : target.parentId;
    return { pageId: page.id };
  });

  app.post<{ Params: { id: string }; Body: { destination?: { type?: string; value?: string }; pageTitle?: string; copyLabels?: boolean } }>(`${prefix}/rest/api/content/:id/copy`, async (request, reply) => {
    const page = find(request.params.id);
    if (!page) return missing(reply);
    const destination = request.body?.destination;
    const parentId = destination?.type === 'parent_page' ? destination.value : destination?.type === 'space' && destination.value === data.space.key ? null : undefined;
    if (parentId === undefined || (parentId && !find(parentId))) return reply.code(400).send({ statusCode: 400, message: 'Invalid destination' });
    const title = request.body?.pageTitle ?? `Copy of ${page.title}`;
    if (data.pages.some((candidate) => candidate.title === title)) return reply.code(400).send({ statusCode: 400, message: 'A page with this title already exists' });
    const now = new Date().toISOString();
    const copy: SandboxPage = { ...page, attachments: [...page.attachments], id: String(Math.max(...data.pages.map((candidate) => Number(candidate.id))) + 1), title, parentId, version: 1, created: now, updated: now, labels: request.body?.copyLabels === false ? [] : [...page.labels], history: [] };
    data.pages.push(copy);
    return { id: copy.id, type: 'page', status: 'current', title: copy.title, _links: {}, _expandable: {} };
  });

  const labelPayload = (page: SandboxPage) => page.labels.map((name, index) => ({ id: String(index + 1), prefix: 'global', name, label: name }));
  if (flavor === 'cloud') {
    app.get<{ Params: { id: string } }>('/wiki/api/v2/pages/:id/labels', async (request, reply) => {
      const page = find(request.params.id);
      return page ? { results: labelPayload(page).map(({ id, prefix: labelPrefix, name }) => ({ id, prefix: labelPrefix, name })), _links: {} } : missing(reply);
    });
  } else {
    app.get<{ Params: { id: string } }>('/rest/api/content/:id/label', async (request, reply) => {
      const page = find(request.params.id);
      return page ? { results: labelPayload(page), start: 0, limit: 200, size: page.labels.length, _links: {} } : missing(reply);
    });
  }
  app.post<{ Params: { id: string }; Body: Array<{ name?: string }> }>(`${prefix}/rest/api/content/:id/label`, async (request, reply) => {
    const page = find(request.params.id);
    if (!page) return missing(reply);
    for (const label of request.body ?? []) if (label.name && !page.labels.includes(label.name.toLowerCase())) page.labels.push(label.name.toLowerCase());
    return { results: labelPayload(page), start: 0, limit: 200, size: page.labels.length, _links: {} };
  });
}

function isAncestor(pages: readonly SandboxPage[], ancestorId: string, pageId: string): boolean {
  let current = pages.find((page) => page.id === pageId);
  while (current) {
    if (current.id === ancestorId) return true;
    current = pages.find((page) => page.id === current!.parentId);
  }
  return false;
}
