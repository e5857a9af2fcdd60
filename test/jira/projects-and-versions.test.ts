/** Jira project metadata, versions, field options and bulk creation on Server/DC and Cloud, spec-checked. */
import t from 'tap';
import { assertRequestsMatchSpec, JIRA_PLATFORMS, useAllJiraTools } from '../helpers/harness.js';

const harness = useAllJiraTools(t, 'http-2026');
const { call } = harness;

for (const [label, prefix, project] of JIRA_PLATFORMS) {
  t.test(`${label}: project metadata`, async (t) => {
    const label2 = label === 'Cloud' ? 'staging' : 'prod';
    t.same(
      (await call(`${prefix}search_projects`, { query: project.toLowerCase() })).data.projects,
      [
        { key: project, name: `${label2} project` },
        { key: `${project}LAB`, name: `${label2} project lab` },
      ],
      'the exact key first',
    );
    t.same(
      (await call(`${prefix}search_projects`, { query: 'lab' })).data.projects.map(
        (entry: { key: string }) => entry.key,
      ),
      [`${project}LAB`],
    );
    const types = await call(`${prefix}get_project_issue_types`, { project_key: project });
    t.same(
      types.data.issue_types.map((type: { name: string }) => type.name),
      ['Bug', 'Story', 'Task', 'Epic', 'Sub-task'],
    );
    const fields = await call(`${prefix}get_create_fields`, { project_key: project, issue_type: 'bug' });
    t.match(fields.text, /- Summary \(`summary`, string, required\)/);
    t.match(fields.text, /- Environment type \(`customfield_10040`, option\): Production, Staging, Development/);
    const options = await call(`${prefix}get_field_options`, {
      field_id: 'customfield_10040',
      project_key: project,
      issue_type: 'Bug',
      contains: 'stag',
    });
    t.same(options.data.options, ['Staging']);
    const unknownType = await call(`${prefix}get_field_options`, {
      field_id: 'priority',
      project_key: project,
      issue_type: 'Saga',
    });
    t.match(unknownType.text, /no issue type "Saga" in .*; available: Bug, Story, Task, Epic, Sub-task/);
    const components = await call(`${prefix}get_project_components`, { project_key: project });
    t.match(components.text, /- Backend \(lead Alice Example\)\n- Frontend \(lead Bob Example\)/);
  });

  t.test(`${label}: versions`, async (t) => {
    const created = await call(`${prefix}create_version`, {
      project_key: project,
      name: '2.0',
      release_date: '2027-01-31',
      description: 'Big one',
    });
    t.notOk(created.isError, created.text);
    const batch = await call(`${prefix}batch_create_versions`, {
      project_key: project,
      versions: [{ name: '2.1' }, { name: '2.0' }],
    });
    t.equal(batch.data.created.length, 1);
    t.match(batch.data.failed, [{ name: '2.0', error: /A version with this name already exists/ }]);
    const released = await call(`${prefix}update_version`, {
      version_id: created.data.id,
      released: true,
      name: '2.0.0',
    });
    t.match(released.data, { name: '2.0.0', released: true });
    const versions = await call(`${prefix}get_project_versions`, { project_key: project });
    t.same(
      versions.data.versions.map((version: { name: string; released: boolean }) => [version.name, version.released]),
      [
        ['1.0', true],
        ['1.1', false],
        ['2.0.0', true],
        ['2.1', false],
      ],
    );
    const badDate = await call(`${prefix}create_version`, {
      project_key: project,
      name: '3',
      release_date: 'next spring',
    });
    t.match(badDate.text, /release_date: Invalid/i);
  });

  t.test(`${label}: bulk issue creation with partial failure and validation only`, async (t) => {
    const checked = await call(`${prefix}batch_create_issues`, {
      validate_only: true,
      issues: [
        { project_key: project, summary: 'one' },
        { project_key: project, summary: 'two', issue_type: 'Story' },
      ],
    });
    t.equal(checked.data.validated, 2);
    t.same(checked.data.created, [], 'validate_only creates nothing');
    const result = await call(`${prefix}batch_create_issues`, {
      issues: [
        { project_key: project, summary: 'Bulk one', description: '**markdown** body' },
        { project_key: project, summary: 'Bulk two', issue_type: 'Saga' },
      ],
    });
    t.equal(result.data.created.length, 1);
    t.match(result.text, /Issue #1 \(Bulk two\) failed: issuetype: Specify a valid issue type/);
    const readBack = await call(`${prefix}get_issue`, { issue_key: result.data.created[0].key });
    t.equal(readBack.data.summary, 'Bulk one');
    t.match(readBack.data.description, /\*\*markdown\*\* body/);
    const allBad = await call(`${prefix}batch_create_issues`, {
      issues: [{ project_key: project, summary: 'x', issue_type: 'Saga' }],
    });
    t.ok(allBad.isError);
    t.match(allBad.text, /item 0: issuetype: Specify a valid issue type/);
  });
}

t.test('every request matched the spec for its platform', async (t) => {
  assertRequestsMatchSpec(t, harness.gateway);
});
