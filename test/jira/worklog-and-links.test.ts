/** Jira worklogs, links, web links, epics and get_issue's include on Server/DC and Cloud, read back and spec-checked. */
import t from 'tap';
import { assertRequestsMatchSpec, JIRA_PLATFORMS, useAllJiraTools } from '../helpers/harness.js';

const harness = useAllJiraTools(t, 'ws-2026');
const { call } = harness;

for (const [label, prefix, project] of JIRA_PLATFORMS) {
  t.test(`${label}: worklogs`, async (t) => {
    const logged = await call(`${prefix}add_worklog`, {
      issue_key: `${project}-4`,
      time_spent: '1h 30m',
      started: '2026-11-20T09:00:00Z',
      comment: 'Pairing on the **fix**',
    });
    t.notOk(logged.isError, logged.text);
    const worklog = await call(`${prefix}get_worklog`, { issue_key: `${project}-4` });
    t.equal(worklog.data.total_seconds, 5400);
    t.match(worklog.data.worklogs[0], {
      author: 'Alice Example',
      started: '2026-11-20T09:00:00Z',
      time_spent: '1h 30m',
      comment: 'Pairing on the **fix**',
    });
    const bad = await call(`${prefix}add_worklog`, { issue_key: `${project}-4`, time_spent: 'a while' });
    t.match(bad.text, /time_spent: use Jira durations such as 45m, 2h, 1d 4h/);
    const badDate = await call(`${prefix}add_worklog`, {
      issue_key: `${project}-4`,
      time_spent: '5m',
      started: 'yesterday-ish',
    });
    t.match(badDate.text, /started: "yesterday-ish" is not a date-time/);
  });

  t.test(`${label}: links, web links, epics`, async (t) => {
    const types = await call(`${prefix}get_link_types`, {});
    t.match(types.text, /- Blocks: outward "blocks", inward "is blocked by"/);
    t.notOk(
      (
        await call(`${prefix}create_issue_link`, {
          link_type: 'Blocks',
          outward_issue_key: `${project}-1`,
          inward_issue_key: `${project}-2`,
        })
      ).isError,
    );
    const linked = await call(`${prefix}get_issue`, { issue_key: `${project}-2`, include: ['links'] });
    t.match(
      linked.text,
      new RegExp(
        `## Links\\n- is blocked by \\*\\*${project}-1\\*\\* \\[${label === 'Cloud' ? 'staging' : 'prod'}\\] Login page times out`,
      ),
    );
    const linkId = linked.data.links[0].id;
    t.notOk((await call(`${prefix}remove_issue_link`, { link_id: linkId })).isError);
    t.same((await call(`${prefix}get_issue`, { issue_key: `${project}-2`, include: ['links'] })).data.links, []);

    const web = await call(`${prefix}create_remote_issue_link`, {
      issue_key: `${project}-2`,
      url: 'https://git.example.com/pr/42',
      title: 'PR 42',
      relationship: 'implemented by',
    });
    t.notOk(web.isError, web.text);
    const withWeb = await call(`${prefix}get_issue`, { issue_key: `${project}-2`, include: ['remote_links'] });
    t.match(withWeb.text, /## Web links\n- \[PR 42\]\(https:\/\/git\.example\.com\/pr\/42\) \(implemented by\)/);
    const notHttp = await call(`${prefix}create_remote_issue_link`, {
      issue_key: `${project}-2`,
      url: 'javascript:alert(1)',
      title: 'x',
    });
    t.ok(notHttp.isError, 'only http(s) links');

    const epic = await call(`${prefix}create_issue`, {
      project_key: project,
      summary: 'Reporting epic',
      issue_type: 'Epic',
    });
    const toEpic = await call(`${prefix}link_to_epic`, { issue_key: `${project}-5`, epic_key: epic.data.key });
    t.notOk(toEpic.isError, toEpic.text);
    if (label === 'Cloud') {
      t.equal(toEpic.data.field, 'parent');
      t.equal((await call(`${prefix}get_issue`, { issue_key: `${project}-5` })).data.parent, epic.data.key);
    } else {
      t.equal(toEpic.data.field, 'customfield_10014', 'Server/DC uses the Epic Link field found by its type');
      t.equal(
        (await call(`${prefix}get_issue`, { issue_key: `${project}-5`, fields: ['customfield_10014'] })).data
          .other_fields.customfield_10014,
        epic.data.key,
      );
    }
  });

  t.test(`${label}: get_issue include gathers everything in one call`, async (t) => {
    await call(`${prefix}transition_issue`, { issue_key: `${project}-4`, transition: 'In Progress' });
    const full = await call(`${prefix}get_issue`, {
      issue_key: `${project}-4`,
      include: ['transitions', 'watchers', 'worklogs', 'changelog'],
    });
    t.notOk(full.isError, full.text);
    t.match(full.text, /## Transitions\n- Reopen \(id 11\) → To Do\n- Resolve \(id 31\) → Done/);
    t.match(full.text, /## Watchers \(1\)\n- Bob Example/);
    t.match(full.text, /## Worklogs \(1\)\n- 2026-11-20 Alice Example: 1h 30m/);
    t.match(full.text, /## Changelog \(1\)\n- \d{4}-\d{2}-\d{2} \d{2}:\d{2} Alice Example: status To Do → In Progress/);
    t.same(full.data.watchers, ['Bob Example']);
    t.equal(full.data.changelog.length, 1);
  });
}

t.test('every request matched the spec for its platform', async (t) => {
  assertRequestsMatchSpec(t, harness.gateway);
});
