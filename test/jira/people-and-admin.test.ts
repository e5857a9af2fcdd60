/** Jira issue administration, users and watchers on Server/DC and Cloud, each write read back, requests spec-checked. */
import t from 'tap';
import { assertRequestsMatchSpec, useAllJiraTools } from '../helpers/harness.js';

const harness = useAllJiraTools(t, 'http-2025');
const { call } = harness;

for (const [label, prefix, project, alice, bob] of [
  ['Server/DC', 'jira_', 'OPS', 'alice', 'bob'],
  ['Cloud', 'jira_staging_', 'WEB', 'alice@example.com', 'Bob Example'],
] as const) {
  t.test(`${label}: project issues, assignment, comment edits, deletion`, async (t) => {
    const listed = await call(`${prefix}get_project_issues`, { project_key: project.toLowerCase(), limit: 2 });
    t.notOk(listed.isError, listed.text);
    t.equal(listed.data.issues.length, 2);
    t.match(listed.text, new RegExp(`for: project = "${project}" ORDER BY created DESC`));
    t.match(listed.text, /More results: call again with (page_token "[^"]+"|start_at 2)\./);

    t.notOk((await call(`${prefix}assign_issue`, { issue_key: `${project}-2`, assignee: alice })).isError);
    t.equal((await call(`${prefix}get_issue`, { issue_key: `${project}-2` })).data.assignee, 'Alice Example');
    t.notOk((await call(`${prefix}assign_issue`, { issue_key: `${project}-2`, assignee: null })).isError);
    t.equal((await call(`${prefix}get_issue`, { issue_key: `${project}-2` })).data.assignee, null);

    const added = await call(`${prefix}add_comment`, { issue_key: `${project}-2`, body: 'first draft' });
    const edited = await call(`${prefix}edit_comment`, {
      issue_key: `${project}-2`,
      comment_id: added.data.id,
      body: 'final **wording**',
    });
    t.notOk(edited.isError, edited.text);
    const withEdit = await call(`${prefix}get_issue`, { issue_key: `${project}-2` });
    t.match(withEdit.text, /final \*\*wording\*\*/);
    t.notMatch(withEdit.text, /first draft/);

    const created = await call(`${prefix}create_issue`, { project_key: project, summary: 'temporary' });
    const deleted = await call(`${prefix}delete_issue`, { issue_key: created.data.key });
    t.notOk(deleted.isError, deleted.text);
    const gone = await call(`${prefix}get_issue`, { issue_key: created.data.key });
    t.match(gone.text, /not found/);
  });

  t.test(`${label}: users and watchers`, async (t) => {
    const profile = await call(`${prefix}get_user_profile`, { user_identifier: alice });
    t.equal(profile.data.display_name, 'Alice Example');
    t.equal(profile.data.email, 'alice@example.com');
    const assignable = await call(`${prefix}search_assignable_users`, { query: 'bob', project_key: project });
    t.same(
      assignable.data.users.map((user: { display_name: string }) => user.display_name),
      ['Bob Example'],
    );
    const needsScope = await call(`${prefix}search_assignable_users`, { query: 'bob' });
    t.match(needsScope.text, /pass project_key or issue_key/);

    const before = await call(`${prefix}get_issue_watchers`, { issue_key: `${project}-3` });
    t.same(
      before.data.watchers.map((user: { display_name: string }) => user.display_name),
      ['Bob Example'],
    );
    t.notOk((await call(`${prefix}add_watcher`, { issue_key: `${project}-3`, user_identifier: alice })).isError);
    t.notOk((await call(`${prefix}remove_watcher`, { issue_key: `${project}-3`, user_identifier: bob })).isError);
    const after = await call(`${prefix}get_issue_watchers`, { issue_key: `${project}-3` });
    t.same(
      after.data.watchers.map((user: { display_name: string }) => user.display_name),
      ['Alice Example'],
    );
    t.equal(after.data.watch_count, 1);
  });
}

t.test('every request matched the spec for its platform', async (t) => {
  assertRequestsMatchSpec(t, harness.gateway);
});
