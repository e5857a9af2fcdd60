/** The official MCP client over every HTTP transport and both protocol eras calls tools on two instances. */
import t from 'tap';
import { connectClient, HTTP_TRANSPORTS, textOf } from '../helpers/clients.js';
import { startTestGateway } from '../helpers/gateway.js';

t.test('every transport serves each instance its own data', async (t) => {
  const gateway = await startTestGateway();
  t.teardown(() => gateway.close());
  for (const kind of HTTP_TRANSPORTS) {
    await t.test(kind, async (t) => {
      const client = await connectClient(gateway.url, kind);
      t.teardown(() => client.close());
      t.equal(
        client.getNegotiatedProtocolVersion?.(),
        kind.endsWith('2026') ? '2026-07-28' : '2025-11-25',
        'negotiated the expected protocol era',
      );

      const { tools } = await client.listTools();
      const names = tools.map((tool) => tool.name);
      t.ok(
        names.includes('jira_get_issue') && names.includes('jira_staging_get_issue'),
        'both Jira instances are listed',
      );
      t.ok(
        names.includes('confluence_search') && names.includes('confluence_dcwiki_get_page'),
        'both Confluence instances are listed',
      );

      const prod = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } });
      t.notOk(prod.isError, 'prod call succeeds');
      t.match(textOf(prod), /# OPS-1: \[prod\] Login page times out/);
      t.match(textOf(prod), /```nginx\nproxy_read_timeout 60s;\n```/, 'wiki markup code block became markdown');
      t.equal((prod.structuredContent as { key: string }).key, 'OPS-1');

      const staging = await client.callTool({ name: 'jira_staging_get_issue', arguments: { issue_key: 'WEB-2' } });
      t.notOk(staging.isError, 'staging call succeeds');
      t.match(textOf(staging), /# WEB-2: \[staging\] Add export to CSV/);
      t.equal((staging.structuredContent as { assignee: string }).assignee, 'Bob Example');
    });
  }
});

t.test(
  'stateful streamable HTTP keeps a session for 2025-era clients and serves 2026 clients per request',
  async (t) => {
    const gateway = await startTestGateway({ stateful: true });
    t.teardown(() => gateway.close());
    const legacy = await connectClient(gateway.url, 'http-2025');
    t.teardown(() => legacy.close());
    t.equal(gateway.gateway.openSessions().http, 1, 'one session opened');
    const result = await legacy.callTool({
      name: 'jira_staging_search',
      arguments: { jql: 'project = WEB ORDER BY key ASC', limit: 2 },
    });
    t.match(textOf(result), /WEB-1[\s\S]*WEB-2/);
    const modern = await connectClient(gateway.url, 'http-2026');
    t.teardown(() => modern.close());
    const page = await modern.callTool({ name: 'confluence_get_page', arguments: { page_id: '1002' } });
    t.match(textOf(page), /# Release process/);
    t.equal(gateway.gateway.openSessions().http, 1, 'the 2026 client did not open a session');
  },
);

t.test('idle stateful sessions are closed and then answer "session not found"', async (t) => {
  const gateway = await startTestGateway({ stateful: true, extra: { server: { session_idle_timeout: 0.2 } } });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'http-2025');
  t.teardown(() => client.close());
  t.equal(gateway.gateway.openSessions().http, 1);
  await new Promise((resolve) => setTimeout(resolve, 700));
  t.equal(gateway.gateway.openSessions().http, 0, 'the idle session was swept');
  await t.rejects(client.listTools(), /404|Session not found/);
});
