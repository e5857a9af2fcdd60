/**
 * Assets (CMDB), read-only, through a real MCP client: Cloud through the site's workspace id on Atlassian's API
 * gateway (served by the sandbox), Server/DC through Insight's REST; an AQL search and one object's attributes.
 */
import t from 'tap';
import { JIRA_SITES, useGateway } from '../helpers/harness.js';
import { specFor, validateRequest } from '../helpers/openapi.js';

const harness = useGateway(t, {
  sites: JIRA_SITES,
  defaults: ['prod'],
  extra: { toolsets: ['servicedesk:assets'] },
  overrides: { prod: { servicedesk: true }, staging: { servicedesk: true } },
});
const { call } = harness;

for (const [label, prefix] of [
  ['Server/DC', 'servicedesk_'],
  ['Cloud', 'servicedesk_staging_'],
] as const) {
  t.test(`${label}: AQL search, paged, and one object's attributes by name`, async (t) => {
    const laptops = await call(`${prefix}search_assets`, { aql: 'objectType = "Laptop"' });
    t.notOk(laptops.isError, laptops.text);
    t.match(
      laptops.text,
      /ITAM-1: MacBook Pro 14 \(Alice\) \(Laptop, id 1\)\n- ITAM-2: ThinkPad X1 \(Bob\) \(Laptop, id 2\)/,
    );
    t.match(laptops.data, { total: 2, is_last_page: true });
    const first = await call(`${prefix}search_assets`, { aql: 'Status = "In use"', limit: 2 });
    t.match(first.data, { total: 3, is_last_page: false, next_start: 2 });
    const narrowed = await call(`${prefix}search_assets`, { aql: 'objectType = Laptop AND Owner like bob' });
    t.same(
      narrowed.data.objects.map((object: { key: string }) => object.key),
      ['ITAM-2'],
    );
    const broken = await call(`${prefix}search_assets`, { aql: 'objectType ~~ Laptop' });
    t.ok(broken.isError);
    t.match(
      broken.text,
      /Atlassian rejected the request as invalid \(HTTP 400\)\. Atlassian said: AQL could not be parsed/,
    );

    const server = await call(`${prefix}get_asset`, { object_id: '3' });
    t.match(
      server.text,
      /ITAM-3: mail-01 \(Server\)\n- IP address: 10\.0\.0\.5\n- Environment: Production\n- Status: In use/,
    );
    t.same(server.data.attributes, { 'IP address': ['10.0.0.5'], Environment: ['Production'], Status: ['In use'] });
  });
}

t.test('Cloud asks the site for its workspace once, Server/DC uses Insight on the site', async (t) => {
  const requests = harness.gateway.sandbox.requests;
  t.equal(
    requests.filter((request) => request.site === 'staging' && request.path === '/rest/servicedeskapi/assets/workspace')
      .length,
    1,
  );
  t.ok(requests.some((request) => request.site === 'prod' && request.path === '/rest/insight/1.0/aql/objects'));
  // The workspace lookup is in the Service Management spec; Insight's REST has no official OpenAPI document here.
  for (const request of requests.filter((candidate) => candidate.path.startsWith('/rest/servicedeskapi/'))) {
    const { spec, specPath } = specFor('jira', 'cloud', request.path);
    t.same(
      validateRequest(spec, request.method, specPath, request.query, request.body, { cloud: true }),
      [],
      `${request.method} ${request.path}`,
    );
  }
});
