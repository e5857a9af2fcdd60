/**
 * The parsed-body exchange tells the handler when its client has gone, whether the client left while the request was
 * served or before the exchange began (while authentication or a session lookup was awaited), so a tool call for
 * nobody is aborted instead of spending upstream requests; and an SSE answer to a client that has gone ends at once.
 */
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
