/**
 * The parsed-body exchange tells the handler when its client has gone, whether the client left while the request was
 * served or before the exchange began (while authentication or a session lookup was awaited), so a tool call for
 * nobody is aborted instead of spending upstream requests; and an SSE answer to a client that has gone ends at once.
 */
import { getEventListeners } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { parsedBodyExchange, type FetchHandler } from '../../src/transports/parsed-body-exchange.js';

/** A handler that answers only once its request is aborted, as a tool call waiting on a slow upstream would. */
function untilAborted(): FetchHandler & { aborted: Promise<void> } {
  let aborted!: () => void;
  const seen = new Promise<void>((resolve) => (aborted = resolve));
  return {
    aborted: seen,
    fetch: (request) =>
      new Promise<Response>((resolve) => {
        const answer = () => {
          aborted();
          resolve(new Response('data: {}\n\n', { headers: { 'content-type': 'text/event-stream' } }));
        };
        if (request.signal.aborted) answer();
        else request.signal.addEventListener('abort', answer, { once: true });
      }),
  };
}

/** Serves one request: `before` runs first (what the route awaits), then the exchange; resolves when it returns. */
async function serveOnce(
  t: Test,
  handler: FetchHandler,
  before: (request: IncomingMessage) => Promise<void>,
): Promise<{ port: number; served: Promise<void> }> {
  let served!: (value: Promise<void>) => void;
  const done = new Promise<Promise<void>>((resolve) => (served = resolve));
  const exchange = parsedBodyExchange(handler, () => undefined);
  const server = http.createServer((request: IncomingMessage, response: ServerResponse) => {
    served(before(request).then(() => exchange(request, response, { jsonrpc: '2.0', id: 1, method: 'ping' })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.address() as AddressInfo).port, served: done.then((inner) => inner) };
}

function post(port: number): http.ClientRequest {
  const request = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/mcp' });
  request.on('error', () => undefined);
  request.end('{}');
  return request;
}

t.test('a client that left before the exchange began aborts the request at once', async (t) => {
  const handler = untilAborted();
  const { port, served } = await serveOnce(
    t,
    handler,
    (request) =>
      // The route is still awaiting something when the client hangs up.
      new Promise((resolve) => request.socket.once('close', () => setTimeout(resolve, 20))),
  );
  const client = post(port);
  setTimeout(() => client.destroy(), 50);
  await handler.aborted;
  await served;
  t.pass('the handler saw the abort, and the exchange ended');
});

t.test('a client that leaves while the request is served aborts it', async (t) => {
  const handler = untilAborted();
  const { port, served } = await serveOnce(t, handler, async () => undefined);
  const client = post(port);
  setTimeout(() => client.destroy(), 50);
  await handler.aborted;
  await served;
  t.pass('the handler saw the abort, and the exchange ended');
});

t.test('a connection kept alive serves request after request; closing it aborts the one in flight', async (t) => {
  const signals: AbortSignal[] = [];
  let aborted!: () => void;
  const thirdAborted = new Promise<void>((resolve) => (aborted = resolve));
  const handler: FetchHandler = {
    fetch: (request) => {
      signals.push(request.signal);
      if (signals.length === 1) return Promise.resolve(Response.json({ jsonrpc: '2.0', id: 1, result: {} }));
      if (signals.length === 2)
        return Promise.resolve(new Response('data: {}\n\n', { headers: { 'content-type': 'text/event-stream' } }));
      return new Promise<Response>((resolve) =>
        request.signal.addEventListener(
          'abort',
          () => {
            aborted();
            resolve(Response.json({}));
          },
          { once: true },
        ),
      );
    },
  };
  const { port } = await serveOnce(t, handler, async () => undefined);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  t.teardown(() => agent.destroy());
  const send = () =>
    new Promise<{ status: number; body: string; socket: unknown }>((resolve, reject) => {
      const request = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/mcp', agent }, (answer) => {
        let body = '';
        answer.on('data', (chunk: Buffer) => (body += chunk.toString()));
        answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body, socket: request.socket }));
      });
      request.on('error', reject);
      request.end('{}');
    });

  const first = await send();
  t.equal(first.status, 200);
  const second = await send();
  t.equal(second.body, 'data: {}\n\n', 'an event-stream answer is written whole');
  t.equal(second.socket, first.socket, 'both went over one connection');
  t.notOk(signals[1]!.aborted, 'finished requests leave their connection open');
  t.equal(getEventListeners(signals[1]!, 'abort').length, 0, 'and nothing listening on its disconnect signal');

  const third = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/mcp', agent });
  third.on('error', () => undefined);
  third.end('{}');
  await new Promise((resolve) => setTimeout(resolve, 50));
  t.equal(signals.length, 3, 'the third request is being served');
  third.destroy();
  await thirdAborted;
  t.ok(signals[2]!.aborted, 'closing the connection aborts the request in flight');
});
