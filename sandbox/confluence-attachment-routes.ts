/** Sandbox Confluence attachments: listing (v2 on Cloud, v1 on Server/DC), download links, multipart uploads, deletes. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ConfluenceSiteData } from './confluence/confluence-model.js';
import type { ConfluenceFlavor } from './confluence-routes.js';
import { parseMultipart, type MultipartFile } from './http/multipart.js';

export function registerConfluenceAttachmentRoutes(app: FastifyInstance, data: ConfluenceSiteData, flavor: ConfluenceFlavor): void {
  const prefix = flavor === 'cloud' ? '/wiki' : '';
  const find = (id: string) => data.pages.find((page) => page.id === id);
  const missing = (reply: FastifyReply) => reply.code(404).send(flavor === 'cloud' ? { errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] } : { statusCode: 404, message: 'No content found' });
  const link = (pageId: string, title: string) => `/download/attachments/${pageId}/${encodeURIComponent(title)}?version=1`;

  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (request, body, done) => done(null, parseMultipart(body as Buffer, String(request.headers['content-type']))));

  if (flavor === 'cloud') {
    app.get<{ Params: { id: string } }>('/wiki/api/v2/pages/:id/attachments', async (request, reply) => {
      const page = find(request.params.id);
      if (!page) return missing(reply);
      return { results: page.attachments.map((item) => ({ id: item.id, status: 'current', title: item.title, pageId: page.id, mediaType: item.mediaType, fileSize: item.data.length, downloadLink: link(page.id, item.title), webuiLink: `/pages/viewpageattachments.action?pageId=${page.id}`, version: { number: 1, createdAt: page.updated, authorId: page.authorId, message: '', minorEdit: false } })), _links: {} };
    });
    app.delete<{ Params: { id: string } }>('/wiki/api/v2/attachments/:id', async (request, reply) => {
      const holder = data.pages.find((page) => page.attachments.some((item) => item.id === request.params.id));
      if (!holder) return missing(reply);
      holder.attachments = holder.attachments.filter((item) => item.id !== request.params.id);
      return reply.code(204).send();
    });
  } else {
    app.get<{ Params: { id: string } }>('/rest/api/content/:id/child/attachment', async (request, reply) => {
      const page = find(request.params.id);
      if (!page) return missing(reply);
      const results = page.attachments.map((item) => ({ id: item.id, type: 'attachment', status: 'current', title: item.title, metadata: { mediaType: item.mediaType }, extensions: { mediaType: item.mediaType, fileSize: item.data.length }, _links: { download: link(page.id, item.title) }, _expandable: {} }));
      return { results, start: 0, limit: 100, size: results.length, _links: {} };
    });
  }

  app.get<{ Params: { pageId: string; name: string } }>(`${prefix}/download/attachments/:pageId/:name`, async (request, reply) => {
    const item = find(request.params.pageId)?.attachments.find((candidate) => candidate.title === request.params.name);
    if (!item) return reply.code(404).send('Not found');
    return reply.header('content-type', item.mediaType).send(item.data);
  });

  app.post<{ Params: { id: string }; Body: MultipartFile[] | undefined }>(`${prefix}/rest/api/content/:id/child/attachment`, async (request, reply) => {
    if (request.headers['x-atlassian-token'] !== 'no-check') return reply.code(403).send('XSRF check failed');
    const page = find(request.params.id);
    if (!page) return missing(reply);
    const files = (request.body ?? []).filter((part) => part.name === 'file' && part.filename);
    if (files.length === 0) return reply.code(400).send({ statusCode: 400, message: 'No file in the request' });
    // createAttachment lists minorEdit as a required form field.
    if (!(request.body ?? []).some((part) => part.name === 'minorEdit' && /^(true|false)$/.test(part.data.toString('utf8')))) {
      return reply.code(400).send({ statusCode: 400, message: 'The minorEdit form field (true or false) is required' });
    }
    const results = files.map((file) => {
      const item = { id: `att${Date.now()}${page.attachments.length}`, title: file.filename!, mediaType: file.contentType, data: file.data };
      page.attachments = [...page.attachments.filter((existing) => existing.title !== item.title), item];
      return { id: item.id, type: 'attachment', status: 'current', title: item.title, _links: {}, _expandable: {} };
    });
    return { results, start: 0, limit: 50, size: results.length, _links: {} };
  });
}
