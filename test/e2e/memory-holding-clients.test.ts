/**
 * Memory ceilings of the gateway process under clients that hold resources, measured in a child process with
 * bounded sizes: an SSE or WebSocket client that stops reading while answers keep coming (a caller opening thousands
 * of stateful sessions is memory-many-sessions.test.ts). The figures are printed as test comments;
 * docs/benchmarks.md records them.
 */
import http from 'node:http';
import t from 'tap';
import WebSocket from 'ws';
import { HEADERS, INITIALIZE, MiB, rssOf, settledRss, startGateway } from '../helpers/memory-ceilings.js';

const toolsList = (id: number) => ({ jsonrpc: '2.0', id, method: 'tools/list' });

t.test('an SSE client that stops reading is disconnected at its buffer limit; memory stays bounded', async (t) => {
  const gateway = await startGateway(t, { connection_buffer_limit: 2 * MiB });
  const before = await settledRss(gateway.pid);
  const { port } = new URL(gateway.url);
  const stream = await new Promise<http.IncomingMessage>((resolve) =>
    http.get({ host: '127.0.0.1', port, path: '/sse', headers: { accept: 'text/event-stream' } }, resolve),
  );
  const endpoint = await new Promise<string>((resolve) =>
    stream.once('data', (chunk) => resolve(/data: (\S+)/.exec(String(chunk))![1]!)),
  );
  stream.pause();
  const disconnected = new Promise<void>((resolve) => {
    stream.socket.once('close', () => resolve());
    stream.socket.on('error', () => undefined);
  });
  const post = (body: unknown) =>
    fetch(`${gateway.url}${endpoint}`, { method: 'POST', headers: HEADERS, body: JSON.stringify(body) });
  await post(INITIALIZE);
  let sent = 0;
  let refused = false;
  // 1,500 answers of about 200 KB would be 300 MB held for a client that reads nothing.
  while (sent < 1_500 && !refused) {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, index) => post(toolsList(sent + index + 1))));
    sent += answers.length;
    refused = answers.some((answer) => answer.status === 404);
  }
  const peak = rssOf(gateway.pid);
  const growth = peak - before;
  t.comment(
    `SSE, client not reading: RSS ${(before / MiB).toFixed(1)} → ${(peak / MiB).toFixed(1)} MiB at the peak (${(growth / MiB).toFixed(1)} MiB) after ${sent} answers`,
  );
  t.ok(growth < 96 * MiB, `RSS grew ${(growth / MiB).toFixed(1)} MiB, under the 96 MiB ceiling`);
  t.ok(refused, `the stream was dropped: its session was gone after ${sent} requests`);
  stream.resume();
  if (refused) await disconnected;
  t.match(gateway.stderr(), /client stopped reading its stream: disconnected/);
});

t.test('a WebSocket client that stops reading is disconnected at its buffer limit; memory stays bounded', async (t) => {
  const gateway = await startGateway(t, { connection_buffer_limit: 2 * MiB });
  const before = await settledRss(gateway.pid);
  const socket = new WebSocket(`${gateway.url.replace('http', 'ws')}/ws`, 'mcp');
  await new Promise((resolve) => socket.once('open', resolve));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  socket.send(JSON.stringify(INITIALIZE));
  await new Promise((resolve) => socket.once('message', resolve));
  socket.pause();
  let sent = 0;
  let open = true;
  void closed.then(() => (open = false));
  while (sent < 1_500 && open) {
    for (let index = 0; index < 50; index++) socket.send(JSON.stringify(toolsList(++sent)));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const peak = rssOf(gateway.pid);
  const growth = peak - before;
  t.comment(
    `WebSocket, client not reading: RSS ${(before / MiB).toFixed(1)} → ${(peak / MiB).toFixed(1)} MiB at the peak (${(growth / MiB).toFixed(1)} MiB) after ${sent} requests`,
  );
  t.ok(growth < 96 * MiB, `RSS grew ${(growth / MiB).toFixed(1)} MiB, under the 96 MiB ceiling`);
  t.notOk(open, 'the gateway closed the socket');
  socket.resume();
  if (!open) await closed;
  else socket.terminate();
  t.match(gateway.stderr(), /client stopped reading its socket: disconnected/);
});
