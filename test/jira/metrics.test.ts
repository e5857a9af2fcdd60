/** Issue dates and SLA metrics computed from the changelog, in calendar time and in working hours. */
import t from 'tap';
import { assertRequestsMatchSpec, JIRA_PLATFORMS, JIRA_SITES, useGateway } from '../helpers/harness.js';

const harness = useGateway(t, {
  sites: JIRA_SITES,
  defaults: ['prod'],
  extra: { toolsets: ['metrics', 'transitions'] },
  transport: 'http-2026',
});
const { call } = harness;

// Seeded issue 3 was created Saturday 2026-10-03 09:15 UTC, started a day later and resolved two days after that.
for (const [label, prefix, project] of JIRA_PLATFORMS) {
  t.test(`${label}: dates and status history`, async (t) => {
    const dates = await call(`${prefix}get_issue_dates`, { issue_key: `${project}-3` });
    t.notOk(dates.isError, dates.text);
    t.equal(dates.data.created, '2026-10-03T09:15:00.000+0000');
    t.match(dates.data.resolved, /^2026-10-06T09:15:00/);
    t.same(dates.data.statuses.slice(0, 2), [
      { status: 'To Do', entered: '2026-10-03T09:15:00.000Z', left: '2026-10-04T09:15:00.000Z', hours: 24 },
      { status: 'In Progress', entered: '2026-10-04T09:15:00.000Z', left: '2026-10-06T09:15:00.000Z', hours: 48 },
    ]);
    t.match(dates.data.statuses[2], { status: 'Done', entered: '2026-10-06T09:15:00.000Z', left: null });
  });

  t.test(`${label}: SLA metrics in calendar time and working hours`, async (t) => {
    const calendar = await call(`${prefix}get_issue_sla`, { issue_key: `${project}-3` });
    t.match(calendar.data, {
      lead_time: 72,
      cycle_time: 48,
      resolution_time: 72,
      time_in_status: { 'To Do': 24, 'In Progress': 48 },
    });
    const working = await call(`${prefix}get_issue_sla`, {
      issue_key: `${project}-3`,
      metrics: ['lead_time', 'cycle_time'],
      working_hours_only: true,
      timezone: 'UTC',
    });
    // Saturday and Sunday do not count: Monday 9-17 (8 h) plus Tuesday 9:00-9:15.
    t.same(working.data, {
      issue_key: `${project}-3`,
      unit: 'hours',
      working_hours_only: true,
      lead_time: 8.25,
      cycle_time: 8.25,
    });
    t.match(working.text, /working hours 09:00-17:00 UTC/);
    const open = await call(`${prefix}get_issue_sla`, { issue_key: `${project}-4`, metrics: ['lead_time'] });
    t.equal(open.data.lead_time, null);
    t.match(open.text, /lead time: not done yet/);
    const badZone = await call(`${prefix}get_issue_sla`, {
      issue_key: `${project}-3`,
      working_hours_only: true,
      timezone: 'Mars/Olympus',
    });
    t.match(badZone.text, /timezone "Mars\/Olympus" is not an IANA time zone/);
  });
}

t.test('every request matched the spec for its platform', async (t) => {
  assertRequestsMatchSpec(t, harness.gateway);
});
