/**
 * Service Management guard rails through a real MCP client: the instance's projects_filter hides desks and requests
 * of other projects (refused before anything is sent about them), and servicedesk_internal_comments_only makes every
 * comment the gateway adds internal.
 */
import t from 'tap';
import { assertRequestsMatchSpec, JIRA_SITES, useGateway } from '../helpers/harness.js';

const harness = useGateway(t, {
  sites: JIRA_SITES,
  defaults: ['prod'],
  extra: { toolsets: ['servicedesk'] },
  overrides: {
    prod: { servicedesk: true, projects_filter: ['HELP'] },
    staging: { servicedesk: true, servicedesk_internal_comments_only: true },
  },
});
const { call } = harness;
const sentAbout = (text: string) =>
  harness.gateway.sandbox.requests.filter((request) => request.site === 'prod' && request.path.includes(text));

t.test('projects_filter: desks and requests of other projects are not listed and answer as not found', async (t) => {
  const desks = await call('servicedesk_list_service_desks', {});
  t.same(
    desks.data.service_desks.map((desk: { project_key: string }) => desk.project_key),
    ['HELP'],
  );
  const requests = await call('servicedesk_get_requests', { status: 'all' });
  t.same(requests.data.requests.map((request: { key: string }) => request.key).sort(), ['HELP-1', 'HELP-2', 'HELP-3']);

  const hidden = await call('servicedesk_get_request', { request_key: 'FAC-1' });
  t.ok(hidden.isError);
  t.match(
    hidden.text,
    /Get request FAC-1 failed on instance "prod": not found, or not visible to the configured account \(HTTP 404\)/,
  );
  const comment = await call('servicedesk_add_comment', { request_key: 'FAC-1', body: 'hello' });
  t.ok(comment.isError);
  t.same(sentAbout('FAC-1'), [], 'nothing was sent about FAC-1');

  const desk = await call('servicedesk_get_queues', { service_desk_id: '2' });
  t.ok(desk.isError);
  t.match(desk.text, /not found/);
  t.same(sentAbout('/servicedesk/2/queue'), [], 'the queues of desk 2 were not asked for');
  const create = await call('servicedesk_create_request', {
    service_desk_id: '2',
    request_type_id: '20',
    fields: { summary: 'x', Floor: 'Ground' },
  });
  t.ok(create.isError);
  t.same(sentAbout('/servicedesk/2/requesttype'), [], 'nor its request types');

  const visible = await call('servicedesk_get_request', { request_key: 'HELP-1' });
  t.notOk(visible.isError, visible.text);
});

t.test('servicedesk_internal_comments_only: a public comment is added as internal', async (t) => {
  const added = await call('servicedesk_staging_add_comment', {
    request_key: 'HELP-3',
    body: 'Customer-facing?',
    public: true,
  });
  t.match(added.text, /Added an internal comment/);
  const comments = await call('servicedesk_staging_get_request_comments', {
    request_key: 'HELP-3',
    visibility: 'internal',
  });
  t.match(comments.text, /### Internal · Sam Agent[^\n]*\nCustomer-facing\?/);
});

t.test('every request matched the Service Management spec', async (t) => {
  assertRequestsMatchSpec(t, harness.gateway);
});
