/** Epic hierarchy on both platforms; bulk changelogs on Cloud only (absent on Server/DC, like any unknown tool). */
import t from 'tap';
import { assertRequestsMatchSpec, JIRA_PLATFORMS, useAllJiraTools } from '../helpers/harness.js';

const harness = useAllJiraTools(t, 'http-2026');
const { call } = harness;

for (const [label, prefix, project] of JIRA_PLATFORMS) {
  t.test(`${label}: epic hierarchy`, async (t) => {
    t.match(
      (await call(`${prefix}get_project_epic_hierarchy`, { project_key: project })).text,
      new RegExp(`${project} has no epics\\.`),
    );
    const epic = await call(`${prefix}create_issue`, {
      project_key: project,
      summary: 'Reporting',
      issue_type: 'Epic',
    });
    for (const key of [`${project}-2`, `${project}-4`])
      t.notOk((await call(`${prefix}link_to_epic`, { issue_key: key, epic_key: epic.data.key })).isError);
    const tree = await call(`${prefix}get_project_epic_hierarchy`, { project_key: project });
    t.notOk(tree.isError, tree.text);
    t.same(
      tree.data.epics.map((entry: { key: string; children: Array<{ key: string }> }) => [
        entry.key,
        entry.children.map((issue) => issue.key),
      ]),
      [[epic.data.key, [`${project}-2`, `${project}-4`]]],
    );
    t.match(
      tree.text,
      new RegExp(`- \\*\\*${epic.data.key}\\*\\* Reporting \\[To Do\\] \\(2 issues\\)\\n  - ${project}-2 `),
    );
  });
}

t.test('Cloud: bulk changelogs, filtered by field', async (t) => {
  const logs = await call('jira_staging_batch_get_changelogs', { issue_keys: ['WEB-1', 'web-3'], fields: ['status'] });
  t.notOk(logs.isError, logs.text);
  t.same(
    logs.data.issues.map((issue: { issue_key: string; changes: Array<{ to: string }> }) => [
      issue.issue_key,
      issue.changes.map((change) => change.to),
    ]),
    [
      ['WEB-1', ['In Progress']],
      ['WEB-3', ['In Progress', 'Done']],
    ],
  );
  const paged = await call('jira_staging_batch_get_changelogs', { issue_keys: ['WEB-3'], limit: 1 });
  t.match(paged.text, /More changes: call again with page_token "[^"]+"/);
});

t.test('Server/DC: the Cloud-only tool is not listed and answers like an unknown tool', async (t) => {
  const { tools } = await harness.client.listTools();
  t.notOk(tools.some((tool) => tool.name === 'jira_batch_get_changelogs'));
  await t.rejects(
    harness.client.callTool({ name: 'jira_batch_get_changelogs', arguments: { issue_keys: ['OPS-1'] } }),
    /Unknown tool: jira_batch_get_changelogs/,
  );
});

t.test('every request matched the spec for its platform', async (t) => {
  assertRequestsMatchSpec(t, harness.gateway);
});

for (const [label, prefix, project] of JIRA_PLATFORMS) {
  t.test(`${label}: cross-project dependencies and development info`, async (t) => {
    const dependencies = await call(`${prefix}get_cross_project_dependencies`, { project_key: project });
    t.notOk(dependencies.isError, dependencies.text);
    t.same(dependencies.data.dependencies, [
      {
        issue_key: `${project}-5`,
        relation: 'is blocked by',
        other_key: 'SEC-7',
        other_project: 'SEC',
        other_summary: 'Rotate the TLS certificates',
        other_status: 'In Progress',
      },
    ]);
    t.match(
      dependencies.text,
      new RegExp(
        `## SEC\\n- ${project}-5 is blocked by \\*\\*SEC-7\\*\\* Rotate the TLS certificates \\[In Progress\\]`,
      ),
    );

    const dev = await call(`${prefix}get_issue_development_info`, { issue_key: `${project}-1` });
    t.notOk(dev.isError, dev.text);
    t.match(dev.data.pull_requests, [
      { status: 'OPEN', source: `${project}-1-proxy-timeout`, destination: 'main', tool: 'GitHub' },
    ]);
    t.same(
      dev.data.commits.map((entry: { id: string }) => entry.id),
      ['a1b2c3d', 'f6e5d4c'],
    );
    t.match(dev.text, /## Commits\n- a1b2c3d .*raise proxy_read_timeout to 60s — Alice Example/);
    t.match(
      (await call(`${prefix}get_issue_development_info`, { issue_key: `${project}-2` })).text,
      /No development information is linked/,
    );
  });
}

t.test('Cloud: move an issue to another project; the old key still resolves', async (t) => {
  const moved = await call('jira_staging_move_issue', { issue_key: 'WEB-3', target_project_key: 'WEBLAB' });
  t.notOk(moved.isError, moved.text);
  t.same({ old: moved.data.old_key, new: moved.data.new_key }, { old: 'WEB-3', new: 'WEBLAB-1' });
  t.equal(
    (await call('jira_staging_get_issue', { issue_key: 'WEBLAB-1' })).data.summary,
    '[staging] Rotate the service account credentials',
  );
  t.equal((await call('jira_staging_get_issue', { issue_key: 'WEB-3' })).data.key, 'WEBLAB-1', 'the old key redirects');
  const badType = await call('jira_staging_move_issue', {
    issue_key: 'WEB-4',
    target_project_key: 'WEBLAB',
    target_issue_type: 'Saga',
  });
  t.match(
    badType.text,
    /WEBLAB has no issue type "Saga"; pass target_issue_type, one of Bug, Story, Task, Epic, Sub-task/,
  );
  const { tools } = await harness.client.listTools();
  t.notOk(
    tools.some((tool) => tool.name === 'jira_move_issue'),
    'not offered on Server/DC',
  );
});

t.test('requests of the later tests matched the spec too', async (t) => {
  assertRequestsMatchSpec(t, harness.gateway);
});
