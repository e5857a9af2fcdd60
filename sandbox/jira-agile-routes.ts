/** Sandbox Jira Software agile API: one Scrum board per site, its sprints, and moving issues between them. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { JiraSiteData, SandboxIssue, SandboxSprint } from './jira/jira-model.js';
import { searchOr400, type JiraRouteHelpers } from './jira-routes.js';
import { compileJql } from './query/jql-filter.js';
import type { SiteContext } from './site/site.js';

const AGILE = '/rest/agile/1.0';
const BOARD_ID = 1;
const FILTER_ID = '10100';

export function registerJiraAgileRoutes(app: FastifyInstance, site: SiteContext, data: JiraSiteData, helpers: JiraRouteHelpers): void {
  const base = () => site.baseUrl();
  const board = () => ({ id: BOARD_ID, self: `${base()}${AGILE}/board/${BOARD_ID}`, name: `${data.projectKey} board`, type: 'scrum', location: { projectId: 10000, projectKey: data.projectKey, displayName: `${data.projectName} (${data.projectKey})`, projectName: data.projectName, projectTypeKey: 'software' } });
  const sprintPayload = (sprint: SandboxSprint) => ({ ...sprint, self: `${base()}${AGILE}/sprint/${sprint.id}` });
  const noBoard = (reply: FastifyReply) => reply.code(404).send({ errorMessages: ['The requested board cannot be viewed because it either does not exist or you do not have permission to view it.'], errors: {} });
  const noSprint = (reply: FastifyReply) => reply.code(404).send({ errorMessages: ['Sprint does not exist.'], errors: {} });
  const paged = <T>(values: T[], startAt: number, maxResults: number) => ({ maxResults, startAt, total: values.length, isLast: startAt + maxResults >= values.length, values: values.slice(startAt, startAt + maxResults) });
  const issuePage = (issues: SandboxIssue[], query: { jql?: string; startAt?: string; maxResults?: string; fields?: string }) => {
    const compiled = compileJql(query.jql ?? '', data.users[0]!, data.links);
    const matching = compiled.order(issues.filter(compiled.matches));
    const startAt = Number(query.startAt ?? 0);
    const maxResults = Number(query.maxResults ?? 50);
    const fields = query.fields?.split(',');
    return { expand: 'schema,names', startAt, maxResults, total: matching.length, issues: matching.slice(startAt, startAt + maxResults).map((issue) => helpers.issuePayload(issue, fields)) };
  };

  app.get<{ Querystring: { name?: string; projectKeyOrId?: string; type?: string; startAt?: string; maxResults?: string } }>(`${AGILE}/board`, async (request) => {
    const { name, projectKeyOrId, type } = request.query;
    const matches = (!name || board().name.toLowerCase().includes(name.toLowerCase())) && (!projectKeyOrId || projectKeyOrId === data.projectKey) && (!type || type === 'scrum');
    return paged(matches ? [board()] : [], Number(request.query.startAt ?? 0), Number(request.query.maxResults ?? 50));
  });

  app.get<{ Params: { id: string } }>(`${AGILE}/board/:id/configuration`, async (request, reply) => {
    if (Number(request.params.id) !== BOARD_ID) return noBoard(reply);
    return { id: BOARD_ID, name: board().name, type: 'scrum', self: `${base()}${AGILE}/board/${BOARD_ID}/configuration`, filter: { id: FILTER_ID, self: `${base()}${helpers.api}/filter/${FILTER_ID}` }, columnConfig: { columns: [], constraintType: 'issueCount' }, ranking: { rankCustomFieldId: 10019 } };
  });

  app.get<{ Params: { id: string }; Querystring: { state?: string; startAt?: string; maxResults?: string } }>(`${AGILE}/board/:id/sprint`, async (request, reply) => {
    if (Number(request.params.id) !== BOARD_ID) return noBoard(reply);
    const states = request.query.state?.split(',');
    const sprints = data.sprints.filter((sprint) => !states || states.includes(sprint.state)).map(sprintPayload);
    return paged(sprints, Number(request.query.startAt ?? 0), Number(request.query.maxResults ?? 50));
  });

  app.get<{ Params: { id: string }; Querystring: { jql?: string; startAt?: string; maxResults?: string; fields?: string } }>(`${AGILE}/board/:id/issue`, async (request, reply) => {
    if (Number(request.params.id) !== BOARD_ID) return noBoard(reply);
    return searchOr400(reply, () => issuePage(data.issues, request.query)) ?? reply;
  });

  app.get<{ Params: { id: string }; Querystring: { jql?: string; startAt?: string; maxResults?: string; fields?: string } }>(`${AGILE}/sprint/:id/issue`, async (request, reply) => {
    const sprint = data.sprints.find((candidate) => candidate.id === Number(request.params.id));
    if (!sprint) return noSprint(reply);
    return searchOr400(reply, () => issuePage(data.issues.filter((issue) => issue.sprint === sprint.id), request.query)) ?? reply;
  });

  app.post<{ Body: { name?: string; originBoardId?: number; startDate?: string; endDate?: string; goal?: string } }>(`${AGILE}/sprint`, async (request, reply) => {
    const body = request.body ?? {};
    if (body.originBoardId !== BOARD_ID) return reply.code(400).send({ errorMessages: ['Board does not exist or you do not have permission to create sprints on it.'], errors: {} });
    if (!body.name) return reply.code(400).send({ errorMessages: [], errors: { name: 'Sprint name is required.' } });
    const sprint: SandboxSprint = { id: Math.max(0, ...data.sprints.map((candidate) => candidate.id)) + 1, name: body.name, state: 'future', originBoardId: BOARD_ID, ...(body.startDate ? { startDate: body.startDate } : {}), ...(body.endDate ? { endDate: body.endDate } : {}), ...(body.goal ? { goal: body.goal } : {}) };
    data.sprints.push(sprint);
    return reply.code(201).send(sprintPayload(sprint));
  });

  app.post<{ Params: { id: string }; Body: Partial<SandboxSprint> }>(`${AGILE}/sprint/:id`, async (request, reply) => {
    const sprint = data.sprints.find((candidate) => candidate.id === Number(request.params.id));
    if (!sprint) return noSprint(reply);
    const body = request.body ?? {};
    if (body.state === 'active' && sprint.state !== 'future') return reply.code(400).send({ errorMessages: ['Only a future sprint can be started.'], errors: {} });
    if (body.state === 'active' && !(body.startDate ?? sprint.startDate) && !(body.endDate ?? sprint.endDate)) return reply.code(400).send({ errorMessages: [], errors: { startDate: 'A sprint needs start and end dates to start.' } });
    if (body.state === 'closed' && sprint.state !== 'active') return reply.code(400).send({ errorMessages: ['Only an active sprint can be closed.'], errors: {} });
    Object.assign(sprint, body, body.state === 'closed' ? { completeDate: new Date().toISOString() } : {});
    return sprintPayload(sprint);
  });

  app.post<{ Params: { id: string }; Body: { issues?: string[] } }>(`${AGILE}/sprint/:id/issue`, async (request, reply) => {
    const sprint = data.sprints.find((candidate) => candidate.id === Number(request.params.id));
    if (!sprint) return noSprint(reply);
    if (sprint.state === 'closed') return reply.code(400).send({ errorMessages: ['Issues cannot be moved to a closed sprint.'], errors: {} });
    for (const key of request.body?.issues ?? []) {
      const issue = helpers.findIssue(key);
      if (issue) issue.sprint = sprint.id;
    }
    return reply.code(204).send();
  });

  app.post<{ Body: { issues?: string[] } }>(`${AGILE}/backlog/issue`, async (request, reply) => {
    for (const key of request.body?.issues ?? []) {
      const issue = helpers.findIssue(key);
      if (issue) issue.sprint = null;
    }
    return reply.code(204).send();
  });
}
