/** Jira Software sprints: create, start and close (with the product's rules), list a sprint's issues, move issues in and out. */
import { AGILE, BOARD_ID, issuePage, noSprint, sprintPayload, type IssuePageQuery } from './agile.js';
import type { JiraPlugin } from './jira-context.js';
import type { SandboxSprint } from './jira-model.js';
import { searchOr400 } from './jql-search.js';

type SprintBody = { name?: string; originBoardId?: number; startDate?: string; endDate?: string; goal?: string };

/** Why a sprint cannot take the asked change (state rules), as Jira's 400 body; undefined when it can. */
function refusedChange(sprint: SandboxSprint, body: Partial<SandboxSprint>) {
  if (body.state === 'active' && sprint.state !== 'future')
    return { errorMessages: ['Only a future sprint can be started.'], errors: {} };
  if (body.state === 'active' && !(body.startDate ?? sprint.startDate) && !(body.endDate ?? sprint.endDate))
    return { errorMessages: [], errors: { startDate: 'A sprint needs start and end dates to start.' } };
  if (body.state === 'closed' && sprint.state !== 'active')
    return { errorMessages: ['Only an active sprint can be closed.'], errors: {} };
  return undefined;
}

export const sprintsPlugin: JiraPlugin = async (app, { jira }) => {
  const { data } = jira;
  const findSprint = (id: string) => data.sprints.find((candidate) => candidate.id === Number(id));

  app.get<{ Params: { id: string }; Querystring: IssuePageQuery }>(
    `${AGILE}/sprint/:id/issue`,
    async (request, reply) => {
      const sprint = findSprint(request.params.id);
      if (!sprint) return noSprint(reply);
      return (
        searchOr400(reply, () =>
          issuePage(
            jira,
            data.issues.filter((issue) => issue.sprint === sprint.id),
            request.query,
          ),
        ) ?? reply
      );
    },
  );

  app.post<{ Body: SprintBody }>(`${AGILE}/sprint`, async (request, reply) => {
    const body = request.body ?? {};
    if (body.originBoardId !== BOARD_ID)
      return reply.code(400).send({
        errorMessages: ['Board does not exist or you do not have permission to create sprints on it.'],
        errors: {},
      });
    if (!body.name) return reply.code(400).send({ errorMessages: [], errors: { name: 'Sprint name is required.' } });
    const sprint: SandboxSprint = {
      id: Math.max(0, ...data.sprints.map((candidate) => candidate.id)) + 1,
      name: body.name,
      state: 'future',
      originBoardId: BOARD_ID,
      ...(body.startDate ? { startDate: body.startDate } : {}),
      ...(body.endDate ? { endDate: body.endDate } : {}),
      ...(body.goal ? { goal: body.goal } : {}),
    };
    data.sprints.push(sprint);
    return reply.code(201).send(sprintPayload(jira, sprint));
  });

  app.post<{ Params: { id: string }; Body: Partial<SandboxSprint> }>(`${AGILE}/sprint/:id`, async (request, reply) => {
    const sprint = findSprint(request.params.id);
    if (!sprint) return noSprint(reply);
    const body = request.body ?? {};
    const refused = refusedChange(sprint, body);
    if (refused) return reply.code(400).send(refused);
    Object.assign(sprint, body, body.state === 'closed' ? { completeDate: new Date().toISOString() } : {});
    return sprintPayload(jira, sprint);
  });

  app.post<{ Params: { id: string }; Body: { issues?: string[] } }>(
    `${AGILE}/sprint/:id/issue`,
    async (request, reply) => {
      const sprint = findSprint(request.params.id);
      if (!sprint) return noSprint(reply);
      if (sprint.state === 'closed')
        return reply.code(400).send({ errorMessages: ['Issues cannot be moved to a closed sprint.'], errors: {} });
      for (const key of request.body?.issues ?? []) {
        const issue = jira.findIssue(key);
        if (issue) issue.sprint = sprint.id;
      }
      return reply.code(204).send();
    },
  );

  app.post<{ Body: { issues?: string[] } }>(`${AGILE}/backlog/issue`, async (request, reply) => {
    for (const key of request.body?.issues ?? []) {
      const issue = jira.findIssue(key);
      if (issue) issue.sprint = null;
    }
    return reply.code(204).send();
  });
};
