/** Sandbox Jira people: user lookup, assignable search, assignment and watchers, keyed the way each flavour keys people. */
import type { FastifyInstance } from 'fastify';
import type { JiraSiteData, SandboxUser } from './jira/jira-model.js';
import type { JiraRouteHelpers } from './jira-routes.js';

export function registerJiraPeopleRoutes(app: FastifyInstance, data: JiraSiteData, helpers: JiraRouteHelpers): void {
  const { api, findIssue, user } = helpers;
  const cloud = data.flavor === 'cloud';
  const byReference = (accountId: unknown, username: unknown): SandboxUser | undefined =>
    data.users.find((person) => (cloud ? person.accountId === accountId : person.name === username));
  const missingIssue = { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} };

  app.get<{ Querystring: { accountId?: string; username?: string } }>(`${api}/user`, async (request, reply) => {
    const person = byReference(request.query.accountId, request.query.username);
    if (!person) return reply.code(404).send({ errorMessages: ['The user does not exist.'], errors: {} });
    return user(person);
  });

  app.get<{ Querystring: { query?: string; username?: string; project?: string; issueKey?: string } }>(`${api}/user/assignable/search`, async (request, reply) => {
    if (!request.query.project && !request.query.issueKey) return reply.code(400).send({ errorMessages: ['Either project or issueKey is required.'], errors: {} });
    const query = (cloud ? request.query.query : request.query.username)?.toLowerCase() ?? '';
    return data.users.filter((person) => [person.displayName, person.email, person.name].some((value) => value.toLowerCase().includes(query))).map(user);
  });

  app.put<{ Params: { key: string }; Body: { accountId?: string | null; name?: string | null } }>(`${api}/issue/:key/assignee`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return reply.code(404).send(missingIssue);
    const body = request.body ?? {};
    if ((cloud ? body.accountId : body.name) === null) {
      issue.assignee = null;
      return reply.code(204).send();
    }
    const person = byReference(body.accountId, body.name);
    if (!person) return reply.code(400).send({ errorMessages: [], errors: { assignee: cloud ? 'Specify a valid accountId.' : 'User does not exist.' } });
    issue.assignee = person;
    return reply.code(204).send();
  });

  app.get<{ Params: { key: string } }>(`${api}/issue/:key/watchers`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return reply.code(404).send(missingIssue);
    return { self: `${api}/issue/${issue.key}/watchers`, isWatching: issue.watchers.includes(data.users[0]!), watchCount: issue.watchers.length, watchers: issue.watchers.map(user) };
  });

  app.post<{ Params: { key: string }; Body: string }>(`${api}/issue/:key/watchers`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return reply.code(404).send(missingIssue);
    const person = byReference(request.body, request.body);
    if (!person) return reply.code(400).send({ errorMessages: ['The user does not exist.'], errors: {} });
    if (!issue.watchers.includes(person)) issue.watchers.push(person);
    return reply.code(204).send();
  });

  app.delete<{ Params: { key: string }; Querystring: { accountId?: string; username?: string } }>(`${api}/issue/:key/watchers`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return reply.code(404).send(missingIssue);
    const person = byReference(request.query.accountId, request.query.username);
    if (!person) return reply.code(404).send({ errorMessages: ['The user is not watching this issue.'], errors: {} });
    issue.watchers = issue.watchers.filter((watcher) => watcher !== person);
    return reply.code(204).send();
  });
}
