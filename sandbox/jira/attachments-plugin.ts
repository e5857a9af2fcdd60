/**
 * Jira attachments: Cloud serves bytes from `/attachment/content/{id}` (redirecting elsewhere unless
 * `redirect=false`), Server/DC from `/secure/attachment/{id}/{name}`; uploads are multipart and need the
 * `X-Atlassian-Token: no-check` header, as on the real products. The site's scope parses multipart bodies.
 */
import type { MultipartFile } from '../http/multipart.js';
import type { JiraPlugin } from './jira-context.js';
import { issueNotFound } from './jira-errors.js';

export const attachmentsPlugin: JiraPlugin = async (app, { jira }) => {
  const { api, data, findIssue, user } = jira;
  const find = (id: string) =>
    data.issues.flatMap((issue) => issue.attachments).find((attachment) => attachment.id === id);

  if (jira.cloud) {
    app.get<{ Params: { id: string }; Querystring: { redirect?: string } }>(
      `${api}/attachment/content/:id`,
      async (request, reply) => {
        const attachment = find(request.params.id);
        if (!attachment) return reply.code(404).send({ errorMessages: ['The attachment does not exist.'], errors: {} });
        if (request.query.redirect !== 'false')
          return reply
            .code(303)
            .header('location', `https://api.media.atlassian.com/file/${attachment.id}/binary`)
            .send();
        return reply.header('content-type', attachment.mimeType).send(attachment.data);
      },
    );
  } else {
    app.get<{ Params: { id: string; name: string } }>('/secure/attachment/:id/:name', async (request, reply) => {
      const attachment = find(request.params.id);
      if (!attachment) return reply.code(404).send('Attachment not found');
      return reply.header('content-type', attachment.mimeType).send(attachment.data);
    });
  }

  app.post<{ Params: { key: string }; Body: MultipartFile[] | undefined }>(
    `${api}/issue/:key/attachments`,
    async (request, reply) => {
      if (request.headers['x-atlassian-token'] !== 'no-check') return reply.code(403).send('XSRF check failed');
      const issue = findIssue(request.params.key);
      if (!issue) return issueNotFound(reply);
      const files = (request.body ?? []).filter((part) => part.name === 'file' && part.filename);
      if (files.length === 0)
        return reply.code(400).send({ errorMessages: ['No file named "file" in the request.'], errors: {} });
      const created = files.map((file, index) => {
        const attachment = {
          id: String(95000 + issue.attachments.length + index + Number(issue.id)),
          filename: file.filename!,
          mimeType: file.contentType,
          data: file.data,
          created: new Date().toISOString().replace('Z', '+0000'),
          author: data.users[0]!,
        };
        issue.attachments.push(attachment);
        return attachment;
      });
      return created.map((attachment) => ({
        self: `${api}/attachment/${attachment.id}`,
        id: attachment.id,
        filename: attachment.filename,
        author: user(attachment.author),
        created: attachment.created,
        size: attachment.data.length,
        mimeType: attachment.mimeType,
      }));
    },
  );
};
