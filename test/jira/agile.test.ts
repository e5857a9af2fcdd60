/** Jira agile tools on Server/DC and Cloud: boards, sprints, moving issues; Cloud avoids the deprecated listings. */
import t from 'tap';
import { assertRequestsMatchSpec, JIRA_PLATFORMS, JIRA_SITES, useGateway } from '../helpers/harness.js';

const harness = useGateway(t, {
  sites: JIRA_SITES,
  defaults: ['prod'],
  extra: { toolsets: ['agile', 'issues'] },
  transport: 'sse',
});
const { call } = harness;

const keysOf = (data: Record<string, any>) => data.issues.map((issue: { key: string }) => issue.key).sort();

for (const [label, prefix, project] of JIRA_PLATFORMS) {
  t.test(`${label}: boards, sprints and their issues`, async (t) => {
    const boards = await call(`${prefix}get_agile_boards`, { project_key: project });
    t.same(boards.data.boards, [{ id: 1, name: `${project} board`, type: 'scrum', project }]);
    t.same((await call(`${prefix}get_agile_boards`, { board_name: 'nothing like it' })).data.boards, []);

    const sprints = await call(`${prefix}get_sprints_from_board`, { board_id: '1' });
    t.same(
      sprints.data.sprints.map((sprint: { id: number; state: string }) => [sprint.id, sprint.state]),
      [
        [1, 'closed'],
        [2, 'active'],
      ],
    );
    t.match(
      sprints.text,
      new RegExp(
        `\\*\\*${project} Sprint 2\\*\\* \\(id 2, active\\) from: 2026-11-16 · to: 2026-11-30 · goal: Reports export`,
      ),
    );
    const active = await call(`${prefix}get_sprints_from_board`, { board_id: 1, state: 'active' });
    t.equal(active.data.sprints.length, 1);

    t.same(keysOf((await call(`${prefix}get_sprint_issues`, { sprint_id: 2 })).data), [`${project}-1`, `${project}-2`]);
    t.same(
      keysOf((await call(`${prefix}get_board_issues`, { board_id: 1, jql: 'status = "To Do"', limit: 50 })).data),
      [`${project}-2`, `${project}-4`],
    );
    const missing = await call(`${prefix}get_sprints_from_board`, { board_id: 99 });
    t.match(missing.text, /failed on instance "(prod|staging)": not found/);
  });

  t.test(`${label}: create, start and fill a sprint, then send an issue back to the backlog`, async (t) => {
    const created = await call(`${prefix}create_sprint`, { board_id: 1, name: 'Hardening', goal: 'No P1s' });
    t.notOk(created.isError, created.text);
    t.match(created.data, { name: 'Hardening', state: 'future', goal: 'No P1s' });
    const id = created.data.id;
    const cannotStart = await call(`${prefix}update_sprint`, { sprint_id: id, state: 'active' });
    t.match(cannotStart.text, /startDate: A sprint needs start and end dates to start/);
    const started = await call(`${prefix}update_sprint`, {
      sprint_id: id,
      state: 'active',
      start_date: '2026-12-01T09:00:00Z',
      end_date: '2026-12-14T17:00:00Z',
    });
    t.notOk(started.isError, started.text);
    t.equal(started.data.state, 'active');

    t.notOk(
      (
        await call(`${prefix}add_issues_to_sprint`, {
          sprint_id: String(id),
          issue_keys: [`${project}-4`, `${project}-5`],
        })
      ).isError,
    );
    t.same(keysOf((await call(`${prefix}get_sprint_issues`, { sprint_id: id })).data), [
      `${project}-4`,
      `${project}-5`,
    ]);
    t.notOk((await call(`${prefix}move_issues_to_backlog`, { issue_keys: [`${project}-5`] })).isError);
    t.same(keysOf((await call(`${prefix}get_sprint_issues`, { sprint_id: id })).data), [`${project}-4`]);
    const nothing = await call(`${prefix}update_sprint`, { sprint_id: id });
    t.match(nothing.text, /nothing to change/);
  });
}

t.test('every request matched the spec; Cloud never used the deprecated agile issue listings', async (t) => {
  const cloudAgileListings = harness.gateway.sandbox.requests.filter(
    (request) =>
      request.site === 'staging' &&
      /\/rest\/agile\/1\.0\/(board|sprint)\/\d+\/issue$/.test(request.path) &&
      request.method === 'GET',
  );
  t.same(cloudAgileListings, []);
  assertRequestsMatchSpec(t, harness.gateway);
});
