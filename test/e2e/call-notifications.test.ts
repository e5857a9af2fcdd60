/**
 * While a tool call runs, the client hears about it the MCP way: progress notifications for each upstream request
 * (with the items a paged listing has read so far) when it sent a progress token, and log messages at the level it
 * chose — per connection with `logging/setLevel` (2025-era) or per request (2026-07-28). A cancelled call aborts its
 * upstream requests, and no result is sent for it. Jira is an HTTP-level fake that pages, rate-limits and hangs.
 */
import { LOG_LEVEL_META_KEY, type LoggingMessageNotification } from '@modelcontextprotocol/client';
import t, { type Test } from 'tap';
import { WebSocket } from 'ws';
import { connectClient, textOf, type TransportKind } from '../helpers/clients.js';
import { sendJson, startFakeAtlassian, type FakeAtlassian } from '../helpers/fake-atlassian.js';
import { serveConfig } from '../helpers/gateway.js';

/** What the six steps of reading the three pages say: a request answered, then its page read, three times. */
const EXPECTED_PROGRESS = [
  '1 request to "cloudy" answered',
  '1 request to "cloudy" answered, 2 items read',
  '2 requests to "cloudy" answered, 2 items read',
  '2 requests to "cloudy" answered, 4 items read',
  '3 requests to "cloudy" answered, 4 items read',
  '3 requests to "cloudy" answered, 6 items read',
];

const PROJECTS = Array.from({ length: 6 }, (_, index) => ({
  id: String(10 + index),
  key: `P${index}`,
  name: `Project ${index}`,
}));

/** A Cloud Jira whose project listing takes three pages, the second rate-limited once; `/myself` never answers. */
async function pagingJira(t: Test): Promise<FakeAtlassian & { hung: Promise<void> }> {
  let limited = false;
  let hangUp!: () => void;
  const hung = new Promise<void>((resolve) => (hangUp = resolve));
  const fake = await startFakeAtlassian(t, (request, response, url) => {
    if (url.pathname === '/rest/api/3/project/search') {
      const startAt = Number(url.searchParams.get('startAt') ?? 0);
      if (startAt === 2 && !limited) {
        limited = true;
        response.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' });
        response.end('{}');
        return;
      }
      const values = PROJECTS.slice(startAt, startAt + 2);
      return sendJson(response, {
        values,
        startAt,
        maxResults: 2,
        total: PROJECTS.length,
        isLast: startAt + 2 >= PROJECTS.length,
      });
    }
    if (url.pathname === '/rest/api/3/issue/OPS-1') {
      // Hangs until the gateway gives up on it, which only a cancellation makes it do here.
      request.socket.once('close', hangUp);
      return;
    }
    sendJson(response, { errorMessages: ['not here'] }, 404);
  });
  return Object.assign(fake, { hung });
}

/** The gateway in front of the fake, with retries paced at a millisecond. */
function gatewayFor(t: Test, fake: FakeAtlassian, stateful = false): Promise<string> {
  const instance = {
    name: 'cloudy',
    product: 'jira',
    platform: 'cloud',
    url: fake.url,
    timeout: 30,
    auth: { type: 'basic', username: 'a@example.com', token: 'tok-123456' },
  };
  const raw = { instances: [instance], toolsets: ['all'] };
  return serveConfig(t, raw, { stateful, httpTuning: { backoffBaseMs: 1 } });
}

for (const kind of ['http-2026', 'http-2025', 'sse', 'ws-2025', 'ws-2026'] as TransportKind[]) {
  t.test(
    `${kind}: progress for every upstream request of a paged listing, and log messages at the chosen level`,
    async (t) => {
      const fake = await pagingJira(t);
      const url = await gatewayFor(t, fake, kind === 'http-2025');
      const client = await connectClient(url, kind);
      t.teardown(() => client.close());
      const messages: LoggingMessageNotification['params'][] = [];
      client.setNotificationHandler('notifications/message', (notification) => void messages.push(notification.params));

      const modern = kind.endsWith('2026');
      if (!modern) await client.setLoggingLevel('debug');
      const progress: { progress: number; message?: string }[] = [];
      const result = await client.callTool(
        {
          name: 'jira_get_all_projects',
          arguments: {},
          ...(modern ? { _meta: { [LOG_LEVEL_META_KEY]: 'debug' } } : {}),
        },
        { onprogress: (update) => void progress.push(update) },
      );
      t.notOk(result.isError, textOf(result).slice(0, 200));
      t.match(textOf(result), /P5/, 'all three pages were read');

      // The SDK client hands its caller the answer as soon as it arrives and drops progress it has not dispatched
      // by then, so over the connection transports the last one or two may be missing here; the raw WebSocket test
      // below reads every message in the order the gateway sent them.
      const expected = EXPECTED_PROGRESS.slice(0, progress.length);
      t.ok(progress.length >= 4, `${progress.length} progress notifications`);
      t.same(
        progress.map((update) => update.progress),
        expected.map((_, index) => index + 1),
        'increasing, one step at a time',
      );
      t.same(
        progress.map((update) => update.message),
        expected,
        'each says how far the listing got',
      );

      const debug = messages.filter((message) => message.level === 'debug');
      t.equal(debug.length, 3, 'each upstream request logged at debug');
      t.match(debug[1]?.data, {
        tool: 'jira_get_all_projects',
        instance: 'cloudy',
        method: 'GET',
        path: '/rest/api/3/project/search',
        outcome: 200,
      });
      t.match(
        messages.find((message) => message.level === 'warning')?.data,
        { path: '/rest/api/3/project/search', status: 429, message: /answered 429; retrying in \d+ ms/ },
        'the rate-limited attempt, retried inside the request, is a warning',
      );
      t.match(messages.at(-1), {
        level: 'info',
        logger: 'atlassian-mcp-gateway',
        data: { tool: 'jira_get_all_projects', outcome: 'ok', upstream_requests: 3 },
      });
      t.notMatch(
        JSON.stringify(messages),
        /tok-123456|startAt|authorization/i,
        'no credentials, headers or query strings',
      );

      // A higher level filters: only the outcome line (info) comes through, no debug or warning.
      messages.length = 0;
      if (!modern) await client.setLoggingLevel('info');
      await client.callTool({
        name: 'jira_get_all_projects',
        arguments: {},
        ...(modern ? { _meta: { [LOG_LEVEL_META_KEY]: 'info' } } : {}),
      });
      t.same(
        messages.map((message) => message.level),
        ['info'],
        'at info, only the outcome',
      );
    },
  );
}

t.test('a 2026-07-28 request without a log level hears no log messages', async (t) => {
  const fake = await pagingJira(t);
  const client = await connectClient(await gatewayFor(t, fake), 'http-2026');
  t.teardown(() => client.close());
  const messages: unknown[] = [];
  client.setNotificationHandler('notifications/message', (notification) => void messages.push(notification.params));
  const result = await client.callTool({ name: 'jira_get_all_projects', arguments: {} });
  t.notOk(result.isError);
  t.same(messages, []);
});

for (const kind of ['http-2026', 'ws-2025', 'sse'] as TransportKind[]) {
  t.test(`${kind}: cancelling a call aborts its upstream request`, async (t) => {
    const fake = await pagingJira(t);
    const client = await connectClient(await gatewayFor(t, fake), kind);
    t.teardown(() => client.close());
    const controller = new AbortController();
    const call = client.callTool(
      { name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } },
      { signal: controller.signal },
    );
    await waitFor(() => fake.requests.some((request) => request.path === '/rest/api/3/issue/OPS-1'));
    controller.abort();
    await t.rejects(call, 'the client gives up on the call');
    await t.resolves(
      withTimeout(fake.hung, 5000),
      'the gateway dropped the upstream request (the instance timeout is 30 s)',
    );
  });
}

t.test('a cancelled call sends no result (raw WebSocket)', async (t) => {
  const fake = await pagingJira(t);
  const url = await gatewayFor(t, fake);
  const { send, replies } = await rawSession(t, url);
  send({ id: 2, method: 'tools/call', params: { name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } } });
  await waitFor(() => fake.requests.some((request) => request.path === '/rest/api/3/issue/OPS-1'));
  send({ method: 'notifications/cancelled', params: { requestId: 2, reason: 'changed my mind' } });
  await withTimeout(fake.hung, 5000);
  // A ping after the cancellation: once its answer is in, anything the call would have sent is in too.
  send({ id: 3, method: 'ping' });
  await waitFor(() => replies.some((reply) => reply.id === 3));
  t.same(
    replies.filter((reply) => reply.id === 2),
    [],
    'nothing answers the cancelled request',
  );
});

interface RawMessage {
  id?: number;
  method?: string;
  params?: { message?: string; progressToken?: string };
}

/** An initialized 2025-era session over a plain WebSocket, keeping every message the gateway sends. */
async function rawSession(t: Test, url: string): Promise<{ send: (message: object) => void; replies: RawMessage[] }> {
  const socket = new WebSocket(`${url.replace('http', 'ws')}/ws`, 'mcp');
  t.teardown(() => socket.close());
  await new Promise((resolve) => socket.once('open', resolve));
  const replies: RawMessage[] = [];
  socket.on('message', (data) => replies.push(JSON.parse((data as Buffer).toString()) as RawMessage));
  const send = (message: object) => socket.send(JSON.stringify({ jsonrpc: '2.0', ...message }));
  send({
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
  });
  await waitFor(() => replies.some((reply) => reply.id === 1));
  send({ method: 'notifications/initialized' });
  return { send, replies };
}

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms).unref()),
  ]);
}

t.test('over a raw WebSocket: every notification of the call, in order, before its answer', async (t) => {
  const fake = await pagingJira(t);
  const url = await gatewayFor(t, fake);
  const { send, replies } = await rawSession(t, url);
  send({ id: 2, method: 'logging/setLevel', params: { level: 'info' } });
  send({
    id: 3,
    method: 'tools/call',
    params: { name: 'jira_get_all_projects', arguments: {}, _meta: { progressToken: 'p-1' } },
  });
  await waitFor(() => replies.some((reply) => reply.id === 3));
  const ofCall = replies.slice(replies.findIndex((reply) => reply.id === 2) + 1);
  t.same(
    ofCall.map((reply) =>
      reply.method === 'notifications/progress' ? reply.params?.message : (reply.method ?? reply.id),
    ),
    [
      ...EXPECTED_PROGRESS.slice(0, 2),
      'notifications/message',
      ...EXPECTED_PROGRESS.slice(2),
      'notifications/message',
      3,
    ],
    'six progress steps, the retry warning where it happened and the outcome line (debug filtered out), then the answer',
  );
  t.ok(
    ofCall
      .filter((reply) => reply.params?.progressToken !== undefined)
      .every((reply) => reply.params?.progressToken === 'p-1'),
    'the token the call sent',
  );
});
