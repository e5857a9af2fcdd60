/** A Jira project allow-list restricts every JQL and hides what lies outside it; permission errors are named. */
import t from 'tap';
import { connectClient, textOf } from '../helpers/clients.js';
import { startTestGateway, TEST_SITES } from '../helpers/gateway.js';

t.test('projects_filter', async (t) => {
  const gateway = await startTestGateway({
    sites: TEST_SITES.filter((site) => site.product === 'jira'),
    defaults: ['prod'],
    extra: { toolsets: ['all'] },
    overrides: { prod: { projects_filter: ['OPS'] }, staging: { projects_filter: ['HR', 'FIN'] } },
  });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'http-2025');
  t.teardown(() => client.close());
  const call = async (name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name, arguments: args });
    return { isError: Boolean(result.isError), text: textOf(result), data: result.structuredContent as Record<string, any> };
  };

  const allowed = await call('jira_search', { jql: 'status = "To Do" ORDER BY key DESC' });
  t.equal(allowed.data.jql, '(status = "To Do") AND project in ("OPS") ORDER BY key DESC', 'ANDed in, ORDER BY kept last');
  t.same(allowed.data.issues.map((issue: { key: string }) => issue.key), ['OPS-4', 'OPS-2']);

  const hidden = await call('jira_staging_search', { jql: 'project = WEB' });
  t.same(hidden.data.issues, [], 'nothing outside the list');
  t.match((await call('jira_staging_get_issue', { issue_key: 'WEB-1' })).text, /Get issue WEB-1 failed on instance "staging": not found/);
  t.match((await call('jira_staging_add_comment', { issue_key: 'WEB-1', body: 'x' })).text, /not found/);
  t.match((await call('jira_staging_create_issue', { project_key: 'WEB', summary: 'x' })).text, /not found/);
  t.same((await call('jira_staging_get_all_projects', {})).data.projects, []);
  t.match((await call('jira_staging_get_board_issues', { board_id: 1 })).data.jql, /project in \("HR", "FIN"\)/);
  t.ok(gateway.sandbox.requests.filter((request) => request.site === 'staging').every((request) => !request.path.includes('WEB-1')), 'hidden issues are never even requested');
});

t.test('keys written in lower case are the same keys: answers and errors name them as Jira writes them', async (t) => {
  const gateway = await startTestGateway({
    sites: TEST_SITES.filter((site) => site.product === 'jira'),
    defaults: ['prod'],
    extra: { toolsets: ['all'] },
    overrides: { prod: { projects_filter: ['OPS'] }, staging: { projects_filter: ['HR', 'FIN'] } },
  });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'http-2026');
  t.teardown(() => client.close());
  const call = async (name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name, arguments: args });
    return { isError: Boolean(result.isError), text: textOf(result), data: result.structuredContent as Record<string, any> };
  };

  const issue = await call('jira_get_issue', { issue_key: ' ops-2 ' });
  t.notOk(issue.isError, issue.text);
  t.equal(issue.data.key, 'OPS-2', 'an allowed issue is found');
  const listed = await call('jira_get_project_issues', { project_key: 'ops', limit: 1 });
  t.notOk(listed.isError, listed.text);
  t.equal(listed.data.jql, '(project = "OPS") AND project in ("OPS") ORDER BY created DESC', 'the project key is sent upper-cased');
  const watchers = await call('jira_get_issue_watchers', { issue_key: 'ops-2' });
  t.equal(watchers.data.issue_key, 'OPS-2');

  const hidden = await call('jira_staging_get_issue', { issue_key: 'web-1' });
  t.ok(hidden.isError);
  t.match(hidden.text, /^Get issue WEB-1 failed on instance "staging": not found/, 'a hidden issue is not found, whatever its case');
  const hiddenProject = await call('jira_staging_get_project_versions', { project_key: 'web' });
  t.match(hiddenProject.text, /^Get versions of WEB failed on instance "staging": not found/);
  t.ok(gateway.sandbox.requests.filter((request) => request.site === 'staging').every((request) => !/web-1|WEB/i.test(request.path)), 'and never requested');
});

t.test('403 from Jira is reported as permission denied with Atlassian\'s words', async (t) => {
  const gateway = await startTestGateway({ sites: TEST_SITES.filter((site) => site.product === 'jira'), defaults: ['prod'] });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'http-2026');
  t.teardown(() => client.close());
  gateway.sandbox.fault('staging', { status: 403, body: { errorMessages: ['You do not have permission to edit issues in this project.'], errors: {} } });
  const result = await client.callTool({ name: 'jira_staging_update_issue', arguments: { issue_key: 'WEB-1', summary: 'x' } });
  t.ok(result.isError);
  t.match(textOf(result), /Update issue WEB-1 failed on instance "staging": permission denied: the configured account may not do this \(HTTP 403\)\. Atlassian said: You do not have permission to edit issues in this project\./);
});
