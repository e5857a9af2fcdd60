/**
 * The default Jira toolsets through a real MCP client against the sandbox, on a Server/DC (prod) and a Cloud
 * (staging) instance: every write is read back, and every request sent is checked against the official spec.
 */
import t from 'tap';
import { assertRequestsMatchSpec, JIRA_SITES, useGateway } from '../helpers/harness.js';

const harness = useGateway(t, {
  sites: JIRA_SITES,
  defaults: ['prod'],
  extra: { toolsets: ['default'] },
  transport: 'http-2026',
});
const { call } = harness;

const DESCRIPTION =
  '## Context\n\nThe **export** fails for large reports.\n\n- step one\n- step two\n\n```sql\nselect * from report_rows;\n```';

for (const [label, prefix, project, assignee] of [
  ['Server/DC', 'jira_', 'OPS', 'alice'],
  ['Cloud', 'jira_staging_', 'WEB', 'alice@example.com'],
] as const) {
  t.test(`${label}: create, read back, update, comment, transition`, async (t) => {
    const created = await call(`${prefix}create_issue`, {
      project_key: project,
      summary: 'Export fails for large reports',
      issue_type: 'Bug',
      description: DESCRIPTION,
      labels: ['export'],
      assignee,
      priority: 'High',
    });
    t.notOk(created.isError, created.text);
    const key = created.data.key as string;
    t.match(key, new RegExp(`^${project}-\\d+$`));
    t.match(created.text, new RegExp(`Created ${key}: Export fails for large reports\\nURL: .*/browse/${key}`));

    const read = await call(`${prefix}get_issue`, { issue_key: key });
    t.equal(read.data.summary, 'Export fails for large reports');
    t.equal(read.data.assignee, 'Alice Example', 'assignee resolved to the right person');
    t.equal(read.data.priority, 'High');
    t.same(read.data.labels, ['export']);
    t.match(read.data.description, /## Context/, 'markdown heading survived the round trip');
    t.match(read.data.description, /\*\*export\*\*/, 'bold survived');
    t.match(read.data.description, /[-*] step one\n[-*] step two/, 'list survived');
    t.match(read.data.description, /```sql\nselect \* from report_rows;\n```/, 'code block survived');

    const updated = await call(`${prefix}update_issue`, {
      issue_key: key,
      summary: 'Export fails for reports over 10k rows',
      add_labels: ['p1'],
      assignee: null,
    });
    t.notOk(updated.isError, updated.text);
    t.same(updated.data.changed, ['summary', 'assignee', 'labels']);
    const afterUpdate = await call(`${prefix}get_issue`, { issue_key: key });
    t.equal(afterUpdate.data.summary, 'Export fails for reports over 10k rows');
    t.equal(afterUpdate.data.assignee, null, 'unassigned');
    t.same(afterUpdate.data.labels, ['export', 'p1']);

    const comment = await call(`${prefix}add_comment`, { issue_key: key, body: 'Reproduced with `10001` rows.' });
    t.notOk(comment.isError, comment.text);
    const withComment = await call(`${prefix}get_issue`, { issue_key: key });
    t.match(withComment.text, /Reproduced with `10001` rows\./);

    const transitions = await call(`${prefix}get_transitions`, { issue_key: key });
    t.match(transitions.text, /Resolve \(id 31\) → Done; requires Resolution \(resolution: one of Done, Won't Do\)/);
    const withoutResolution = await call(`${prefix}transition_issue`, { issue_key: key, transition: 'Done' });
    t.ok(withoutResolution.isError);
    t.match(
      withoutResolution.text,
      /transition "Resolve" requires Resolution \(resolution: one of Done, Won't Do\); pass them in fields/,
    );
    const unknown = await call(`${prefix}transition_issue`, { issue_key: key, transition: 'Teleport' });
    t.match(
      unknown.text,
      /no transition "Teleport" from the current status; available: Start Progress \(id 21\), Resolve \(id 31\)/,
    );
    const done = await call(`${prefix}transition_issue`, {
      issue_key: key,
      transition: 'done',
      fields: { resolution: { name: 'Done' } },
      comment: 'Fixed in **1.4.2**.',
    });
    t.notOk(done.isError, done.text);
    const final = await call(`${prefix}get_issue`, { issue_key: key });
    t.equal(final.data.status, 'Done');
    t.equal(final.data.resolution, 'Done');
    t.match(final.text, /Fixed in \*\*1\.4\.2\*\*\./, 'the transition comment was added');
  });

  t.test(`${label}: fields, projects, and Jira's own validation errors`, async (t) => {
    const fields = await call(`${prefix}search_fields`, { keyword: 'story pts' });
    t.equal(fields.data.fields[0].id, 'customfield_10016', 'fuzzy match finds Story Points');
    const exact = await call(`${prefix}search_fields`, { keyword: 'sprint', limit: 1 });
    t.same(exact.data.fields, [{ id: 'customfield_10020', name: 'Sprint', custom: true, type: 'array' }]);

    const projects = await call(`${prefix}get_all_projects`, {});
    t.same(
      projects.data.projects.map((entry: { key: string }) => entry.key),
      [project, `${project}LAB`],
    );

    const invalid = await call(`${prefix}create_issue`, { project_key: project, summary: 'x', issue_type: 'Saga' });
    t.ok(invalid.isError);
    t.match(
      invalid.text,
      /Create issue in .* failed on instance "(prod|staging)": Atlassian rejected the request as invalid \(HTTP 400\)\. Atlassian said: issuetype: Specify a valid issue type/,
    );
    const nothing = await call(`${prefix}update_issue`, { issue_key: `${project}-1` });
    t.match(nothing.text, /nothing to change/);
  });
}

t.test('Cloud: archived projects on request; unknown people are a clear error', async (t) => {
  const projects = await call('jira_staging_get_all_projects', { include_archived: true });
  t.same(
    projects.data.projects.map((project: { key: string; archived: boolean }) => [project.key, project.archived]),
    [
      ['WEB', false],
      ['WEBLAB', false],
      ['WEBOLD', true],
    ],
  );
  const nobody = await call('jira_staging_create_issue', {
    project_key: 'WEB',
    summary: 'x',
    assignee: 'nobody@example.com',
  });
  t.match(nobody.text, /no single user matches "nobody@example\.com"/);
});

t.test('every request matched the spec for its platform', async (t) => {
  t.ok(harness.gateway.sandbox.requests.length > 20);
  assertRequestsMatchSpec(t, harness.gateway);
});

t.test('fields can be named the way people name them', async (t) => {
  const created = await call('jira_staging_create_issue', {
    project_key: 'WEB',
    summary: 'Estimate me',
    fields: { 'Story Points': 8, customfield_10030: 'Platform' },
  });
  t.notOk(created.isError, created.text);
  const read = await call('jira_staging_get_issue', { issue_key: created.data.key, fields: ['story points', 'Team'] });
  t.same(read.data.other_fields, { customfield_10016: 8, customfield_10030: 'Platform' });
  t.notOk(
    (await call('jira_staging_update_issue', { issue_key: created.data.key, fields: { 'Story Points': 13 } })).isError,
  );
  t.same(
    (await call('jira_staging_get_issue', { issue_key: created.data.key, fields: ['customfield_10016'] })).data
      .other_fields,
    { customfield_10016: 13 },
  );
  const unknown = await call('jira_staging_get_issue', { issue_key: created.data.key, fields: ['Story Pints'] });
  t.match(unknown.text, /no field "Story Pints"; did you mean Story Points \(customfield_10016\)\?/);
});
