/**
 * Sandbox Jira attachments: Cloud serves bytes from `/attachment/content/{id}` (redirecting elsewhere unless
 * `redirect=false`), Server/DC from `/secure/attachment/{id}/{name}`; uploads are multipart and need the
 * `X-Atlassian-Token: no-check` header, as on the real products.
 */
import type { FastifyInstance } from 'fastify';
import type { JiraSiteData } from './jira/jira-model.js';
import type { JiraRouteHelpers } from './jira-routes.js';

export function registerJiraAttachmentRoutes(app: FastifyInstance, data: JiraSiteData, helpers: JiraRouteHelpers): void {
  const { api, findIssue, user } = helpers;
  const find = (id: string) => data.issues.flatMap((issue) => issue.attachments).find((attachment) => attachment.id === id);

  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (request, body, done) => done(null, parseMultipart(body as Buffer, String(request.headers['content-type']))));

  if (data.flavor === 'cloud') {
    app.get<{ Params: { id: string }; Querystring: { redirect?: string } }>(`${api}/attachment/content/:id`, async (request, reply) => {
      const attachment = find(request.params.id);
      if (!attachment) return reply.code(404).send({ errorMessages: ['The attachment does not exist.'], errors: {} });
      if (request.query.redirect !== 'false') return reply.code(303).header('location', `https://api.media.atlassian.com/file/${attachment.id}/binary`).send();
      return reply.header('content-type', attachment.mimeType).send(attachment.data);
    });
  } else {
    app.get<{ Params: { id: string; name: string } }>('/secure/attachment/:id/:name', async (request, reply) => {
      const attachment = find(request.params.id);
      if (!attachment) return reply.code(404).send('Attachment not found');
      return reply.header('content-type', attachment.mimeType).send(attachment.data);
    });
  }

  app.post<{ Params: { key: string }; Body: MultipartFile[] | undefined }>(`${api}/issue/:key/attachments`, async (request, reply) => {
    if (request.headers['x-atlassian-token'] !== 'no-check') return reply.code(403).send('XSRF check failed');
    const issue = findIssue(request.params.key);
    if (!issue) return reply.code(404).send({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
    const files = (request.body ?? []).filter((part) => part.name === 'file' && part.filename);
    if (files.length === 0) return reply.code(400).send({ errorMessages: ['No file named "file" in the request.'], errors: {} });
    const created = files.map((file, index) => {
      const attachment = { id: String(95000 + issue.attachments.length + index + Number(issue.id)), filename: file.filename!, mimeType: file.contentType, data: file.data, created: new Date().toISOString().replace('Z', '+0000'), author: data.users[0]! };
      issue.attachments.push(attachment);
      return attachment;
    });
    return created.map((attachment) => ({ self: `${api}/attachment/${attachment.id}`, id: attachment.id, filename: attachment.filename, author: user(attachment.author), created: attachment.created, size: attachment.data.length, mimeType: attachment.mimeType }));
  });
}

export interface MultipartFile {
  name: string;
  filename?: string;
  contentType: string;
  data: Buffer;
}

/** Just enough multipart/form-data parsing for uploads in the sandbox. */
export function parseMultipart(body: Buffer, contentType: string): MultipartFile[] {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartFile[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    parts.push({
      name: /name="([^"]*)"/.exec(headers)?.[1] ?? '',
      filename: /filename="([^"]*)"/.exec(headers)?.[1],
      contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream',
      data: Buffer.from(part.subarray(headerEnd + 4)),
    });
    start = next;
  }
  return parts;
}
