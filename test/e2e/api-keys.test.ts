/**
 * Gateway API keys on every HTTP transport: no key or a wrong one is refused with 401 before any MCP
 * handling; a key limited to some instances or to reading sees and may call only those tools.
 */
import t from 'tap';
import { connectClient, HTTP_TRANSPORTS, textOf } from '../helpers/clients.js';
import { startTestGateway } from '../helpers/gateway.js';

const FULL = 'full-access-key-0123456789';
const LIMITED = 'prod-readonly-key-0123456789';

t.test('API keys', async (t) => {
  const gateway = await startTestGateway({
    extra: { api_keys: [FULL, { key: LIMITED, name: 'ci', instances: ['prod'], read_only: true }] },
  });
  t.teardown(() => gateway.close());

  t.test('requests without a valid key are refused on every MCP route; probes stay open', async (t) => {
    for (const [method, path] of [
      ['POST', '/mcp'],
      ['GET', '/sse'],
      ['POST', '/messages?sessionId=x'],
      ['GET', '/ws'],
    ] as const) {
      for (const headers of [
        {},
        { 'x-gateway-key': 'wrong-key-0123456789abcdef' },
        { authorization: 'Bearer nope' },
      ] as Array<Record<string, string>>) {
        const response = await fetch(`${gateway.url}${path}`, {
          method,
          headers: { ...headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
          body: method === 'POST' ? '{}' : undefined,
        });
        t.equal(response.status, 401, `${method} ${path} ${JSON.stringify(headers)}`);
        const body = await response.json();
        t.match(body, {
          jsonrpc: '2.0',
          error: {
            message:
              /Unauthorized: (this gateway requires an API key|the API key is not valid); send it in X-Gateway-Key or Authorization: Bearer/,
          },
        });
      }
    }
    t.equal((await fetch(`${gateway.url}/healthz`)).status, 200);
    t.equal((await fetch(`${gateway.url}/readyz`)).status, 200);
  });

  t.test('a full key works on every transport, in either header', async (t) => {
    for (const kind of HTTP_TRANSPORTS) {
      const headers: Record<string, string> =
        kind === 'sse' ? { 'x-gateway-key': FULL } : { authorization: `Bearer ${FULL}` };
      const client = await connectClient(gateway.url, kind, headers);
      const { tools } = await client.listTools();
      t.ok(
        tools.some((tool) => tool.name === 'jira_staging_create_issue'),
        `${kind}: every tool`,
      );
      const result = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } });
      t.notOk(result.isError, `${kind}: ${textOf(result).slice(0, 80)}`);
      await client.close();
    }
  });

  t.test('a key limited to one instance and to reading sees and calls only that', async (t) => {
    for (const kind of ['http-2026', 'ws-2025'] as const) {
      const client = await connectClient(gateway.url, kind, { 'x-gateway-key': LIMITED });
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      t.ok(names.includes('jira_get_issue'), `${kind}: prod's read tools`);
      t.notOk(
        names.some((name) => name.startsWith('jira_staging_') || name.startsWith('confluence_')),
        `${kind}: no other instance`,
      );
      t.notOk(names.includes('jira_create_issue'), `${kind}: no write tools`);
      t.ok(names.includes('gateway_list_instances'));
      await t.rejects(
        client.callTool({
          name: 'jira_create_issue',
          arguments: { project_key: 'OPS', summary: 'x', issue_type: 'Task' },
        }),
        /Unknown tool: jira_create_issue/,
        `${kind}: a write call is refused`,
      );
      await t.rejects(
        client.callTool({ name: 'jira_staging_get_issue', arguments: { issue_key: 'WEB-1' } }),
        /Unknown tool/,
        `${kind}: another instance is refused`,
      );
      const listed = await client.callTool({ name: 'gateway_list_instances', arguments: {} });
      t.notMatch(textOf(listed), /staging|wiki/, `${kind}: other instances are not even named`);
      await client.close();
    }
  });

  t.test('a stateful session cannot be used with another key', async (t) => {
    const stateful = await startTestGateway({
      stateful: true,
      extra: { api_keys: [FULL, { key: LIMITED, name: 'ci' }] },
    });
    t.teardown(() => stateful.close());
    const client = await connectClient(stateful.url, 'http-2025', { 'x-gateway-key': FULL });
    t.teardown(() => client.close());
    const sessionId = (client.transport as unknown as { sessionId?: string }).sessionId;
    t.ok(sessionId, 'a session was opened');
    const hijack = await fetch(`${stateful.url}/mcp`, {
      method: 'POST',
      headers: {
        'x-gateway-key': LIMITED,
        'mcp-session-id': sessionId!,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-protocol-version': '2025-11-25',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
    });
    t.equal(hijack.status, 404, 'another caller cannot use the session id');
  });
});
