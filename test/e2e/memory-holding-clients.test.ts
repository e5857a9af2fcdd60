/**
 * Memory ceilings of the gateway process under clients that hold resources, measured in a child process with
 * bounded sizes: an SSE or WebSocket client that stops reading while answers keep coming, and a caller opening
 * thousands of stateful sessions. The figures are printed as test comments; docs/benchmarks.md records them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import WebSocket from 'ws';
import { stringify } from 'yaml';
import { startSandbox } from '@atlassian-mcp-gateway/sandbox';
import { sandboxInstances } from '../../src/cli/demo.js';
import { TEST_SITES } from '../helpers/gateway.js';
import { cleanEnv, NODE_ARGS, startGatewayProcess } from '../helpers/process.js';

const MiB = 1024 * 1024;
const HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-11-25',
};
const INITIALIZE = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'ceilings', version: '1' } },
};

function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match![1]) * 1024;
}

/** The gateway with every toolset of all four test sites (a tools/list answer of about 200 KB), in a child process. */
async function startGateway(t: Test, server: Record<string, unknown>, nodeFlags: readonly string[] = []) {
  const sandbox = await startSandbox({ sites: TEST_SITES });
  t.teardown(() => sandbox.close());
  const configFile = join(t.testdir({}), 'instances.yaml');
  writeFileSync(
    configFile,
    stringify({ toolsets: ['all'], server, instances: sandboxInstances(sandbox, TEST_SITES, ['prod', 'wiki']) }),
  );
  const gateway = await startGatewayProcess(['--config', configFile], cleanEnv(), [...nodeFlags, ...NODE_ARGS]);
  t.teardown(() => {
    if (gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
  });
  return { ...gateway, pid: gateway.child.pid! };
}

/** Lets the process settle and returns its RSS. */
async function settledRss(pid: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 500));
  return rssOf(pid);
}

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

t.test(
  '10,000 stateful sessions opened by one caller fit in a 96 MiB heap: the cap keeps them from piling up',
  async (t) => {
    // A hard ceiling rather than an RSS reading (which heap headroom makes noisy): the V8 heap is limited to 96 MiB,
    // and 10,000 sessions kept at about 14 KiB each would need more than that, so an uncapped gateway runs out of
    // memory and dies.
    const gateway = await startGateway(t, { stateful: true, max_sessions: 100 }, ['--max-old-space-size=96']);
    const opened: string[] = [];
    for (let batch = 0; batch < 100 && gateway.child.exitCode === null; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 100 }, async () => {
          const response = await fetch(`${gateway.url}/mcp`, {
            method: 'POST',
            headers: HEADERS,
            body: JSON.stringify(INITIALIZE),
          }).catch(() => undefined);
          await response?.text();
          return response?.headers.get('mcp-session-id');
        }),
      );
      for (const id of answers) if (id) opened.push(id);
    }
    const rss = await settledRss(gateway.pid).catch(() => Number.NaN);
    t.comment(
      `10,000 sessions, cap 100, heap limit 96 MiB: ${opened.length} opened, RSS ${(rss / MiB).toFixed(1)} MiB at the end`,
    );
    t.equal(gateway.child.exitCode, null, 'the gateway is still running');
    t.equal(opened.length, 10_000, 'every initialize was answered with a session');
    const first = await fetch(`${gateway.url}/mcp`, {
      method: 'POST',
      headers: { ...HEADERS, 'mcp-session-id': opened[0]! },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    t.equal(first.status, 404, 'the least recently used sessions were closed to make room');
  },
);
