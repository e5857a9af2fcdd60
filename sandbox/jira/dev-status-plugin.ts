/** Jira's dev-status API: a summary and the details (pull requests, commits) of the development linked to an issue. */
import { pullRequestDetail, repositoryDetail } from '../fixtures/jira-dev-status.js';
import type { JiraPlugin } from './jira-context.js';

type DetailQuery = { issueId?: string; applicationType?: string; dataType?: string };

export const devStatusPlugin: JiraPlugin = async (app, { jira }) => {
  const { data } = jira;
  const linked = () => data.issues.find((issue) => issue.key === `${data.projectKey}-1`);

  app.get<{ Querystring: { issueId?: string } }>('/rest/dev-status/latest/issue/summary', async (request) => {
    const has = linked()?.id === request.query.issueId;
    const count = (value: number) => ({
      overall: { count: has ? value : 0 },
      byInstanceType: has ? { GitHub: { count: value, name: 'GitHub' } } : {},
    });
    return {
      errors: [],
      configErrors: [],
      summary: { repository: count(1), branch: count(1), pullrequest: count(1), build: count(0) },
    };
  });

  app.get<{ Querystring: DetailQuery }>('/rest/dev-status/latest/issue/detail', async (request, reply) => {
    if (!request.query.issueId || !request.query.applicationType || !request.query.dataType)
      return reply.code(400).send({ errors: ['issueId, applicationType and dataType are required'] });
    if (linked()?.id !== request.query.issueId || request.query.applicationType !== 'GitHub')
      return { errors: [], detail: [] };
    return request.query.dataType === 'pullrequest'
      ? pullRequestDetail(data.projectKey)
      : repositoryDetail(data.projectKey);
  });
};
