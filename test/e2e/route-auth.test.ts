/**
 * Every route the gateway registers is either an explicitly public probe or refuses a request without a valid
 * key — whatever spelling of its URL reaches it. Requests go out byte for byte over a raw socket, because the
 * router decodes `%xx`, stops at `#` and `;`, and a check that compared URL strings let such spellings through.
 * Each spelling is also sent with a valid key, to show which of them really reach the route: those are the
 * ones the refusal matters for, and the test fails if none of the encoded forms does.
 */
import t from 'tap';
import { startTestGateway } from '../helpers/gateway.js';
import { rawRequest, UPGRADE_HEADERS, type RawAnswer } from '../helpers/raw-http.js';

const KEY = 'route-audit-key-0123456789';
const PUBLIC_ROUTES = ['/healthz', '/readyz'];
const MCP_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-11-25',
};
const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'audit', version: '1' } },
});

/** The ways a URL path can be written so that a router might still map it to the same route. */
export function spellings(path: string): string[] {
  const hex = (char: string) => char.charCodeAt(0).toString(16);
  const forms = new Set<string>([path]);
  for (let index = 1; index < path.length; index++) {
    const code = hex(path[index]!);
    forms.add(`${path.slice(0, index)}%${code}${path.slice(index + 1)}`);
    forms.add(`${path.slice(0, index)}%${code.toUpperCase()}${path.slice(index + 1)}`);
  }
  forms.add(`/${[...path.slice(1)].map((char) => `%${hex(char)}`).join('')}`);
  for (const form of [
    `/${path}`,
    `${path}/`,
    `/.${path}`,
    `/x/..${path}`,
    `${path}/.`,
    `${path}#x`,
    `${path};x`,
    `${path}?x=1`,
    `${path}%23x`,
    `${path}%2f`,
    path.toUpperCase(),
  ])
    forms.add(form);
  return [...forms];
}

const CREDENTIALS: ReadonlyArray<readonly [string, Record<string, string>]> = [
  ['no key', {}],
  ['a wrong key', { 'x-gateway-key': 'wrong-key-0123456789abcdef' }],
  ['a wrong bearer', { authorization: 'Bearer wrong-key-0123456789abcdef' }],
];

t.test('every route is public by name or refuses callers without a valid key, in every spelling', async (t) => {
  const gateway = await startTestGateway({ sites: [], defaults: [], stateful: true, extra: { api_keys: [KEY] } });
  t.teardown(() => gateway.close());
  const routes = gateway.gateway.routes();
  t.ok(
    routes.length >= 8,
    `the app reports its routes (${routes.map((route) => `${route.method} ${route.url}`).join(', ')})`,
  );
  t.same(
    routes
      .filter((route) => route.public)
      .map((route) => route.url)
      .sort(),
    [...PUBLIC_ROUTES, ...PUBLIC_ROUTES].sort(),
    'only the probes are public (GET and HEAD each)',
  );

  // A live SSE session, so POST /messages can really reach its handler when the key is valid.
  const stream = await rawRequest(gateway.url, {
    method: 'GET',
    target: '/sse',
    headers: { 'x-gateway-key': KEY, accept: 'text/event-stream' },
  });
  const sessionId = /sessionId=([\w-]+)/.exec(stream.body)?.[1];
  t.ok(sessionId, 'an SSE session to post into');

  const reached: string[] = [];
  for (const route of routes.filter((candidate) => !candidate.public)) {
    const upgrade = route.method === 'GET' && (route.url === '/ws' || route.url === '/mcp');
    const kinds = upgrade ? (['plain', 'upgrade'] as const) : (['plain'] as const);
    for (const kind of kinds) {
      for (const spelling of spellings(route.url)) {
        const send = (credential: Record<string, string>) => {
          const target = route.url === '/messages' ? `${spelling}?sessionId=${sessionId}` : spelling;
          // DELETE carries no body, and the router's own 404 answer would refuse an empty JSON body with a 400.
          const plain = route.method === 'DELETE' ? { accept: MCP_HEADERS.accept } : MCP_HEADERS;
          const headers = { ...(kind === 'upgrade' ? UPGRADE_HEADERS : plain), ...credential };
          const body =
            route.method === 'POST'
              ? route.url === '/messages'
                ? JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'ping' })
                : INITIALIZE
              : undefined;
          return rawRequest(gateway.url, { method: route.method, target, headers, body });
        };
        const label = `${route.method} ${spelling}${kind === 'upgrade' ? ' (WebSocket upgrade)' : ''}`;
        const valid = await send({ 'x-gateway-key': KEY });
        if (valid.status !== 404 || isHandlerAnswer(valid)) reached.push(label);
        for (const [name, credential] of CREDENTIALS) {
          const answer = await send(credential);
          const refused = answer.status === 401 || (answer.status === 404 && !isHandlerAnswer(answer));
          t.ok(refused, `${label} with ${name}: ${answer.status} ${answer.body.slice(0, 120)}`);
        }
      }
    }
  }
  for (const encoded of [
    'POST /%6dcp',
    'POST /m%63p',
    'POST /mcp#x',
    'GET /%77s (WebSocket upgrade)',
    'GET /%73se',
    'POST /%6dessages',
  ]) {
    t.ok(
      reached.includes(encoded),
      `${encoded} reaches its route with a valid key, so its refusal above is the hook's doing`,
    );
  }
});

t.test('probes answer without a key, and /readyz then says ready or not, nothing more', async (t) => {
  const gateway = await startTestGateway({ extra: { api_keys: [KEY] } });
  t.teardown(() => gateway.close());
  await gateway.core.probe();
  const health = await rawRequest(gateway.url, { method: 'GET', target: '/healthz' });
  t.equal(health.status, 200);
  const ready = await rawRequest(gateway.url, { method: 'GET', target: '/readyz' });
  t.equal(ready.status, 200);
  t.same(JSON.parse(ready.body), { status: 'ready' }, 'no instance names, platforms or counts for anyone who asks');
});

t.test('without keys or tenants, /readyz lists the instances for operators', async (t) => {
  const gateway = await startTestGateway({});
  t.teardown(() => gateway.close());
  await gateway.core.probe();
  const ready = JSON.parse((await rawRequest(gateway.url, { method: 'GET', target: '/readyz' })).body) as {
    instances: Array<{ name: string }>;
  };
  t.same(ready.instances.map((instance) => instance.name).sort(), ['dcwiki', 'prod', 'staging', 'wiki']);
});

t.test('refused requests leave an audit line naming route, caller and reason, and no secret', async (t) => {
  const gateway = await startTestGateway({ sites: [], defaults: [], extra: { api_keys: [KEY] } });
  t.teardown(() => gateway.close());
  const wrong = 'wrong-key-0123456789abcdef';
  await rawRequest(gateway.url, {
    method: 'POST',
    target: '/%6dcp',
    headers: { ...MCP_HEADERS, 'x-gateway-key': wrong },
    body: INITIALIZE,
  });
  await rawRequest(gateway.url, {
    method: 'POST',
    target: '/mcp',
    headers: { ...MCP_HEADERS, host: 'evil.example' },
    body: INITIALIZE,
  });
  const lines = gateway.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.audit === 'refused');
  t.match(lines, [
    {
      route: '/mcp',
      method: 'POST',
      status: 401,
      caller: 'anonymous',
      reason: /API key is not valid/,
      remote: '127.0.0.1',
    },
    { route: '/mcp', method: 'POST', status: 403, reason: /Host/ },
  ]);
  t.notMatch(gateway.logs.join('\n'), wrong, 'the presented key is not logged');
});

/** A 404 written by a handler (a JSON-RPC error) rather than by the router, which answers `Route … not found`. */
function isHandlerAnswer(answer: RawAnswer): boolean {
  return answer.status === 404 && answer.body.includes('"jsonrpc"');
}
