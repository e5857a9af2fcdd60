/**
 * The argument vocabulary people bring from the widely used Python Atlassian MCP server works here too: list
 * arguments as comma-separated strings, `fields` as `*all` or "a,b", `include` with `comments` and `all`, and
 * `transition_id` holding a transition name. Every form is called through a real MCP client on both platforms
 * (Confluence lists: test/confluence/argument-vocabulary.test.ts).
 */
import t from 'tap';
import { assertRequestsMatchSpec, JIRA_PLATFORMS, JIRA_SITES, useGateway } from '../helpers/harness.js';

const harness = useGateway(t, { sites: JIRA_SITES, defaults: ['prod'], extra: { toolsets: ['all'] } });
const call = harness.call;

for (const [platform, prefix, project] of JIRA_PLATFORMS) {
  t.test(
    `${platform}: get_issue takes fields as "*all" or "a, b" and include as "comments", "all" or "a,b"`,
    async (t) => {
      const named = await call(`${prefix}get_issue`, {
        issue_key: `${project}-1`,
        fields: 'customfield_10016, Epic Link',
      });
      t.notOk(named.isError, named.text);
      t.same(Object.keys(named.data.other_fields), ['customfield_10016'], 'the field with a value came back');
      const asked = harness.gateway.sandbox.requests
        .filter((request) => request.path.endsWith(`/issue/${project}-1`))
        .at(-1)!;
      t.match(
        asked.query.fields,
        /customfield_10016,customfield_10014$/,
        'both fields of the string were asked for, by id and by name',
      );

      for (const fields of ['*all', ['*all'], '*ALL']) {
        const all = await call(`${prefix}get_issue`, { issue_key: `${project}-1`, fields });
        t.notOk(all.isError, all.text);
        t.ok(
          'customfield_10016' in all.data.other_fields && 'attachment' in all.data.other_fields,
          `${JSON.stringify(fields)}: every field came back`,
        );
        t.notOk(
          Object.values(all.data.other_fields).some((value) => value === null),
          'empty fields are left out',
        );
      }
      const sent = harness.gateway.sandbox.requests
        .filter((request) => request.path.endsWith(`/issue/${project}-1`))
        .at(-1)!;
      t.match(sent.query.fields, /(^|,)\*all(,|$)/, 'Jira was asked for *all');

      const withComments = await call(`${prefix}get_issue`, { issue_key: `${project}-1`, include: 'comments' });
      t.notOk(withComments.isError, withComments.text);
      t.equal(withComments.data.comments.length, 5, 'comments are part of the issue');

      for (const include of ['all', ['all'], 'ALL']) {
        const everything = await call(`${prefix}get_issue`, { issue_key: `${project}-5`, include });
        t.notOk(everything.isError, everything.text);
        for (const part of ['links', 'remote_links', 'transitions', 'watchers', 'worklogs', 'changelog'])
          t.ok(Array.isArray(everything.data[part]), `${JSON.stringify(include)} includes ${part}`);
      }
      const two = await call(`${prefix}get_issue`, { issue_key: `${project}-5`, include: 'links, watcher' });
      t.notOk(two.isError, two.text);
      t.ok(
        Array.isArray(two.data.links) && Array.isArray(two.data.watchers),
        'a comma-separated list, singular spelling too',
      );
      t.notOk('transitions' in two.data, 'and only what was asked for');

      const unknown = await call(`${prefix}get_issue`, { issue_key: `${project}-5`, include: 'links,attachments' });
      t.ok(unknown.isError);
      t.match(unknown.text, /^Invalid arguments for \w+: include\.1: /, 'an unknown word names its place in the list');
    },
  );

  t.test(`${platform}: transition_id takes an id or a name`, async (t) => {
    const byName = await call(`${prefix}transition_issue`, {
      issue_key: `${project}-2`,
      transition_id: 'start progress',
    });
    t.notOk(byName.isError, byName.text);
    t.equal(byName.data.to_status, 'In Progress', 'resolved by name, case-insensitively');
    const byId = await call(`${prefix}transition_issue`, { issue_key: `${project}-2`, transition_id: '11' });
    t.notOk(byId.isError, byId.text);
    t.equal(byId.data.to_status, 'To Do', 'an id works as before');
    const unknown = await call(`${prefix}transition_issue`, { issue_key: `${project}-2`, transition_id: 'Teleport' });
    t.ok(unknown.isError);
    t.match(
      unknown.text,
      /no transition "Teleport" from the current status; available: Start Progress \(id 21\), Resolve \(id 31\)/,
    );
    const neither = await call(`${prefix}transition_issue`, { issue_key: `${project}-2` });
    t.match(neither.text, /pass transition: a transition id or name/);
    const both = await call(`${prefix}transition_issue`, {
      issue_key: `${project}-2`,
      transition: '21',
      transition_id: '31',
    });
    t.match(both.text, /transition "21" and transition_id "31" disagree/);
  });

  t.test(`${platform}: list arguments take comma-separated strings`, async (t) => {
    const created = await call(`${prefix}create_issue`, {
      project_key: project,
      summary: 'Vocabulary',
      labels: 'alpha, beta',
    });
    t.notOk(created.isError, created.text);
    const key = created.data.key as string;
    t.same((await call(`${prefix}get_issue`, { issue_key: key })).data.labels, ['alpha', 'beta']);
    t.notOk(
      (await call(`${prefix}update_issue`, { issue_key: key, add_labels: 'gamma,delta', remove_labels: 'alpha' }))
        .isError,
    );
    t.same((await call(`${prefix}get_issue`, { issue_key: key })).data.labels, ['beta', 'gamma', 'delta']);

    const moved = await call(`${prefix}add_issues_to_sprint`, { sprint_id: 2, issue_keys: `${key}, ${project}-4` });
    t.notOk(moved.isError, moved.text);
    t.same(moved.data.issue_keys, [key, `${project}-4`]);
    const backlog = await call(`${prefix}move_issues_to_backlog`, { issue_keys: `${project}-4` });
    t.same(backlog.data.issue_keys, [`${project}-4`]);

    const listed = await call(`${prefix}download_attachments`, { issue_key: `${project}-1` });
    const id = listed.data.attachments[0].id as string;
    const one = await call(`${prefix}download_attachments`, { issue_key: `${project}-1`, attachment_ids: id });
    t.notOk(one.isError, one.text);
    t.same(
      one.data.attachments.map((attachment: { id: string }) => attachment.id),
      [id],
    );

    const sla = await call(`${prefix}get_issue_sla`, {
      issue_key: `${project}-3`,
      metrics: 'lead_time, cycle_time',
      working_hours_only: true,
      work_days: '1,2,3,4,5',
      timezone: 'UTC',
    });
    t.same(sla.data, {
      issue_key: `${project}-3`,
      unit: 'hours',
      working_hours_only: true,
      lead_time: 8.25,
      cycle_time: 8.25,
    });
  });
}

t.test('Cloud: bulk changelogs take issue keys and fields as strings', async (t) => {
  const logs = await call('jira_staging_batch_get_changelogs', { issue_keys: 'WEB-1, web-3', fields: 'status' });
  t.notOk(logs.isError, logs.text);
  t.same(logs.data.issues.map((issue: { issue_key: string }) => issue.issue_key).sort(), ['WEB-1', 'WEB-3']);
});

t.test('every request matched the spec for its platform', async (t) => {
  assertRequestsMatchSpec(t, harness.gateway);
});
