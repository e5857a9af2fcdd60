/** Confluence page organisation: delete (pages to the trash, children move up; attachments too), move, and copy. */
import type { FastifyReply } from 'fastify';
import type { ConfluenceContext, ConfluencePlugin } from './confluence-context.js';
import { contentNotFound } from './confluence-errors.js';
import type { SandboxPage } from './confluence-model.js';

type CopyBody = { destination?: { type?: string; value?: string }; pageTitle?: string; copyLabels?: boolean };

/** Deletes an attachment or a page by id; a deleted page's children move up to its parent. */
function trash({ cloud, data, findPage }: ConfluenceContext, reply: FastifyReply, id: string) {
  const holder = data.pages.find((candidate) => candidate.attachments.some((item) => item.id === id));
  if (holder) {
    holder.attachments = holder.attachments.filter((item) => item.id !== id);
    return reply.code(204).send();
  }
  const page = findPage(id);
  if (!page) return contentNotFound(reply, cloud);
  data.pages.splice(data.pages.indexOf(page), 1);
  for (const child of data.pages.filter((candidate) => candidate.parentId === id)) child.parentId = page.parentId;
  return reply.code(204).send();
}

function isAncestor(pages: readonly SandboxPage[], ancestorId: string, pageId: string): boolean {
  let current = pages.find((page) => page.id === pageId);
  while (current) {
    if (current.id === ancestorId) return true;
    current = pages.find((page) => page.id === current!.parentId);
  }
  return false;
}

export const organizePlugin: ConfluencePlugin = async (app, { confluence }) => {
  const { cloud, contextPath, data, findPage } = confluence;

  app.delete<{ Params: { id: string } }>(
    cloud ? '/wiki/api/v2/pages/:id' : '/rest/api/content/:id',
    async (request, reply) => trash(confluence, reply, request.params.id),
  );

  app.put<{ Params: { id: string; position: string; target: string } }>(
    `${contextPath}/rest/api/content/:id/move/:position/:target`,
    async (request, reply) => {
      const page = findPage(request.params.id);
      const target = findPage(request.params.target);
      if (!page || !target) return contentNotFound(reply, cloud);
      if (!['append', 'before', 'after'].includes(request.params.position))
        return reply.code(400).send({ statusCode: 400, message: 'Invalid position' });
      if (isAncestor(data.pages, page.id, target.id))
        return reply.code(400).send({ statusCode: 400, message: 'Cannot move a page under its own descendant' });
      page.parentId = request.params.position === 'append' ? target.id : target.parentId;
      return { pageId: page.id };
    },
  );

  app.post<{ Params: { id: string }; Body: CopyBody }>(
    `${contextPath}/rest/api/content/:id/copy`,
    async (request, reply) => {
      const page = findPage(request.params.id);
      if (!page) return contentNotFound(reply, cloud);
      const destination = request.body?.destination;
      const parentId =
        destination?.type === 'parent_page'
          ? destination.value
          : destination?.type === 'space' && destination.value === data.space.key
            ? null
            : undefined;
      if (parentId === undefined || (parentId && !findPage(parentId)))
        return reply.code(400).send({ statusCode: 400, message: 'Invalid destination' });
      const title = request.body?.pageTitle ?? `Copy of ${page.title}`;
      if (data.pages.some((candidate) => candidate.title === title))
        return reply.code(400).send({ statusCode: 400, message: 'A page with this title already exists' });
      const now = new Date().toISOString();
      const copy: SandboxPage = {
        ...page,
        attachments: [...page.attachments],
        id: String(Math.max(...data.pages.map((candidate) => Number(candidate.id))) + 1),
        title,
        parentId,
        version: 1,
        created: now,
        updated: now,
        labels: request.body?.copyLabels === false ? [] : [...page.labels],
        history: [],
      };
      data.pages.push(copy);
      return { id: copy.id, type: 'page', status: 'current', title: copy.title, _links: {}, _expandable: {} };
    },
  );
};
