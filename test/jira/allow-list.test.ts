/** A Jira project allow-list restricts every JQL and hides what lies outside it; permission errors are named. */
import t, { type Test } from 'tap';
import { connectClient, textOf, type TransportKind } from '../helpers/clients.js';
import { startTestGateway, TEST_SITES } from '../helpers/gateway.js';

/** Both Jira sites, every toolset, prod limited to OPS and staging to `staging`; `call` returns what a model sees. */
async function restrictedGateway(t: Test, staging: string[], transport: TransportKind) {
  const gateway = await startTestGateway({
    sites: TEST_SITES.filter((site) => site.product === 'jira'),
    defaults: ['prod'],
    extra: { toolsets: ['all'] },
    overrides: { prod: { projects_filter: ['OPS'] }, staging: { projects_filter: staging } },
  });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, transport);
  t.teardown(() => client.close());
  const call = async (name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name, arguments: args });
    return {
      isError: Boolean(result.isError),
      text: textOf(result),
      data: result.structuredContent as Record<string, any>,
    };
  };
  return { gateway, call };
}

t.test('projects_filter', async (t) => {
  const { gateway, call } = await restrictedGateway(t, ['HR', 'FIN'], 'http-2025');

  const allowed = await call('jira_search', { jql: 'status = "To Do" ORDER BY key DESC' });
  t.equal(
    allowed.data.jql,
    '(status = "To Do") AND project in ("OPS") ORDER BY key DESC',
    'ANDed in, ORDER BY kept last',
  );
  t.same(
    allowed.data.issues.map((issue: { key: string }) => issue.key),
    ['OPS-4', 'OPS-2'],
  );

  const hidden = await call('jira_staging_search', { jql: 'project = WEB' });
  t.same(hidden.data.issues, [], 'nothing outside the list');
  t.match(
    (await call('jira_staging_get_issue', { issue_key: 'WEB-1' })).text,
    /Get issue WEB-1 failed on instance "staging": not found/,
  );
  t.match((await call('jira_staging_add_comment', { issue_key: 'WEB-1', body: 'x' })).text, /not found/);
  t.match((await call('jira_staging_create_issue', { project_key: 'WEB', summary: 'x' })).text, /not found/);
  t.same((await call('jira_staging_get_all_projects', {})).data.projects, []);
  t.match((await call('jira_staging_get_board_issues', { board_id: 1 })).data.jql, /project in \("HR", "FIN"\)/);
  t.ok(
    gateway.sandbox.requests
      .filter((request) => request.site === 'staging')
      .every((request) => !request.path.includes('WEB-1')),
    'hidden issues are never even requested',
  );
});

t.test('keys written in lower case are the same keys: answers and errors name them as Jira writes them', async (t) => {
  const { gateway, call } = await restrictedGateway(t, ['HR', 'FIN'], 'http-2026');

  const issue = await call('jira_get_issue', { issue_key: ' ops-2 ' });
  t.notOk(issue.isError, issue.text);
  t.equal(issue.data.key, 'OPS-2', 'an allowed issue is found');
  const listed = await call('jira_get_project_issues', { project_key: 'ops', limit: 1 });
  t.notOk(listed.isError, listed.text);
  t.equal(
    listed.data.jql,
    '(project = "OPS") AND project in ("OPS") ORDER BY created DESC',
    'the project key is sent upper-cased',
  );
  const watchers = await call('jira_get_issue_watchers', { issue_key: 'ops-2' });
  t.equal(watchers.data.issue_key, 'OPS-2');

  const hidden = await call('jira_staging_get_issue', { issue_key: 'web-1' });
  t.ok(hidden.isError);
  t.match(
    hidden.text,
    /^Get issue WEB-1 failed on instance "staging": not found/,
    'a hidden issue is not found, whatever its case',
  );
  const hiddenProject = await call('jira_staging_get_project_versions', { project_key: 'web' });
  t.match(hiddenProject.text, /^Get versions of WEB failed on instance "staging": not found/);
  t.ok(
    gateway.sandbox.requests
      .filter((request) => request.site === 'staging')
      .every((request) => !/web-1|WEB/i.test(request.path)),
    'and never requested',
  );
});

t.test("403 from Jira is reported as permission denied with Atlassian's words", async (t) => {
  const gateway = await startTestGateway({
    sites: TEST_SITES.filter((site) => site.product === 'jira'),
    defaults: ['prod'],
  });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'http-2026');
  t.teardown(() => client.close());
  gateway.sandbox.fault('staging', {
    status: 403,
    body: { errorMessages: ['You do not have permission to edit issues in this project.'], errors: {} },
  });
  const result = await client.callTool({
    name: 'jira_staging_update_issue',
    arguments: { issue_key: 'WEB-1', summary: 'x' },
  });
  t.ok(result.isError);
  t.match(
    textOf(result),
    /Update issue WEB-1 failed on instance "staging": permission denied: the configured account may not do this \(HTTP 403\)\. Atlassian said: You do not have permission to edit issues in this project\./,
  );
});

t.test(
  'every tool that names an issue or project answers "not found" for one outside projects_filter, and asks Jira nothing about it',
  async (t) => {
    const { gateway, call } = await restrictedGateway(t, ['WEB'], 'http-2026');

    const hiddenIssue = 'SEC-7';
    const hiddenProject = 'SEC';
    const calls = (allowed: string): Array<[string, Record<string, unknown>]> => [
      ['get_issue', { issue_key: hiddenIssue }],
      ['get_project_issues', { project_key: hiddenProject }],
      ['get_project_epic_hierarchy', { project_key: hiddenProject }],
      ['get_cross_project_dependencies', { project_key: hiddenProject }],
      ['create_issue_link', { link_type: 'Blocks', outward_issue_key: hiddenIssue, inward_issue_key: `${allowed}-1` }],
      ['create_issue_link', { link_type: 'Blocks', outward_issue_key: `${allowed}-1`, inward_issue_key: hiddenIssue }],
      ['create_remote_issue_link', { issue_key: hiddenIssue, url: 'https://example.com/x', title: 'x' }],
      ['link_to_epic', { issue_key: hiddenIssue, epic_key: `${allowed}-1` }],
      ['link_to_epic', { issue_key: `${allowed}-2`, epic_key: hiddenIssue }],
      ['search_assignable_users', { query: 'a', issue_key: hiddenIssue }],
      ['search_assignable_users', { query: 'a', project_key: hiddenProject }],
      ['get_issue_watchers', { issue_key: hiddenIssue }],
      ['add_watcher', { issue_key: hiddenIssue, user_identifier: 'someone' }],
      ['remove_watcher', { issue_key: hiddenIssue, user_identifier: 'someone' }],
      ['add_issues_to_sprint', { sprint_id: 1, issue_keys: [`${allowed}-1`, hiddenIssue] }],
      ['move_issues_to_backlog', { issue_keys: [hiddenIssue] }],
      ['get_issue_development_info', { issue_key: hiddenIssue }],
      ['download_attachments', { issue_key: hiddenIssue }],
      ['get_issue_images', { issue_key: hiddenIssue }],
      ['upload_attachment', { issue_key: hiddenIssue, filename: 'a.txt', content_base64: 'eA==' }],
      ['create_version', { project_key: hiddenProject, name: 'v9' }],
      ['batch_create_versions', { project_key: hiddenProject, versions: [{ name: 'v9' }] }],
      ['create_issue', { project_key: hiddenProject, summary: 'x' }],
      [
        'batch_create_issues',
        {
          issues: [
            { project_key: allowed, summary: 'x' },
            { project_key: hiddenProject, summary: 'y' },
          ],
          validate_only: true,
        },
      ],
      ['update_issue', { issue_key: hiddenIssue, summary: 'x' }],
      ['get_worklog', { issue_key: hiddenIssue }],
      ['add_worklog', { issue_key: hiddenIssue, time_spent: '1h' }],
      ['get_issue_dates', { issue_key: hiddenIssue }],
      ['get_issue_sla', { issue_key: hiddenIssue }],
      ['add_comment', { issue_key: hiddenIssue, body: 'x' }],
      ['edit_comment', { issue_key: hiddenIssue, comment_id: '1', body: 'x' }],
      ['get_project_issue_types', { project_key: hiddenProject }],
      ['get_create_fields', { project_key: hiddenProject, issue_type: 'Bug' }],
      ['get_field_options', { field_id: 'priority', project_key: hiddenProject, issue_type: 'Bug' }],
      ['get_project_versions', { project_key: hiddenProject }],
      ['get_project_components', { project_key: hiddenProject }],
      ['assign_issue', { issue_key: hiddenIssue, assignee: null }],
      ['delete_issue', { issue_key: hiddenIssue }],
      ['get_transitions', { issue_key: hiddenIssue }],
      ['transition_issue', { issue_key: hiddenIssue, transition: 'Done' }],
    ];
    const cloudOnly: Array<[string, Record<string, unknown>]> = [
      ['batch_get_changelogs', { issue_keys: ['WEB-1', hiddenIssue] }],
      ['move_issue', { issue_key: hiddenIssue, target_project_key: 'WEB' }],
      ['move_issue', { issue_key: 'WEB-1', target_project_key: hiddenProject }],
      ['get_issue_forms', { issue_key: hiddenIssue }],
      ['get_form_details', { issue_key: hiddenIssue, form_id: 'f1' }],
      ['update_form_answers', { issue_key: hiddenIssue, form_id: 'f1', answers: [{ question_id: '1', text: 'x' }] }],
    ];
    for (const [prefix, site, allowed, extra] of [
      ['jira_', 'prod', 'OPS', []],
      ['jira_staging_', 'staging', 'WEB', cloudOnly],
    ] as const) {
      for (const [tool, args] of [...calls(allowed), ...extra]) {
        const before = gateway.sandbox.requests.length;
        const result = await call(`${prefix}${tool}`, args);
        t.ok(result.isError, `${prefix}${tool} ${JSON.stringify(args)}`);
        t.match(
          result.text,
          new RegExp(
            `failed on instance "${site}": not found, or not visible to the configured account \\(HTTP 404\\)\\.$`,
          ),
          `${prefix}${tool}: not found`,
        );
        const sent = gateway.sandbox.requests
          .slice(before)
          .map((request) => JSON.stringify([request.path, request.query, request.body]));
        t.same(
          sent.filter((request) => request.includes(hiddenProject)),
          [],
          `${prefix}${tool}: nothing about ${hiddenProject} was asked`,
        );
      }
    }
  },
);

t.test('a parent, a link or a board that reaches a hidden project is refused too', async (t) => {
  const { gateway, call } = await restrictedGateway(t, ['WEB'], 'http-2026');
  const before = gateway.sandbox.requests.length;
  t.match(
    (
      await call('jira_create_issue', {
        project_key: 'OPS',
        summary: 'child of a hidden issue',
        issue_type: 'Sub-task',
        parent_key: 'SEC-7',
      })
    ).text,
    /not found/,
    'a parent in a hidden project',
  );
  t.match(
    (await call('jira_remove_issue_link', { link_id: '70900' })).text,
    /not found/,
    'a link that joins a hidden issue',
  );
  const boards = await call('jira_get_agile_boards', {});
  t.notOk(boards.isError, boards.text.slice(0, 200));
  t.notOk(
    boards.data.boards.some((board: { project: string | null }) => board.project !== 'OPS'),
    'boards of hidden projects are left out of the listing',
  );
  t.match(
    (await call('jira_staging_get_agile_boards', { project_key: 'OPS' })).text,
    /not found/,
    'a hidden project named directly',
  );
  const written = gateway.sandbox.requests.slice(before).filter((request) => request.method !== 'GET');
  t.same(
    written.map((request) => `${request.method} ${request.path}`),
    [],
    'nothing was written',
  );
});
