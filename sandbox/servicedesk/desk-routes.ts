/**
 * Sandbox Service Management, desk side: `/info`, service desks, request types with groups and fields, queues with
 * counts and their issues, knowledge-base articles, customers (experimental: refused without the opt-in header)
 * and organizations.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FixtureDesk } from './fixtures.js';
import { fail, page, personPayload } from './payloads.js';
import { personById, personNamed, type ServiceDeskState } from './seed.js';

type Query = Record<string, string | undefined>;
type DeskRequest = FastifyRequest<{ Params: { deskId: string }; Querystring: Query }>;

export function registerDeskRoutes(app: FastifyInstance, state: ServiceDeskState, baseUrl: () => string): void {
  const deskOf = (request: DeskRequest, reply: FastifyReply): FixtureDesk | undefined => {
    const desk = state.desks.find((candidate) => String(candidate.id) === request.params.deskId);
    if (!desk) void fail(reply, 404, `Service desk ${request.params.deskId} does not exist.`);
    return desk;
  };
  const deskPayload = (desk: FixtureDesk) => ({
    id: String(desk.id),
    projectId: String(desk.projectId),
    projectKey: desk.projectKey,
    projectName: desk.projectName,
    _links: { self: `${baseUrl()}/rest/servicedeskapi/servicedesk/${desk.id}` },
  });

  app.get('/info', async () => ({
    version: state.flavor === 'cloud' ? '10.5.0' : '5.12.0',
    platformVersion: state.flavor === 'cloud' ? '1001.0.0' : '9.12.0',
    buildDate: { iso8601: '2026-10-01T00:00:00+0000' },
  }));
  app.get<{ Querystring: Query }>('/servicedesk', async (request) => page(state.desks.map(deskPayload), request.query));
  app.get('/servicedesk/:deskId', async (request: DeskRequest, reply) => {
    const desk = deskOf(request, reply);
    return desk ? deskPayload(desk) : reply;
  });
  app.get('/servicedesk/:deskId/requesttypegroup', async (request: DeskRequest, reply) => {
    const desk = deskOf(request, reply);
    return desk
      ? page(
          desk.groups.map((group) => ({ id: String(group.id), name: group.name })),
          request.query,
        )
      : reply;
  });
  app.get('/servicedesk/:deskId/requesttype', async (request: DeskRequest, reply) => {
    const desk = deskOf(request, reply);
    if (!desk) return reply;
    const search = request.query.searchQuery?.toLowerCase();
    const types = desk.requestTypes.filter((type) => !search || type.name.toLowerCase().includes(search));
    return page(
      types.map((type) => ({
        id: String(type.id),
        name: type.name,
        description: type.description,
        helpText: '',
        serviceDeskId: String(desk.id),
        groupIds: type.groupIds.map(String),
      })),
      request.query,
    );
  });
  const typeOf = (request: FastifyRequest<{ Params: { deskId: string; typeId: string } }>, reply: FastifyReply) => {
    const desk = state.desks.find((candidate) => String(candidate.id) === request.params.deskId);
    const type = desk?.requestTypes.find((candidate) => String(candidate.id) === request.params.typeId);
    if (!type)
      void fail(
        reply,
        404,
        `Request type ${request.params.typeId} does not exist on service desk ${request.params.deskId}.`,
      );
    return type && { desk: desk!, type };
  };
  app.get<{ Params: { deskId: string; typeId: string } }>(
    '/servicedesk/:deskId/requesttype/:typeId',
    async (request, reply) => {
      const found = typeOf(request, reply);
      return found
        ? {
            id: String(found.type.id),
            name: found.type.name,
            description: found.type.description,
            helpText: 'Tell us what you need.',
            serviceDeskId: String(found.desk.id),
            groupIds: found.type.groupIds.map(String),
          }
        : reply;
    },
  );
  app.get<{ Params: { deskId: string; typeId: string } }>(
    '/servicedesk/:deskId/requesttype/:typeId/field',
    async (request, reply) => {
      const found = typeOf(request, reply);
      if (!found) return reply;
      const requestTypeFields = found.type.fields.map((field) => ({
        fieldId: field.fieldId,
        name: field.name,
        description: '',
        required: field.required,
        visible: true,
        jiraSchema: { type: field.type, system: field.fieldId.startsWith('customfield_') ? undefined : field.fieldId },
        validValues: (field.validValues ?? []).map((value) => ({ ...value, children: [] })),
        defaultValues: (field.defaultValues ?? []).map((value) => ({ ...value, children: [] })),
      }));
      return { requestTypeFields, canRaiseOnBehalfOf: true, canAddRequestParticipants: true };
    },
  );

  app.get('/servicedesk/:deskId/queue', async (request: DeskRequest, reply) => {
    const desk = deskOf(request, reply);
    if (!desk) return reply;
    const counted = request.query.includeCount === 'true';
    return page(
      desk.queues.map((queue) => ({
        id: String(queue.id),
        name: queue.name,
        jql: queue.jql,
        fields: ['issuetype', 'issuekey', 'summary', 'status'],
        ...(counted ? { issueCount: issuesIn(desk.id, queue.statuses).length } : {}),
      })),
      request.query,
    );
  });
  app.get<{ Params: { deskId: string; queueId: string }; Querystring: Query }>(
    '/servicedesk/:deskId/queue/:queueId/issue',
    async (request, reply) => {
      const desk = state.desks.find((candidate) => String(candidate.id) === request.params.deskId);
      const queue = desk?.queues.find((candidate) => String(candidate.id) === request.params.queueId);
      if (!queue) return fail(reply, 404, `Queue ${request.params.queueId} does not exist.`);
      const issues = issuesIn(desk!.id, queue.statuses).map((item) => ({
        id: String(item.issueId),
        key: item.key,
        fields: {
          summary: item.fields.summary,
          status: { name: item.status },
          priority: { name: 'Medium' },
          assignee: null,
          created: item.created,
        },
      }));
      return page(issues, request.query);
    },
  );
  const issuesIn = (deskId: number, statuses: readonly string[]) =>
    state.requests.filter((item) => item.desk === deskId && statuses.includes(item.status));

  const articles = (desks: readonly FixtureDesk[], query: Query) => {
    const words = (query.query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const found = desks
      .flatMap((desk) => desk.articles)
      .filter((article) => words.some((word) => `${article.title} ${article.excerpt}`.toLowerCase().includes(word)));
    return page(
      found.map((article) => ({
        title: article.title,
        excerpt: article.excerpt,
        source: { type: 'confluence', pageId: article.pageId, spaceKey: article.spaceKey },
        content: { iframeSrc: `${baseUrl()}/wiki/spaces/${article.spaceKey}/pages/${article.pageId}` },
      })),
      query,
    );
  };
  app.get<{ Querystring: Query }>('/knowledgebase/article', async (request) => articles(state.desks, request.query));
  app.get('/servicedesk/:deskId/knowledgebase/article', async (request: DeskRequest, reply) => {
    const desk = deskOf(request, reply);
    return desk ? articles([desk], request.query) : reply;
  });

  app.get('/servicedesk/:deskId/customer', async (request: DeskRequest, reply) => {
    if (request.headers['x-experimentalapi'] !== 'opt-in')
      return fail(reply, 412, 'This is an experimental API. Set the X-ExperimentalApi: opt-in header to use it.');
    const desk = deskOf(request, reply);
    if (!desk) return reply;
    const text = (request.query.query ?? '').toLowerCase();
    const names = (state.customers.get(desk.id) ?? []).filter(
      (name) => !text || `${personNamed(name).displayName} ${personNamed(name).email}`.toLowerCase().includes(text),
    );
    return page(
      names.map((name) => personPayload(state, name)),
      request.query,
    );
  });
  app.post<{ Params: { deskId: string }; Body: { accountIds?: string[]; usernames?: string[] } }>(
    '/servicedesk/:deskId/customer',
    async (request, reply) => {
      const desk = state.desks.find((candidate) => String(candidate.id) === request.params.deskId);
      if (!desk) return fail(reply, 404, `Service desk ${request.params.deskId} does not exist.`);
      const ids = (state.flavor === 'cloud' ? request.body?.accountIds : request.body?.usernames) ?? [];
      const people = ids.map((id) => personById(state, id));
      if (ids.length === 0 || people.some((person) => !person))
        return fail(
          reply,
          400,
          `Unknown user: ${ids.filter((_, index) => !people[index]).join(', ') || '(none given)'}`,
        );
      const customers = state.customers.get(desk.id)!;
      for (const person of people) if (!customers.includes(person!.name)) customers.push(person!.name);
      return reply.code(204).send();
    },
  );
  app.get('/servicedesk/:deskId/organization', async (request: DeskRequest, reply) => {
    const desk = deskOf(request, reply);
    return desk
      ? page(
          desk.organizations.map((organization) => ({ id: String(organization.id), name: organization.name })),
          request.query,
        )
      : reply;
  });
}
