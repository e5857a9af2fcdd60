/** Jira watchers: who watches an issue, and starting or stopping to watch (by accountId on Cloud, username on Server/DC). */
import type { JiraPlugin } from './jira-context.js';
import { issueNotFound } from './jira-errors.js';
import { userByReference } from './people-plugin.js';

export const watchersPlugin: JiraPlugin = async (app, { jira }) => {
  const { api, data, findIssue, user } = jira;

  app.get<{ Params: { key: string } }>(`${api}/issue/:key/watchers`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return issueNotFound(reply);
    return {
      self: `${api}/issue/${issue.key}/watchers`,
      isWatching: issue.watchers.includes(data.users[0]!),
      watchCount: issue.watchers.length,
      watchers: issue.watchers.map(user),
    };
  });

  // The body is the person's reference alone, as a JSON string.
  app.post<{ Params: { key: string }; Body: string }>(`${api}/issue/:key/watchers`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return issueNotFound(reply);
    const person = userByReference(jira, request.body, request.body);
    if (!person) return reply.code(400).send({ errorMessages: ['The user does not exist.'], errors: {} });
    if (!issue.watchers.includes(person)) issue.watchers.push(person);
    return reply.code(204).send();
  });

  app.delete<{ Params: { key: string }; Querystring: { accountId?: string; username?: string } }>(
    `${api}/issue/:key/watchers`,
    async (request, reply) => {
      const issue = findIssue(request.params.key);
      if (!issue) return issueNotFound(reply);
      const person = userByReference(jira, request.query.accountId, request.query.username);
      if (!person) return reply.code(404).send({ errorMessages: ['The user is not watching this issue.'], errors: {} });
      issue.watchers = issue.watchers.filter((watcher) => watcher !== person);
      return reply.code(204).send();
    },
  );
};
