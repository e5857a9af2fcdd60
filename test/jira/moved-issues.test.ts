/**
 * An issue moved out of the allowed projects keeps answering to its old key: Jira serves `OPS-1` as the moved
 * `SECRET-5`. With `projects_filter`, the client checks the project an issue is really in before reading it,
 * commenting on it, transitioning it or changing it, so the old key cannot reach a hidden project.
 */
import t from 'tap';
import { fakeJira, jiraIssue, sendJson, startFakeAtlassian, startGatewayFor } from '../helpers/fake-atlassian.js';

const moved = jiraIssue('SECRET-5', { summary: 'secret salary plan', project: { key: 'SECRET' } });
const stayed = jiraIssue('OPS-2', { summary: 'Rotate keys', project: { key: 'OPS' } });

t.test('an old key of a moved issue answers as not found on every kind of call, and nothing is written', async (t) => {
  const fake = await startFakeAtlassian(t, (request, response, url) => {
    if (url.pathname.startsWith('/rest/api/2/issue/OPS-1')) {
      if (request.method !== 'GET') return sendJson(response, { id: '1' }, 201);
      if (url.pathname.endsWith('/transitions'))
        return sendJson(response, { transitions: [{ id: '11', name: 'Done' }] });
      if (url.pathname.endsWith('/comment'))
        return sendJson(response, { comments: [{ id: '9', body: 'secret comment' }], total: 1 });
      return sendJson(response, { ...moved, id: '10005' });
    }
    if (url.pathname.startsWith('/rest/api/2/issue/OPS-2')) {
      if (request.method !== 'GET') return sendJson(response, { id: '2', body: 'ok' }, 201);
      return sendJson(response, stayed);
    }
    sendJson(response, { errorMessages: ['not here'] }, 404);
  });
  const gateway = await startGatewayFor(t, {
    toolsets: ['all'],
    instances: [fakeJira(fake.url, { projects_filter: ['OPS'] })],
  });

  for (const [tool, args] of [
    ['jira_get_issue', { issue_key: 'OPS-1' }],
    ['jira_get_transitions', { issue_key: 'OPS-1' }],
    ['jira_add_comment', { issue_key: 'OPS-1', body: 'hello' }],
    ['jira_transition_issue', { issue_key: 'OPS-1', transition_id: '11' }],
    ['jira_update_issue', { issue_key: 'OPS-1', summary: 'renamed' }],
  ] as const) {
    const result = await gateway.call(tool, args);
    t.ok(result.isError, tool);
    t.match(result.text, /not found, or not visible to the configured account/, tool);
    t.notMatch(result.text, /SECRET|salary|secret comment/, `${tool}: nothing of the moved issue shows`);
  }
  t.same(
    fake.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path}`),
    [],
    'nothing was written to the moved issue',
  );

  const fine = await gateway.call('jira_add_comment', { issue_key: 'OPS-2', body: 'hello' });
  t.notOk(fine.isError, `an issue still in OPS is served: ${fine.text.slice(0, 120)}`);
});
