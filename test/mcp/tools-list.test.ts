/** The tools/list a real client sees for a two-Jira-one-Confluence configuration, pinned by a snapshot. */
import t, { type Test } from 'tap';
import { catalogOf, TWO_JIRA_ONE_CONFLUENCE } from '../helpers/catalog.js';
import { connectClient } from '../helpers/clients.js';
import { serveConfig } from '../helpers/gateway.js';

const serveSnapshotConfig = (t: Test) => serveConfig(t, TWO_JIRA_ONE_CONFLUENCE);

t.test('tools/list snapshot and stable order', async (t) => {
  const url = await serveSnapshotConfig(t);
  const legacy = await connectClient(url, 'http-2025');
  const modern = await connectClient(url, 'http-2026');
  t.teardown(async () => {
    await legacy.close();
    await modern.close();
  });
  const first = await legacy.listTools();
  const second = await modern.listTools();
  t.same(second.tools, first.tools, 'both protocol eras list the same tools in the same order');
  t.matchSnapshot(first.tools, 'tools/list for prod (Jira DC, default), staging (Jira Cloud), wiki (Confluence Cloud)');
});

t.test('the list is deterministic and carries cache hints for 2026-07-28 clients', async (t) => {
  const first = catalogOf(TWO_JIRA_ONE_CONFLUENCE).list;
  const second = catalogOf(TWO_JIRA_ONE_CONFLUENCE).list;
  t.equal(JSON.stringify(second), JSON.stringify(first), 'two builds of the same configuration serialise identically');
  const client = await connectClient(await serveSnapshotConfig(t), 'http-2026');
  t.teardown(() => client.close());
  const listed = (await client.listTools()) as { ttlMs?: number; cacheScope?: string };
  t.equal(listed.ttlMs, 300_000, 'clients may cache the list for five minutes');
  t.equal(listed.cacheScope, 'private');
});
