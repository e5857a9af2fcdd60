/**
 * Answers in a shape the gateway does not expect (an object for an array, a string for an object, a missing list)
 * fail at the client boundary: the tool answers isError naming the instance, the action and Atlassian's operation,
 * with what was wrong, never as an unexpected error of the gateway.
 */
import t from 'tap';
import { TEST_SITES } from '../helpers/gateway.js';
import { useGateway } from '../helpers/harness.js';

const harness = useGateway(t, { defaults: ['prod', 'wiki'], extra: { toolsets: ['all'] } });

t.afterEach(() => {
  for (const site of TEST_SITES) harness.gateway.sandbox.fault(site.id, undefined);
});

const CASES: ReadonlyArray<{
  tool: string;
  args: Record<string, unknown>;
  site: string;
  path: RegExp;
  answer: unknown;
  action: string;
  problem: string;
}> = [
  {
    tool: 'jira_staging_search_assignable_users',
    args: { query: 'a', project_key: 'WEB' },
    site: 'staging',
    path: /\/user\/assignable\/search$/,
    answer: { users: [{ accountId: '5b10a2844c20165700ede21g' }] },
    action: 'Search assignable users',
    problem: 'findAssignableUsers: expected an array, got an object',
  },
  {
    tool: 'jira_staging_get_issue',
    args: { issue_key: 'WEB-1' },
    site: 'staging',
    path: /\/issue\/WEB-1$/,
    answer: 'WEB-1',
    action: 'Get issue WEB-1',
    problem: 'getIssue: expected an object, got a string',
  },
  {
    tool: 'jira_search',
    args: { jql: 'project = OPS' },
    site: 'prod',
    path: /^\/rest\/api\/2\/search$/,
    answer: { startAt: 0, total: 3 },
    action: 'Search issues',
    problem: 'searchForIssuesUsingJql: expected an array at issues, got nothing',
  },
  {
    tool: 'jira_staging_search',
    args: { jql: 'project = WEB' },
    site: 'staging',
    path: /\/search\/jql$/,
    answer: { issues: { key: 'WEB-1' } },
    action: 'Search issues',
    problem: 'searchAndReconsileIssuesUsingJqlPost: expected an array at issues, got an object',
  },
  {
    tool: 'jira_get_all_projects',
    args: {},
    site: 'prod',
    path: /^\/rest\/api\/2\/project$/,
    answer: { values: [] },
    action: 'List projects',
    problem: 'getAllProjects: expected an array, got an object',
  },
  {
    tool: 'jira_staging_get_project_versions',
    args: { project_key: 'WEB' },
    site: 'staging',
    path: /\/project\/WEB\/versions$/,
    answer: [{ id: '10100', name: 1.2 }],
    action: 'Get versions of WEB',
    problem: 'getProjectVersions: expected a string at [0].name, got a number',
  },
  {
    tool: 'jira_get_transitions',
    args: { issue_key: 'OPS-1' },
    site: 'prod',
    path: /\/transitions$/,
    answer: { transitions: 'none' },
    action: 'Get transitions of OPS-1',
    problem: 'getTransitions: expected an array at transitions, got a string',
  },
  {
    tool: 'confluence_get_page_children',
    args: { parent_id: '1001' },
    site: 'wiki',
    path: /\/direct-children$/,
    answer: { results: 'none' },
    action: 'List children of page 1001',
    problem: 'getPageDirectChildren: expected an array at results, got a string',
  },
  {
    tool: 'confluence_dcwiki_search',
    args: { query: 'deploy' },
    site: 'dcwiki',
    path: /^\/rest\/api\/search$/,
    answer: { size: 0 },
    action: 'Search Confluence',
    problem: 'searchByCQL: expected an array at results, got nothing',
  },
  {
    tool: 'confluence_get_page',
    args: { page_id: '1002' },
    site: 'wiki',
    path: /\/api\/v2\/pages\/1002$/,
    answer: { id: '1002', title: ['Release'] },
    action: 'Get page 1002',
    problem: 'getPageById: expected a string at title, got an array',
  },
  {
    tool: 'confluence_dcwiki_get_labels',
    args: { page_id: '1002' },
    site: 'dcwiki',
    path: /\/label$/,
    answer: [],
    action: 'Get labels of page 1002',
    problem: 'getLabelsForContent: expected an object, got an array',
  },
];

for (const { tool, args, site, path, answer, action, problem } of CASES) {
  t.test(`${tool}: ${problem}`, async (t) => {
    harness.gateway.sandbox.fault(site, { status: 200, path, body: answer });
    const result = await harness.call(tool, args);
    t.ok(result.isError, 'an error result');
    t.equal(
      result.text,
      `${action} failed on instance "${site}": Atlassian answered in an unexpected shape (${problem}).`,
    );
    t.notMatch(result.text, /unexpected error occurred in the gateway/);
  });
}

t.test('an unexpected shape marks the instance degraded, like an answer that is not JSON', async (t) => {
  harness.gateway.sandbox.fault('staging', { status: 200, path: /\/issue\/WEB-2$/, body: [] });
  t.ok((await harness.call('jira_staging_get_issue', { issue_key: 'WEB-2' })).isError);
  t.match((await harness.call('gateway_list_instances', {})).text, /\*\*staging\*\*[^\n]*status degraded/);
});
