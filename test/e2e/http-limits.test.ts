/**
 * Limits of the HTTP server against callers who hold resources: sessions are capped per caller and in all (the
 * least recently used idle one makes room), a DELETE with a JSON content type and no body ends its session, JSON
 * nested too deep is a JSON-RPC error, a body sent too slowly is cut off, connections beyond the cap are
 * refused, and clients configured with `wss://host/mcp` are served on the streamable HTTP path.
 */
import net from 'node:net';
import { Client } from '@modelcontextprotocol/client';
import t from 'tap';
import { connectClient, textOf } from '../helpers/clients.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { WebSocketClientTransport } from '../helpers/websocket-client-transport.js';

const JSON_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-11-25',
};
const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'limits', version: '1' } },
});
const KEYS = { alice: 'alice-key-0123456789abcdef', bob: 'bob-key-0123456789abcdef0' };

/** Opens a stateful session with a raw initialize; resolves with its id. */
async function openSession(gateway: TestGateway, key?: string): Promise<{ status: number; id: string | null }> {
  const response = await fetch(`${gateway.url}/mcp`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...(key ? { 'x-gateway-key': key } : {}) },
    body: INITIALIZE,
  });
  await response.text();
  return { status: response.status, id: response.headers.get('mcp-session-id') };
}

async function ping(gateway: TestGateway, id: string, key?: string): Promise<number> {
  const response = await fetch(`${gateway.url}/mcp`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, 'mcp-session-id': id, ...(key ? { 'x-gateway-key': key } : {}) },
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }),
  });
  await response.text();
  return response.status;
}

t.test('stateful sessions are capped in all: the least recently used idle one makes room', async (t) => {
  const gateway = await startTestGateway({
    sites: [],
    defaults: [],
    stateful: true,
    extra: { server: { max_sessions: 5 } },
  });
  t.teardown(() => gateway.close());
  const ids: string[] = [];
  for (let index = 0; index < 5; index++) ids.push((await openSession(gateway)).id!);
  t.equal(gateway.gateway.openSessions().http, 5);
  t.equal(await ping(gateway, ids[0]!), 200, 'the oldest is used again, so it is no longer the least recently used');
  for (let index = 0; index < 20; index++)
    t.equal((await openSession(gateway)).status, 200, `session ${index + 6} opens`);
  t.equal(gateway.gateway.openSessions().http, 5, 'never more than the cap');
  t.equal(await ping(gateway, ids[1]!), 404, 'an evicted session answers "not found", so its client reconnects');
});

t.test('sessions are capped per caller; one key cannot crowd out another', async (t) => {
  const gateway = await startTestGateway({
    sites: [],
    defaults: [],
    stateful: true,
    extra: {
      api_keys: [
        { key: KEYS.alice, name: 'alice' },
        { key: KEYS.bob, name: 'bob' },
      ],
      server: { max_sessions: 10, max_sessions_per_caller: 3 },
    },
  });
  t.teardown(() => gateway.close());
  const bob = (await openSession(gateway, KEYS.bob)).id!;
  for (let index = 0; index < 30; index++) await openSession(gateway, KEYS.alice);
  t.equal(gateway.gateway.openSessions().http, 4, 'alice holds 3, bob his 1');
  t.equal(await ping(gateway, bob, KEYS.bob), 200, "bob's session survived alice's flood");
});

t.test('SSE streams and WebSockets count against the same caps', async (t) => {
  const gateway = await startTestGateway({ sites: [], defaults: [], extra: { server: { max_sessions: 2 } } });
  t.teardown(() => gateway.close());
  const first = await connectClient(gateway.url, 'sse');
  const second = await connectClient(gateway.url, 'ws-2025');
  const third = await connectClient(gateway.url, 'ws-2026');
  t.teardown(() => Promise.allSettled([first.close(), second.close(), third.close()]));
  t.same(gateway.gateway.openSessions(), { sse: 0, websocket: 2, http: 0 }, 'the idle SSE stream made room');
  t.ok((await third.listTools()).tools.length > 0);
});

t.test('DELETE with a JSON content type and no body ends the session', async (t) => {
  const gateway = await startTestGateway({ sites: [], defaults: [], stateful: true });
  t.teardown(() => gateway.close());
  const { id } = await openSession(gateway);
  const deleted = await fetch(`${gateway.url}/mcp`, {
    method: 'DELETE',
    headers: { ...JSON_HEADERS, 'mcp-session-id': id! },
  });
  t.equal(deleted.status, 200, await deleted.text());
  t.equal(gateway.gateway.openSessions().http, 0);
  t.equal(await ping(gateway, id!), 404, 'the session is gone');
});

t.test('JSON nested too deep is a JSON-RPC error on every transport, not an internal error', async (t) => {
  const gateway = await startTestGateway({ sites: [], defaults: [] });
  t.teardown(() => gateway.close());
  const deep = (id: number) =>
    `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"gateway_list_instances","arguments":{"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}}}`;
  const response = await fetch(`${gateway.url}/mcp`, { method: 'POST', headers: JSON_HEADERS, body: deep(1) });
  t.equal(response.status, 400);
  t.match(await response.json(), {
    jsonrpc: '2.0',
    error: { code: -32600, message: 'Invalid request: JSON nested deeper than 128 levels' },
  });
  const WebSocket = (await import('ws')).default;
  const socket = new WebSocket(`${gateway.url.replace('http', 'ws')}/ws`, 'mcp');
  await new Promise((resolve) => socket.once('open', resolve));
  const answer = new Promise<string>((resolve) =>
    socket.once('message', (data) => resolve((data as Buffer).toString())),
  );
  socket.send(deep(2));
  t.match(JSON.parse(await answer), { error: { code: -32600, message: /nested deeper than 128/ } });
  socket.close();
  const stream = await fetch(`${gateway.url}/sse`, { headers: { accept: 'text/event-stream' } });
  const reader = stream.body!.getReader();
  const endpoint = /data: (\S+)/.exec(new TextDecoder().decode((await reader.read()).value))![1]!;
  const posted = await fetch(`${gateway.url}${endpoint}`, { method: 'POST', headers: JSON_HEADERS, body: deep(3) });
  t.equal(posted.status, 400, 'SSE posts too');
  t.match(await posted.json(), { error: { code: -32600, message: /nested deeper than 128/ } });
  await reader.cancel();
  const shallow = await connectClient(gateway.url, 'http-2026');
  t.match(
    textOf(await shallow.callTool({ name: 'gateway_list_instances', arguments: {} })),
    /instance/i,
    'ordinary requests still work',
  );
  await shallow.close();
});

t.test('a request body sent too slowly is cut off, and connections beyond the cap are refused', async (t) => {
  const gateway = await startTestGateway({
    sites: [],
    defaults: [],
    extra: { server: { request_timeout: 1, max_connections: 3 } },
  });
  t.teardown(() => gateway.close());
  const { port } = new URL(gateway.url);
  const connect = () =>
    new Promise<net.Socket>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => resolve(socket));
      socket.once('error', reject);
    });
  const closed = (socket: net.Socket) =>
    new Promise<number>((resolve) => {
      const started = Date.now();
      socket.once('close', () => resolve(Date.now() - started));
    });

  const slow = await connect();
  const slowClosed = closed(slow);
  slow.write(
    `POST /mcp HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"jsonrpc"`,
  );
  const drip = setInterval(() => slow.writable && slow.write(' '), 200);
  t.teardown(() => clearInterval(drip));
  const lasted = await slowClosed;
  clearInterval(drip);
  t.ok(lasted < 5_000, `the slow body was cut off after ${lasted} ms (a 1 s limit, checked every 0.5 s)`);

  const held = [await connect(), await connect(), await connect()];
  t.teardown(() => held.forEach((socket) => socket.destroy()));
  const extra = await connect();
  t.ok((await closed(extra)) < 2_000, 'the fourth connection was closed at once');
  held.forEach((socket) => socket.destroy());
  await new Promise((resolve) => setTimeout(resolve, 100));
  t.equal((await fetch(`${gateway.url}/healthz`)).status, 200, 'room again once they are gone');
});

t.test('clients configured with wss://host/mcp are served by the WebSocket transport', async (t) => {
  const gateway = await startTestGateway({ defaults: ['prod'] });
  t.teardown(() => gateway.close());
  for (const mode of ['legacy', 'auto'] as const) {
    const client = new Client({ name: 'ws-on-mcp', version: '1' }, { versionNegotiation: { mode } });
    await client.connect(new WebSocketClientTransport(`${gateway.url.replace('http', 'ws')}/mcp`));
    t.match(
      textOf(await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } })),
      /# OPS-1/,
      mode,
    );
    await client.close();
  }
});

t.test('an absolute-form request target is served like its path', async (t) => {
  const { rawRequest } = await import('../helpers/raw-http.js');
  for (const stateful of [false, true]) {
    const gateway = await startTestGateway({ sites: [], defaults: [], stateful });
    const answer = await rawRequest(gateway.url, {
      method: 'POST',
      target: `${gateway.url}/mcp`,
      headers: { ...JSON_HEADERS, accept: 'application/json, text/event-stream' },
      body: INITIALIZE,
    });
    await gateway.close();
    t.equal(answer.status, 200, `${stateful ? 'stateful' : 'stateless'}: ${answer.body.slice(0, 200)}`);
    t.match(answer.body, /"serverInfo":\{"name":"atlassian-mcp-gateway"/);
  }
});

t.test('credentials a caller makes up do not make them a new caller for the session caps', async (t) => {
  const tenants = { enabled: true, allow_http: true, allow_private_networks: true, allowed_urls: ['127.0.0.1'] };
  const gateway = await startTestGateway({
    sites: [],
    defaults: [],
    stateful: true,
    extra: {
      api_keys: [
        { key: KEYS.alice, name: 'alice' },
        { key: KEYS.bob, name: 'bob' },
      ],
      multi_tenant: tenants,
      server: { max_sessions: 10, max_sessions_per_caller: 3 },
    },
  });
  t.teardown(() => gateway.close());
  const open = async (key: string, token: string, localAddress = '127.0.0.1') => {
    const { request } = await import('node:http');
    const { port } = new URL(gateway.url);
    return new Promise<string | undefined>((resolve, reject) => {
      const headers = {
        ...JSON_HEADERS,
        'x-gateway-key': key,
        authorization: `Bearer ${token}`,
        'x-jira-url': 'http://127.0.0.1:9/jira',
        'content-length': String(Buffer.byteLength(INITIALIZE)),
      };
      const req = request({ host: '127.0.0.1', port, path: '/mcp', method: 'POST', headers, localAddress }, (res) => {
        res.resume();
        resolve(res.headers['mcp-session-id'] as string | undefined);
      });
      req.on('error', reject);
      req.end(INITIALIZE);
    });
  };
  const bob = (await open(KEYS.bob, 'bob-token'))!;
  for (let index = 0; index < 30; index++) await open(KEYS.alice, `made-up-${index}`);
  t.equal(gateway.gateway.openSessions().http, 4, 'alice holds 3 whatever tokens she sends, bob his 1');
  const ping = await fetch(`${gateway.url}/mcp`, {
    method: 'POST',
    headers: {
      ...JSON_HEADERS,
      'mcp-session-id': bob,
      'x-gateway-key': KEYS.bob,
      authorization: 'Bearer bob-token',
      'x-jira-url': 'http://127.0.0.1:9/jira',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping' }),
  });
  t.equal(ping.status, 200, "bob's session survived");
});

t.test('tenants without a key are counted by the address they connect from', async (t) => {
  const tenants = { enabled: true, allow_http: true, allow_private_networks: true, allowed_urls: ['127.0.0.1'] };
  const gateway = await startTestGateway({
    sites: [],
    defaults: [],
    stateful: true,
    extra: { multi_tenant: tenants, server: { max_sessions: 10, max_sessions_per_caller: 3 } },
  });
  t.teardown(() => gateway.close());
  const { request } = await import('node:http');
  const { port } = new URL(gateway.url);
  const open = (token: string, localAddress: string) =>
    new Promise<string | undefined>((resolve, reject) => {
      const headers = {
        ...JSON_HEADERS,
        authorization: `Bearer ${token}`,
        'x-jira-url': 'http://127.0.0.1:9/jira',
        'content-length': String(Buffer.byteLength(INITIALIZE)),
      };
      const req = request({ host: '127.0.0.1', port, path: '/mcp', method: 'POST', headers, localAddress }, (res) => {
        res.resume();
        resolve(res.headers['mcp-session-id'] as string | undefined);
      });
      req.on('error', reject);
      req.end(INITIALIZE);
    });
  const legit = await open('legit-token', '127.0.0.2');
  t.ok(legit, 'a tenant from 127.0.0.2 opened a session');
  for (let index = 0; index < 30; index++) await open(`minted-${index}`, '127.0.0.3');
  t.equal(
    gateway.gateway.openSessions().http,
    4,
    '127.0.0.3 holds 3 however many tokens it mints; 127.0.0.2 keeps its one',
  );
});
