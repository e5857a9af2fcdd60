/**
 * Confluence attachments: listing (v2 on Cloud, v1 on Server/DC), downloads, multipart uploads (which need
 * `X-Atlassian-Token: no-check` and the `minorEdit` field) and deletes. The site's scope parses multipart bodies.
 */
import type { MultipartFile } from '../http/multipart.js';
import type { ConfluencePlugin } from './confluence-context.js';
import { contentNotFound } from './confluence-errors.js';
import type { SandboxPage } from './confluence-model.js';

const link = (pageId: string, title: string) =>
  `/download/attachments/${pageId}/${encodeURIComponent(title)}?version=1`;

const v2Attachments = (page: SandboxPage) => ({
  results: page.attachments.map((item) => ({
    id: item.id,
    status: 'current',
    title: item.title,
    pageId: page.id,
    mediaType: item.mediaType,
    fileSize: item.data.length,
    downloadLink: link(page.id, item.title),
    webuiLink: `/pages/viewpageattachments.action?pageId=${page.id}`,
    version: { number: 1, createdAt: page.updated, authorId: page.authorId, message: '', minorEdit: false },
  })),
  _links: {},
});

const v1Attachments = (page: SandboxPage) => {
  const results = page.attachments.map((item) => ({
    id: item.id,
    type: 'attachment',
    status: 'current',
    title: item.title,
    metadata: { mediaType: item.mediaType },
    extensions: { mediaType: item.mediaType, fileSize: item.data.length },
    _links: { download: link(page.id, item.title) },
    _expandable: {},
  }));
  return { results, start: 0, limit: 100, size: results.length, _links: {} };
};

export const attachmentsPlugin: ConfluencePlugin = async (app, { confluence }) => {
  const { cloud, contextPath, data, findPage } = confluence;

  app.get<{ Params: { id: string } }>(
    cloud ? '/wiki/api/v2/pages/:id/attachments' : '/rest/api/content/:id/child/attachment',
    async (request, reply) => {
      const page = findPage(request.params.id);
      if (!page) return contentNotFound(reply, cloud);
      return cloud ? v2Attachments(page) : v1Attachments(page);
    },
  );
  if (cloud) {
    app.delete<{ Params: { id: string } }>('/wiki/api/v2/attachments/:id', async (request, reply) => {
      const holder = data.pages.find((page) => page.attachments.some((item) => item.id === request.params.id));
      if (!holder) return contentNotFound(reply, cloud);
      holder.attachments = holder.attachments.filter((item) => item.id !== request.params.id);
      return reply.code(204).send();
    });
  }

  app.get<{ Params: { pageId: string; name: string } }>(
    `${contextPath}/download/attachments/:pageId/:name`,
    async (request, reply) => {
      const item = findPage(request.params.pageId)?.attachments.find(
        (candidate) => candidate.title === request.params.name,
      );
      if (!item) return reply.code(404).send('Not found');
      return reply.header('content-type', item.mediaType).send(item.data);
    },
  );

  app.post<{ Params: { id: string }; Body: MultipartFile[] | undefined }>(
    `${contextPath}/rest/api/content/:id/child/attachment`,
    async (request, reply) => {
      if (request.headers['x-atlassian-token'] !== 'no-check') return reply.code(403).send('XSRF check failed');
      const page = findPage(request.params.id);
      if (!page) return contentNotFound(reply, cloud);
      const files = (request.body ?? []).filter((part) => part.name === 'file' && part.filename);
      if (files.length === 0) return reply.code(400).send({ statusCode: 400, message: 'No file in the request' });
      // createAttachment lists minorEdit as a required form field.
      if (
        !(request.body ?? []).some(
          (part) => part.name === 'minorEdit' && /^(true|false)$/.test(part.data.toString('utf8')),
        )
      ) {
        return reply
          .code(400)
          .send({ statusCode: 400, message: 'The minorEdit form field (true or false) is required' });
      }
      const results = files.map((file) => {
        const item = {
          id: `att${Date.now()}${page.attachments.length}`,
          title: file.filename!,
          mediaType: file.contentType,
          data: file.data,
        };
        page.attachments = [...page.attachments.filter((existing) => existing.title !== item.title), item];
        return { id: item.id, type: 'attachment', status: 'current', title: item.title, _links: {}, _expandable: {} };
      });
      return { results, start: 0, limit: 50, size: results.length, _links: {} };
    },
  );
};
