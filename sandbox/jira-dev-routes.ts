/** Sandbox dev-status: the first issue of each site has a GitHub pull request, a branch and two commits. */
import type { FastifyInstance } from 'fastify';
import type { JiraSiteData } from './jira/jira-model.js';

export function registerJiraDevRoutes(app: FastifyInstance, data: JiraSiteData): void {
  const linked = () => data.issues.find((issue) => issue.key === `${data.projectKey}-1`);
  const repository = `acme/${data.projectKey.toLowerCase()}-service`;
  const branch = `${data.projectKey}-1-proxy-timeout`;

  app.get<{ Querystring: { issueId?: string } }>('/rest/dev-status/latest/issue/summary', async (request) => {
    const has = linked()?.id === request.query.issueId;
    const count = (value: number) => ({ overall: { count: has ? value : 0 }, byInstanceType: has ? { GitHub: { count: value, name: 'GitHub' } } : {} });
    return { errors: [], configErrors: [], summary: { repository: count(1), branch: count(1), pullrequest: count(1), build: count(0) } };
  });

  app.get<{ Querystring: { issueId?: string; applicationType?: string; dataType?: string } }>('/rest/dev-status/latest/issue/detail', async (request, reply) => {
    if (!request.query.issueId || !request.query.applicationType || !request.query.dataType) return reply.code(400).send({ errors: ['issueId, applicationType and dataType are required'] });
    if (linked()?.id !== request.query.issueId || request.query.applicationType !== 'GitHub') return { errors: [], detail: [] };
    const instance = { name: 'GitHub', type: 'github', baseUrl: 'https://github.com' };
    if (request.query.dataType === 'pullrequest') {
      return {
        errors: [],
        detail: [{
          branches: [{ name: branch, url: `https://github.com/${repository}/tree/${branch}`, repository: { name: repository } }],
          pullRequests: [{ id: '#42', name: `${data.projectKey}-1 Raise the proxy read timeout`, status: 'OPEN', url: `https://github.com/${repository}/pull/42`, source: { branch }, destination: { branch: 'main' }, lastUpdate: '2026-11-02T10:00:00.000+0000', author: { name: 'Alice Example' } }],
          _instance: instance,
        }],
      };
    }
    return {
      errors: [],
      detail: [{
        repositories: [{
          name: repository,
          url: `https://github.com/${repository}`,
          commits: [
            { id: 'a1b2c3d4e5f6a7b8c9d0', displayId: 'a1b2c3d', message: `${data.projectKey}-1 raise proxy_read_timeout to 60s\n\nLonger body.`, author: { name: 'Alice Example' }, authorTimestamp: '2026-11-01T15:00:00.000+0000', url: `https://github.com/${repository}/commit/a1b2c3d` },
            { id: 'f6e5d4c3b2a1f6e5d4c3', displayId: 'f6e5d4c', message: `${data.projectKey}-1 add a regression test`, author: { name: 'Bob Example' }, authorTimestamp: '2026-11-02T09:00:00.000+0000', url: `https://github.com/${repository}/commit/f6e5d4c` },
          ],
        }],
        _instance: instance,
      }],
    };
  });
}
