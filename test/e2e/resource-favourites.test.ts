/**
 * Favourites in `resources/list`: each Jira instance's favourite filters and each Confluence instance's favourite
 * pages, after the connection's recent items, read once per instance and then served from a cache; an instance that
 * fails drops out of the list without failing it; a shared service account and an allow-list contribute what the
 * caller may see only.
 */
import t from 'tap';
import { connectClient } from '../helpers/clients.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { assertRequestsMatchSpec } from '../helpers/harness.js';

const favouriteRequests = (gateway: TestGateway) =>
  gateway.sandbox.requests.filter(
    (request) =>
      request.path.endsWith('/filter/favourite') ||
      (request.path.endsWith('/rest/api/search') && /favourite/.test(String(request.query.cql))),
  );

t.test('favourite filters and pages, with titles, read once and then kept', async (t) => {
  const gateway = await startTestGateway();
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'http-2026');
  t.teardown(() => client.close());

  const { resources } = await client.listResources();
  t.match(resources, [
    {
      uri: 'jira://prod/filter/10101',
      name: '10101',
      title: 'Customer issues',
      description: /Favourite filter on Jira "prod": project = OPS AND labels = customer/,
      mimeType: 'text/markdown',
    },
    { uri: 'jira://staging/filter/10101', title: 'Customer issues' },
    { uri: 'confluence://wiki/page/1002', title: /./, description: 'Favourite page on Confluence "wiki"' },
    { uri: 'confluence://dcwiki/page/1002', title: /./ },
  ]);
  t.equal(resources.length, 4);
  const asked = favouriteRequests(gateway);
  t.same(asked.map((request) => request.site).sort(), ['dcwiki', 'prod', 'staging', 'wiki'], 'one lookup per instance');
  t.match(
    asked.find((request) => request.site === 'wiki')?.query,
    { cql: /favourite = currentUser\(\) AND type = page/ },
    'Confluence favourites through CQL',
  );

  const again = await connectClient(gateway.url, 'ws-2025');
  t.teardown(() => again.close());
  t.same((await again.listResources()).resources, resources, 'another caller of the same accounts sees the same');
  t.equal(favouriteRequests(gateway).length, 4, 'and Atlassian was not asked again within the TTL');

  const { contents } = await client.readResource({ uri: 'jira://prod/filter/10101' });
  t.match(contents[0], { text: /^# Filter Customer issues/ }, 'a favourite reads like any resource');
  assertRequestsMatchSpec(t, gateway);
});

t.test('a failing instance drops out of the list; the others are still listed', async (t) => {
  const gateway = await startTestGateway({ overrides: { wiki: { timeout: 1 } } });
  t.teardown(() => gateway.close());
  gateway.sandbox.fault('staging', { status: 503, path: /filter\/favourite/ });
  gateway.sandbox.fault('wiki', { status: 200, path: /rest\/api\/search/, delayMs: 3000, thenServe: true });
  const client = await connectClient(gateway.url, 'http-2025');
  t.teardown(() => client.close());
  const { resources } = await client.listResources();
  t.same(
    resources.map((resource) => resource.uri),
    ['jira://prod/filter/10101', 'confluence://dcwiki/page/1002'],
    'a failing (staging) and a slow (wiki: over its 1 s timeout) instance are left out',
  );
  t.ok(
    gateway.logs.some((line) => /"instance":"staging".*favourites could not be listed/.test(line)),
    'the failure is logged with its instance',
  );
});

t.test('shared service accounts have no favourites of the caller; allow-lists narrow the pages', async (t) => {
  const gateway = await startTestGateway({
    overrides: { prod: { shared_account: true }, wiki: { spaces_filter: ['OTHER'] } },
  });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'ws-2026');
  t.teardown(() => client.close());
  const { resources } = await client.listResources();
  t.same(
    resources.map((resource) => resource.uri),
    ['jira://staging/filter/10101', 'confluence://dcwiki/page/1002'],
  );
  t.notOk(
    favouriteRequests(gateway).some((request) => request.site === 'prod'),
    "the shared account's favourites are not even asked for",
  );
});
