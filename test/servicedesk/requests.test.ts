/** Service Management through a real MCP client on a Server/DC and a Cloud site: discovery, requests, comments, workflow. */
import t from 'tap';
import { assertRequestsMatchSpec, JIRA_SITES, useGateway } from '../helpers/harness.js';

const harness = useGateway(t, {
  sites: JIRA_SITES,
  defaults: ['prod'],
  extra: { toolsets: ['servicedesk'] },
  overrides: { prod: { servicedesk: true }, staging: { servicedesk: true } },
  transport: 'http-2026',
});
const { call } = harness;

/** Label, tool prefix, and how each platform names the customer Dave. */
const PLATFORMS = [
  ['Server/DC', 'servicedesk_', 'dave'],
  ['Cloud', 'servicedesk_staging_', '712020:2c5a8c4e-33b1-4f0d-b1c3-5d6f0a9e8b7c'],
] as const;

for (const [label, prefix, dave] of PLATFORMS) {
  t.test(`${label}: desks, request types with groups, fields with allowed values and defaults`, async (t) => {
    const desks = await call(`${prefix}list_service_desks`, {});
    t.notOk(desks.isError, desks.text);
    t.match(desks.text, /IT Help \(project HELP, desk id 1\)/);
    t.same(
      desks.data.service_desks.map((desk: { project_key: string }) => desk.project_key),
      ['HELP', 'FAC'],
    );
    t.equal(desks.data.is_last_page, true);
    const types = await call(`${prefix}list_request_types`, { service_desk_id: '1' });
    t.match(types.text, /Request a change \(id 11\) \[Changes\]/);
    const fields = await call(`${prefix}get_request_type_fields`, { service_desk_id: 1, request_type_id: 10 });
    t.match(
      fields.text,
      /Priority \(`priority`, priority, optional\): one of Highest, High, Medium, Low; default Medium/,
    );
    t.match(fields.text, /Summary \(`summary`, string, required\)/);
    const desk = await call(`${prefix}get_service_desk`, { service_desk_id: '2' });
    t.match(desk.text, /Facilities \(project FAC\)/);
  });

  t.test(`${label}: a request with status, SLA cycles, reporter, participants and fields by name`, async (t) => {
    const request = await call(`${prefix}get_request`, { request_key: 'help-1' });
    t.notOk(request.isError, request.text);
    t.match(request.text, /HELP-1: VPN drops every hour/);
    t.match(request.text, /Status: Waiting for support · Request type: Get IT help · Reporter: Alice Example/);
    t.match(request.text, /Participants: Bob Example/);
    t.match(request.text, /- Time to first response: BREACHED \(goal 4h 0m\)/);
    t.match(request.text, /- Time to resolution: 38h 0m left \(goal 48h 0m\)/);
    t.match(request.text, /- Priority: High/);
    t.match(request.data.slas[1], { name: 'Time to resolution', breached: false, remaining_millis: 38 * 3_600_000 });
  });

  t.test(`${label}: listing mine, by desk and by status, paged`, async (t) => {
    const mine = await call(`${prefix}get_requests`, { ownership: 'mine', status: 'all' });
    t.same(mine.data.requests.map((request: { key: string }) => request.key).sort(), ['HELP-2', 'HELP-3']);
    const closed = await call(`${prefix}get_requests`, { status: 'closed' });
    t.same(
      closed.data.requests.map((request: { key: string }) => request.key),
      ['HELP-3'],
    );
    const facilities = await call(`${prefix}get_requests`, { service_desk_id: '2' });
    t.same(
      facilities.data.requests.map((request: { key: string }) => request.key),
      ['FAC-1'],
    );
    const first = await call(`${prefix}get_requests`, { status: 'all', limit: 2 });
    t.match(first.data, { start: 0, count: 2, is_last_page: false, next_start: 2 });
    t.match(first.text, /More: pass start=2\./);
    const second = await call(`${prefix}get_requests`, { status: 'all', limit: 2, start: 2 });
    t.match(second.data, { start: 2, count: 2, is_last_page: true, next_start: null });
  });

  t.test(`${label}: create checks the fields first, then raises the request on behalf of a customer`, async (t) => {
    const creations = () =>
      harness.gateway.sandbox.requests.filter(
        (request) => request.method === 'POST' && request.path === '/rest/servicedeskapi/request',
      ).length;
    const before = creations();
    const invalid = await call(`${prefix}create_request`, {
      service_desk_id: '1',
      request_type_id: '11',
      fields: {
        Summary: 'Move DNS',
        'Change risk': 'Extreme',
        duedate: 'next week',
        customfield_10060: 'many',
        Colour: 'red',
      },
    });
    t.ok(invalid.isError);
    t.match(invalid.text, /missing required Description \[description\] \(string\)/);
    t.match(
      invalid.text,
      /Change risk \[customfield_10050\]: "Extreme" not allowed; one of Low \(10200\), Medium \(10201\), High \(10202\)/,
    );
    t.match(invalid.text, /Go-live date \[duedate\]: "next week" is not a date/);
    t.match(invalid.text, /Affected users \[customfield_10060\]: "many" is not a number/);
    t.match(invalid.text, /"Colour" is not a field of this request type/);
    t.equal(creations(), before, 'nothing was sent');

    const created = await call(`${prefix}create_request`, {
      service_desk_id: '1',
      request_type_id: '10',
      fields: { summary: 'Printer jams', description: 'Tray 2 **always** jams', Priority: 'Highest' },
      on_behalf_of: dave,
    });
    t.notOk(created.isError, created.text);
    const key = created.data.key as string;
    const back = await call(`${prefix}get_request`, { request_key: key });
    t.match(back.text, new RegExp(`${key}: Printer jams`));
    t.match(back.text, /Reporter: Dave Customer/);
    t.match(back.text, /- Priority: Highest/);
  });

  t.test(`${label}: comments, public and internal, read back with which is which`, async (t) => {
    const internal = await call(`${prefix}add_comment`, { request_key: 'HELP-1', body: 'Escalated to **network**' });
    t.match(internal.text, /Added an internal comment/);
    const shown = await call(`${prefix}add_comment`, { request_key: 'HELP-1', body: 'We are on it.', public: true });
    t.match(shown.text, /Added a public comment/);
    const all = await call(`${prefix}get_request_comments`, { request_key: 'HELP-1' });
    t.match(all.text, /### Public · Alice Example[^\n]*\nIt happens on \*\*Wi-Fi\*\* only\./);
    t.match(all.text, /### Internal · Sam Agent[^\n]*\nEscalated to \*\*network\*\*/);
    t.match(all.text, /### Public · Sam Agent[^\n]*\nWe are on it\./);
    const internalOnly = await call(`${prefix}get_request_comments`, { request_key: 'HELP-1', visibility: 'internal' });
    t.ok(internalOnly.data.comments.every((comment: { public: boolean }) => !comment.public));
    t.equal(internalOnly.data.comments.length, 2);
  });

  t.test(`${label}: transitions with a comment, and the status history`, async (t) => {
    const transitions = await call(`${prefix}get_request_transitions`, { request_key: 'FAC-1' });
    t.match(transitions.text, /Resolve this issue \(id 21\)/);
    const wrong = await call(`${prefix}transition_request`, { request_key: 'FAC-1', transition: 'Close forever' });
    t.ok(wrong.isError);
    t.match(
      wrong.text,
      /no transition "Close forever"; available: Respond to customer \(id 11\), Resolve this issue \(id 21\)/,
    );
    const moved = await call(`${prefix}transition_request`, {
      request_key: 'FAC-1',
      transition: 'resolve this issue',
      comment: 'Radiator bled.',
    });
    t.notOk(moved.isError, moved.text);
    const history = await call(`${prefix}get_request_status`, { request_key: 'FAC-1' });
    t.same(
      history.data.statuses.map((status: { status: string }) => status.status),
      ['Resolved', 'Waiting for support'],
    );
    const comments = await call(`${prefix}get_request_comments`, { request_key: 'FAC-1' });
    t.match(comments.text, /Radiator bled\./);
  });

  t.test(`${label}: approvals, pending then approved`, async (t) => {
    const pending = await call(`${prefix}get_approvals`, { request_key: 'HELP-2' });
    t.match(
      pending.text,
      /Change approval \(id 1\): pending, you can answer — approvers: Sam Agent[^,]* pending, Bob Example[^,]* pending/,
    );
    const approved = await call(`${prefix}approve_request`, {
      request_key: 'HELP-2',
      approval_id: '1',
      decision: 'approve',
    });
    t.notOk(approved.isError, approved.text);
    const after = await call(`${prefix}get_approvals`, { request_key: 'HELP-2' });
    t.match(after.text, /Change approval \(id 1\): approved — approvers: Sam Agent[^,]* approved/);
    const again = await call(`${prefix}approve_request`, {
      request_key: 'HELP-2',
      approval_id: '1',
      decision: 'decline',
    });
    t.ok(again.isError);
    t.match(again.text, /permission denied[\s\S]*You cannot answer this approval/);
    const request = await call(`${prefix}get_request`, { request_key: 'HELP-2' });
    t.match(request.text, /Status: In progress/);
  });
}

t.test('every request matched the Service Management spec', async (t) => {
  t.ok(harness.gateway.sandbox.requests.some((request) => request.path.startsWith('/rest/servicedeskapi/')));
  assertRequestsMatchSpec(t, harness.gateway);
});
