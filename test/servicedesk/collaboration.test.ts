/**
 * Service Management through a real MCP client on a Server/DC and a Cloud site: participants and notifications,
 * queues with counts, the knowledge base, customers and organizations; every write read back.
 */
import t from 'tap';
import { assertRequestsMatchSpec, JIRA_SITES, useGateway } from '../helpers/harness.js';
import { findOperation } from '../helpers/openapi.js';

const harness = useGateway(t, {
  sites: JIRA_SITES,
  defaults: ['prod'],
  extra: { toolsets: ['servicedesk'] },
  overrides: { prod: { servicedesk: true }, staging: { servicedesk: true } },
});
const { call } = harness;

/** Label, tool prefix, and how each platform names Carol and Dave. */
const PLATFORMS = [
  ['Server/DC', 'servicedesk_', 'carol', 'dave'],
  [
    'Cloud',
    'servicedesk_staging_',
    'qm:a713c8ea-1075-4e30-9d96-891a7d181739:5ad6d69abfa3980ce712caae',
    '712020:2c5a8c4e-33b1-4f0d-b1c3-5d6f0a9e8b7c',
  ],
] as const;

for (const [label, prefix, carol, dave] of PLATFORMS) {
  t.test(`${label}: participants added and removed, read back`, async (t) => {
    const before = await call(`${prefix}get_participants`, { request_key: 'HELP-1' });
    t.match(before.text, /Participants of HELP-1: Bob Example/);
    const added = await call(`${prefix}add_participants`, { request_key: 'HELP-1', people: [carol] });
    t.notOk(added.isError, added.text);
    t.match(
      (await call(`${prefix}get_participants`, { request_key: 'HELP-1' })).text,
      /Bob Example \([^)]+\), Carol Example/,
    );
    const removed = await call(`${prefix}remove_participants`, { request_key: 'HELP-1', people: [carol] });
    t.notOk(removed.isError, removed.text);
    t.notMatch((await call(`${prefix}get_participants`, { request_key: 'HELP-1' })).text, /Carol/);
    const unknown = await call(`${prefix}add_participants`, { request_key: 'HELP-1', people: ['nobody-at-all'] });
    t.ok(unknown.isError);
    t.match(
      unknown.text,
      /Add participants to HELP-1 failed on instance "(prod|staging)": Atlassian rejected the request as invalid \(HTTP 400\)\. Atlassian said: Unknown (accountIds|usernames): nobody-at-all/,
    );
  });

  t.test(`${label}: notifications subscribed and unsubscribed, read back`, async (t) => {
    const on = await call(`${prefix}manage_notifications`, { request_key: 'HELP-3', subscribe: true });
    t.same(on.data, { request_key: 'HELP-3', subscribed: true });
    const off = await call(`${prefix}manage_notifications`, { request_key: 'HELP-3', subscribe: false });
    t.same(off.data, { request_key: 'HELP-3', subscribed: false });
    t.match(off.text, /Not subscribed to notifications of HELP-3\./);
  });

  t.test(`${label}: queues with counts and the issues in one`, async (t) => {
    const queues = await call(`${prefix}get_queues`, { service_desk_id: '1' });
    t.match(queues.text, /All open \(id 1\): 2 issue\(s\)/);
    t.match(queues.text, /Resolved \(id 3\): 1 issue\(s\)/);
    const issues = await call(`${prefix}get_queue_issues`, { service_desk_id: '1', queue_id: '2' });
    t.match(issues.text, /HELP-1: VPN drops every hour — Waiting for support/);
    t.equal(issues.data.issues.length, 1);
  });

  t.test(`${label}: knowledge base search with the excerpt as markdown`, async (t) => {
    const found = await call(`${prefix}search_knowledge_base`, { query: 'vpn' });
    t.match(found.text, /### Connect to the VPN \(space KB, page 9001\)\nInstall the \*\*VPN client\*\*, then sign in/);
    const onDesk = await call(`${prefix}search_knowledge_base`, { query: 'room vpn', service_desk_id: '2' });
    t.same(
      onDesk.data.articles.map((article: { title: string }) => article.title),
      ['Book a meeting room'],
    );
  });

  t.test(`${label}: customers listed and added, organizations listed`, async (t) => {
    const before = await call(`${prefix}list_customers`, { service_desk_id: '2' });
    t.match(before.text, /Carol Example[^\n]*<carol@example\.com>/);
    t.notMatch(before.text, /Dave/);
    const added = await call(`${prefix}add_customers`, { service_desk_id: '2', people: [dave] });
    t.notOk(added.isError, added.text);
    const after = await call(`${prefix}list_customers`, { service_desk_id: '2', query: 'dave' });
    t.match(after.text, /Dave Customer[^\n]*<dave@example\.com>/);
    const organizations = await call(`${prefix}list_organizations`, { service_desk_id: '1' });
    t.match(organizations.text, /Acme Retail \(id 1\)/);
  });
}

t.test('X-ExperimentalApi: opt-in is sent exactly on the operations the spec marks x-experimental', async (t) => {
  const requests = harness.gateway.sandbox.requests.filter((request) =>
    request.path.startsWith('/rest/servicedeskapi/'),
  );
  let experimental = 0;
  for (const request of requests) {
    const marked =
      findOperation('jira-service-management', request.method, request.path)?.operation['x-experimental'] === true;
    if (marked) experimental += 1;
    t.equal(request.headers['x-experimentalapi'], marked ? 'opt-in' : undefined, `${request.method} ${request.path}`);
  }
  t.ok(experimental >= 4, `${experimental} experimental requests (the customer listings) among ${requests.length}`);
});

t.test('every request matched the Service Management spec', async (t) => {
  assertRequestsMatchSpec(t, harness.gateway);
});
