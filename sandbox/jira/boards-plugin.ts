/** Jira Software boards: the site's one Scrum board, its configuration, its sprints and its issues. */
import {
  AGILE,
  agilePage,
  BOARD_ID,
  boardPayload,
  FILTER_ID,
  issuePage,
  noBoard,
  sprintPayload,
  type IssuePageQuery,
} from './agile.js';
import type { JiraPlugin } from './jira-context.js';
import { searchOr400 } from './jql-search.js';

type BoardQuery = { name?: string; projectKeyOrId?: string; type?: string; startAt?: string; maxResults?: string };

export const boardsPlugin: JiraPlugin = async (app, { jira }) => {
  const { data } = jira;
  const base = () => jira.site.baseUrl();

  app.get<{ Querystring: BoardQuery }>(`${AGILE}/board`, async (request) => {
    const { name, projectKeyOrId, type } = request.query;
    const board = boardPayload(jira);
    const matches =
      (!name || board.name.toLowerCase().includes(name.toLowerCase())) &&
      (!projectKeyOrId || projectKeyOrId === data.projectKey) &&
      (!type || type === 'scrum');
    return agilePage(
      matches ? [boardPayload(jira)] : [],
      Number(request.query.startAt ?? 0),
      Number(request.query.maxResults ?? 50),
    );
  });

  app.get<{ Params: { id: string } }>(`${AGILE}/board/:id/configuration`, async (request, reply) => {
    if (Number(request.params.id) !== BOARD_ID) return noBoard(reply);
    return {
      id: BOARD_ID,
      name: boardPayload(jira).name,
      type: 'scrum',
      self: `${base()}${AGILE}/board/${BOARD_ID}/configuration`,
      filter: { id: FILTER_ID, self: `${base()}${jira.api}/filter/${FILTER_ID}` },
      columnConfig: { columns: [], constraintType: 'issueCount' },
      ranking: { rankCustomFieldId: 10019 },
    };
  });

  app.get<{ Params: { id: string }; Querystring: { state?: string; startAt?: string; maxResults?: string } }>(
    `${AGILE}/board/:id/sprint`,
    async (request, reply) => {
      if (Number(request.params.id) !== BOARD_ID) return noBoard(reply);
      const states = request.query.state?.split(',');
      const sprints = data.sprints
        .filter((sprint) => !states || states.includes(sprint.state))
        .map((sprint) => sprintPayload(jira, sprint));
      return agilePage(sprints, Number(request.query.startAt ?? 0), Number(request.query.maxResults ?? 50));
    },
  );

  app.get<{ Params: { id: string }; Querystring: IssuePageQuery }>(
    `${AGILE}/board/:id/issue`,
    async (request, reply) => {
      if (Number(request.params.id) !== BOARD_ID) return noBoard(reply);
      return searchOr400(reply, () => issuePage(jira, data.issues, request.query)) ?? reply;
    },
  );
};
