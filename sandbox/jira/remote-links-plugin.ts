/** Jira remote links: an issue's links to pages elsewhere (a URL and a title), listed and added. */
import type { JiraPlugin } from './jira-context.js';
import { issueNotFound } from './jira-errors.js';

type RemoteLinkBody = { object?: { url?: string; title?: string; summary?: string }; relationship?: string };

export const remoteLinksPlugin: JiraPlugin = async (app, { jira }) => {
  const { api, findIssue } = jira;

  app.get<{ Params: { key: string } }>(`${api}/issue/:key/remotelink`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return issueNotFound(reply);
    return issue.remoteLinks.map((link) => ({ ...link, self: `${api}/issue/${issue.key}/remotelink/${link.id}` }));
  });

  app.post<{ Params: { key: string }; Body: RemoteLinkBody }>(
    `${api}/issue/:key/remotelink`,
    async (request, reply) => {
      const issue = findIssue(request.params.key);
      if (!issue) return issueNotFound(reply);
      const object = request.body?.object;
      if (!object?.url || !object.title)
        return reply.code(400).send({ errorMessages: [], errors: { title: 'Title and URL are required.' } });
      const link = {
        id: 80000 + issue.remoteLinks.length,
        ...(request.body?.relationship ? { relationship: request.body.relationship } : {}),
        object: { url: object.url, title: object.title, ...(object.summary ? { summary: object.summary } : {}) },
      };
      issue.remoteLinks.push(link);
      return reply.code(201).send({ id: link.id, self: `${api}/issue/${issue.key}/remotelink/${link.id}` });
    },
  );
};
