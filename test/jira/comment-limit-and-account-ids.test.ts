/**
 * `comment_limit: 0` means no comments, on both platforms; on Cloud, accountIds in every shape Atlassian documents
 * are used as given, while emails and names still go through user search.
 */
import t from 'tap';
import { assertRequestsMatchSpec, JIRA_PLATFORMS, useAllJiraTools } from '../helpers/harness.js';

const harness = useAllJiraTools(t, 'http-2026');
const { call } = harness;

for (const [label, prefix, project] of JIRA_PLATFORMS) {
  t.test(`${label}: comment_limit 0 returns no comments, and says how many there are`, async (t) => {
    const none = await call(`${prefix}get_issue`, { issue_key: `${project}-1`, comment_limit: 0 });
    t.notOk(none.isError, none.text);
    t.same(none.data.comments, []);
    t.equal(none.data.comments_total, 5);
    t.match(none.text, /## Comments \(latest 0 of 5\)$/);
    const two = await call(`${prefix}get_issue`, { issue_key: `${project}-1`, comment_limit: 2 });
    t.equal(two.data.comments.length, 2);
  });
}

const userSearches = () =>
  harness.gateway.sandbox.requests.filter(
    (request) => request.site === 'staging' && request.path === '/rest/api/3/user/search',
  ).length;

for (const [accountId, name] of [
  ['5b10a2844c20165700ede21g', 'Alice Example'],
  ['qm:a713c8ea-1075-4e30-9d96-891a7d181739:5ad6d69abfa3980ce712caae', 'Carol Example'],
] as const) {
  t.test(`Cloud: accountId ${accountId} is used as given`, async (t) => {
    const searches = userSearches();
    const profile = await call('jira_staging_get_user_profile', { user_identifier: accountId });
    t.notOk(profile.isError, profile.text);
    t.equal(profile.data.display_name, name);
    t.notOk((await call('jira_staging_assign_issue', { issue_key: 'WEB-4', assignee: accountId })).isError);
    t.equal((await call('jira_staging_get_issue', { issue_key: 'WEB-4' })).data.assignee, name);
    t.equal(userSearches(), searches, 'no user search for an accountId');
  });
}

t.test('Cloud: emails and display names still go through user search', async (t) => {
  const searches = userSearches();
  t.equal(
    (await call('jira_staging_get_user_profile', { user_identifier: 'carol@example.com' })).data.display_name,
    'Carol Example',
  );
  t.equal(
    (await call('jira_staging_get_user_profile', { user_identifier: 'Bob Example' })).data.display_name,
    'Bob Example',
  );
  t.equal(userSearches() - searches, 2);
});

t.test('every request matched the spec for its platform', async (t) => {
  assertRequestsMatchSpec(t, harness.gateway);
});
