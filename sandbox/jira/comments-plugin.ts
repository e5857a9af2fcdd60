/**
 * Jira comments: add (with visibility) and edit. The body must be in the flavour's own format: ADF on Cloud, wiki
 * markup on Server/DC, as the real products insist. Reading comments is part of the issue payload.
 */
import type { JiraPlugin } from './jira-context.js';
import { invalidFields, issueNotFound } from './jira-errors.js';

export const commentsPlugin: JiraPlugin = async (app, { jira }) => {
  const { api, cloud, data, findIssue } = jira;

  app.put<{ Params: { key: string; id: string }; Body: { body?: unknown } }>(
    `${api}/issue/:key/comment/:id`,
    async (request, reply) => {
      const issue = findIssue(request.params.key);
      const comment = issue?.comments.find((candidate) => candidate.id === request.params.id);
      if (!issue || !comment) return issueNotFound(reply);
      const body = request.body?.body;
      if (cloud ? (body as { type?: string } | undefined)?.type !== 'doc' : typeof body !== 'string' || !body)
        return invalidFields(reply, { comment: 'Comment body is not valid for this platform.' });
      comment.body = body;
      return {
        self: `${api}/issue/${issue.id}/comment/${comment.id}`,
        id: comment.id,
        author: jira.user(comment.author),
        body,
        created: comment.created,
        updated: new Date().toISOString().replace('Z', '+0000'),
      };
    },
  );

  app.post<{ Params: { key: string }; Body: { body?: unknown; visibility?: { type: string; value: string } } }>(
    `${api}/issue/:key/comment`,
    async (request, reply) => {
      const issue = findIssue(request.params.key);
      if (!issue) return issueNotFound(reply);
      const body = request.body?.body;
      if (cloud ? (body as { type?: string } | undefined)?.type !== 'doc' : typeof body !== 'string' || !body) {
        return invalidFields(reply, {
          comment: cloud ? 'Comment body must be an Atlassian Document.' : 'Comment body can not be empty!',
        });
      }
      const comment = {
        id: String(30000 + issue.comments.length + Number(issue.id)),
        author: data.users[0]!,
        body,
        created: new Date().toISOString().replace('Z', '+0000'),
        visibility: request.body?.visibility,
      };
      issue.comments.push(comment);
      return reply.code(201).send({
        self: `${api}/issue/${issue.id}/comment/${comment.id}`,
        id: comment.id,
        author: jira.user(comment.author),
        body,
        created: comment.created,
        updated: comment.created,
        ...(comment.visibility ? { visibility: comment.visibility } : {}),
      });
    },
  );
};
