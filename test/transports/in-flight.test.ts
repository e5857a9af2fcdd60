/**
 * The count of requests in flight, which a shutdown waits on, comes back to zero for every request: answered, cut off
 * by its client, or already cut off when it was counted (a client that hung up while it was being authenticated).
 */
import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { InFlightRequests } from '../../src/transports/in-flight.js';

async function serve(t: Test, handle: (response: ServerResponse) => void) {
  const server = http.createServer((request, response) => {
    request.socket.once('close', () => setTimeout(() => handle(response), 20));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const request = http.request({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, method: 'POST' });
  request.on('error', () => undefined);
  request.end('{}');
  setTimeout(() => request.destroy(), 50);
}

t.test('a request whose client left before it was counted does not keep the count up', async (t) => {
  const inFlight = new InFlightRequests();
  const counted = new Promise<void>(
    (resolve) =>
      void serve(t, (response) => {
        inFlight.track(response);
        resolve();
      }),
  );
  await counted;
  await inFlight.idle();
  t.pass('nothing is in flight');
});

t.test('a request counted while its client is there is in flight until the client leaves', async (t) => {
  const inFlight = new InFlightRequests();
  let closeClient!: () => void;
  const server = http.createServer((_request, response) => {
    inFlight.track(response);
    closeClient();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const client = http.request({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, method: 'POST' });
  client.on('error', () => undefined);
  const tracked = new Promise<void>((resolve) => (closeClient = resolve));
  client.end('{}');
  await tracked;
  let idle = false;
  const idled = inFlight.idle().then(() => (idle = true));
  await new Promise((resolve) => setImmediate(resolve));
  t.notOk(idle, 'the request is in flight');
  client.destroy();
  await idled;
  t.ok(idle, 'and is not once its client has gone');
});
