/** Malformed input at the transport level gets JSON-RPC/HTTP errors and never takes the process down. */
import t from 'tap';
import WebSocket from 'ws';
import { connectClient, textOf } from '../helpers/clients.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } },
};

async function post(gateway: TestGateway, path: string, body: string, headers: Record<string, string> = JSON_HEADERS) {
  const response = await fetch(`${gateway.url}${path}`, { method: 'POST', headers, body });
  return { status: response.status, body: await response.text() };
}

t.test('streamable HTTP rejects bad requests with JSON-RPC errors', async (t) => {
  const gateway = await startTestGateway({ sites: [], defaults: [] });
  t.teardown(() => gateway.close());

  const malformed = await post(gateway, '/mcp', '{"jsonrpc": "2.0", "id": 1, "method"');
  t.equal(malformed.status, 400);
  t.match(JSON.parse(malformed.body), { jsonrpc: '2.0', error: { code: -32700 }, id: null });

  const tooLarge = await post(gateway, '/mcp', JSON.stringify({ ...initialize, padding: 'x'.repeat(5 * 1024 * 1024) }));
  t.equal(tooLarge.status, 413);
  t.match(JSON.parse(tooLarge.body), { jsonrpc: '2.0', error: { code: Number, message: /too large/i } });

  const wrongType = await post(gateway, '/mcp', JSON.stringify(initialize), {
    'content-type': 'text/plain',
    accept: JSON_HEADERS.accept,
  });
  t.equal(wrongType.status, 415);

  const unknownMethod = await post(
    gateway,
    '/mcp',
    JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/frobnicate', params: {} }),
  );
  t.match(unknownMethod.body, /"code":-32601/);

  const get = await fetch(`${gateway.url}/mcp`, { headers: { accept: 'text/event-stream' } });
  t.equal(get.status, 405, 'stateless mode has no GET stream');
  await get.body?.cancel();

  const health = await fetch(`${gateway.url}/healthz`);
  t.same(await health.json(), { status: 'ok' }, 'still alive after all of that');
});

t.test('stateful sessions: unknown session ids and requests before initialize', async (t) => {
  const gateway = await startTestGateway({ sites: [], defaults: [], stateful: true });
  t.teardown(() => gateway.close());
  const unknown = await post(gateway, '/mcp', JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }), {
    ...JSON_HEADERS,
    'mcp-session-id': 'no-such-session',
  });
  t.equal(unknown.status, 404);
  t.match(JSON.parse(unknown.body), { error: { message: /Session not found/ } });
  const early = await post(gateway, '/mcp', JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list' }));
  t.equal(early.status, 400);
});

t.test('Host and Origin validation guard against DNS rebinding', async (t) => {
  const gateway = await startTestGateway({ sites: [], defaults: [] });
  t.teardown(() => gateway.close());
  const { request } = await import('node:http');
  const send = (headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const port = new URL(gateway.url).port;
      const req = request(
        { host: '127.0.0.1', port, path: '/mcp', method: 'POST', headers: { ...JSON_HEADERS, ...headers } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify(initialize));
    });
  t.equal(await send({ host: 'evil.example.com' }), 403, 'foreign Host refused');
  t.equal(
    await send({ host: `localhost:${new URL(gateway.url).port}`, origin: 'https://evil.example.com' }),
    403,
    'foreign Origin refused',
  );
  t.equal(
    await send({ host: `localhost:${new URL(gateway.url).port}`, origin: 'http://localhost:5173' }),
    200,
    'local Origin allowed',
  );
  const probe = await fetch(`${gateway.url}/healthz`, { headers: { host: 'pod-10-0-0-1' } });
  t.equal(probe.status, 200, 'health probes answer any Host');
});

t.test('SSE: unknown session and invalid messages', async (t) => {
  const gateway = await startTestGateway({ sites: [], defaults: [] });
  t.teardown(() => gateway.close());
  const unknown = await post(gateway, '/messages?sessionId=nope', JSON.stringify(initialize));
  t.equal(unknown.status, 404);
  const client = await connectClient(gateway.url, 'sse');
  t.teardown(() => client.close());
  t.equal(gateway.gateway.openSessions().sse, 1, 'one SSE connection open');
});

t.test('WebSocket: bad frames get JSON-RPC errors and the socket stays usable', async (t) => {
  const gateway = await startTestGateway({ sites: [], defaults: [] });
  t.teardown(() => gateway.close());
  const socket = new WebSocket(`${gateway.url.replace('http', 'ws')}/ws`, 'mcp');
  t.teardown(() => socket.close());
  await new Promise((resolve) => socket.once('open', resolve));
  t.equal(socket.protocol, 'mcp', 'subprotocol negotiated');
  const replies: unknown[] = [];
  socket.on('message', (data) => replies.push(JSON.parse((data as Buffer).toString())));
  socket.send('{not json');
  socket.send(JSON.stringify({ hello: 'world' }));
  socket.send(JSON.stringify(initialize));
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.match(replies, [
    { error: { code: -32700 } },
    { error: { code: -32600 } },
    { id: 1, result: { protocolVersion: '2025-11-25' } },
  ]);
  const otherProtocol = new WebSocket(`${gateway.url.replace('http', 'ws')}/ws`, 'graphql-ws');
  const refused = await new Promise<boolean>((resolve) => {
    otherProtocol.once('open', () => resolve(false));
    otherProtocol.once('error', () => resolve(true));
  });
  t.ok(refused, 'a client offering only other subprotocols is refused');
  otherProtocol.terminate();
});

t.test('gateway_list_instances works with no instances at all', async (t) => {
  const gateway = await startTestGateway({ sites: [], defaults: [] });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'http-2026');
  t.teardown(() => client.close());
  const result = await client.callTool({ name: 'gateway_list_instances', arguments: {} });
  t.equal(textOf(result), 'No instances are configured.');
});
