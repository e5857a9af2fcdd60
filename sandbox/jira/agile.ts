/** What the Jira Software (agile) plugins share: the site's one Scrum board, sprint payloads, pages and errors. */
import type { FastifyReply } from 'fastify';
import { compileJql } from '../query/jql-filter.js';
import type { JiraContext } from './jira-context.js';
import type { SandboxIssue, SandboxSprint } from './jira-model.js';

export const AGILE = '/rest/agile/1.0';
export const BOARD_ID = 1;
export const FILTER_ID = '10100';

/** The query of the board and sprint issue listings. */
export type IssuePageQuery = { jql?: string; startAt?: string; maxResults?: string; fields?: string };

export const boardPayload = ({ data, site }: JiraContext) => ({
  id: BOARD_ID,
  self: `${site.baseUrl()}${AGILE}/board/${BOARD_ID}`,
  name: `${data.projectKey} board`,
  type: 'scrum',
  location: {
    projectId: 10000,
    projectKey: data.projectKey,
    displayName: `${data.projectName} (${data.projectKey})`,
    projectName: data.projectName,
    projectTypeKey: 'software',
  },
});

export const sprintPayload = ({ site }: JiraContext, sprint: SandboxSprint) => ({
  ...sprint,
  self: `${site.baseUrl()}${AGILE}/sprint/${sprint.id}`,
});

export const noBoard = (reply: FastifyReply) =>
  reply.code(404).send({
    errorMessages: [
      'The requested board cannot be viewed because it either does not exist or you do not have permission to view it.',
    ],
    errors: {},
  });

export const noSprint = (reply: FastifyReply) =>
  reply.code(404).send({ errorMessages: ['Sprint does not exist.'], errors: {} });

/** An offset page the agile way (`isLast` from the requested size). */
export const agilePage = <T>(values: T[], startAt: number, maxResults: number) => ({
  maxResults,
  startAt,
  total: values.length,
  isLast: startAt + maxResults >= values.length,
  values: values.slice(startAt, startAt + maxResults),
});

/** A page of issues, filtered by the request's JQL; throws `QuerySyntaxError` on a query Jira would refuse. */
export function issuePage({ data, issuePayload }: JiraContext, issues: SandboxIssue[], query: IssuePageQuery) {
  const compiled = compileJql(query.jql ?? '', data.users[0]!, data.links);
  const matching = compiled.order(issues.filter(compiled.matches));
  const startAt = Number(query.startAt ?? 0);
  const maxResults = Number(query.maxResults ?? 50);
  const fields = query.fields?.split(',');
  return {
    expand: 'schema,names',
    startAt,
    maxResults,
    total: matching.length,
    issues: matching.slice(startAt, startAt + maxResults).map((issue) => issuePayload(issue, fields)),
  };
}
