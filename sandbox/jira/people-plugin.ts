/**
 * Jira people: the caller (`/myself`), a user by reference, user and assignable searches, and assigning an issue.
 * People are keyed the way each flavour keys them: accountId on Cloud, username on Server/DC.
 */
import type { JiraContext, JiraPlugin } from './jira-context.js';
import { issueNotFound } from './jira-errors.js';
import type { SandboxUser } from './jira-model.js';

/** The site's user a request names: by accountId on Cloud, by username on Server/DC. */
export const userByReference = (
  { cloud, data }: JiraContext,
  accountId: unknown,
  username: unknown,
): SandboxUser | undefined =>
  data.users.find((person) => (cloud ? person.accountId === accountId : person.name === username));

export const peoplePlugin: JiraPlugin = async (app, { jira }) => {
  const { api, cloud, data, user } = jira;

  // The token's user when an OAuth token signed the request, else the site's own account.
  app.get(`${api}/myself`, async (request) =>
    user(data.users.find((person) => person.name === request.sandboxUser) ?? data.users[0]!),
  );

  app.get<{ Querystring: { accountId?: string; username?: string } }>(`${api}/user`, async (request, reply) => {
    const person = userByReference(jira, request.query.accountId, request.query.username);
    if (!person) return reply.code(404).send({ errorMessages: ['The user does not exist.'], errors: {} });
    return user(person);
  });

  app.get<{ Querystring: { query?: string; username?: string; project?: string; issueKey?: string } }>(
    `${api}/user/assignable/search`,
    async (request, reply) => {
      if (!request.query.project && !request.query.issueKey)
        return reply.code(400).send({ errorMessages: ['Either project or issueKey is required.'], errors: {} });
      const query = (cloud ? request.query.query : request.query.username)?.toLowerCase() ?? '';
      return data.users
        .filter((person) =>
          [person.displayName, person.email, person.name].some((value) => value.toLowerCase().includes(query)),
        )
        .map(user);
    },
  );

  if (cloud) {
    app.get<{ Querystring: { query?: string } }>(`${api}/user/search`, async (request) => {
      const query = (request.query.query ?? '').toLowerCase();
      return data.users
        .filter((person) => person.email.startsWith(query) || person.displayName.toLowerCase().includes(query))
        .map((person) => user(person));
    });
  }

  app.put<{ Params: { key: string }; Body: { accountId?: string | null; name?: string | null } }>(
    `${api}/issue/:key/assignee`,
    async (request, reply) => {
      const issue = jira.findIssue(request.params.key);
      if (!issue) return issueNotFound(reply);
      const body = request.body ?? {};
      if ((cloud ? body.accountId : body.name) === null) {
        issue.assignee = null;
        return reply.code(204).send();
      }
      const person = userByReference(jira, body.accountId, body.name);
      if (!person)
        return reply.code(400).send({
          errorMessages: [],
          errors: { assignee: cloud ? 'Specify a valid accountId.' : 'User does not exist.' },
        });
      issue.assignee = person;
      return reply.code(204).send();
    },
  );
};
