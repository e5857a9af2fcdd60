/**
 * What the gateway costs the machine: startup time to `/readyz` and idle RSS at 1, 10 and 50 instances; memory
 * per open WebSocket and SSE session while calls are served; stdio from process start to the first `tools/list`
 * and 100 sequential calls; and RSS over a soak of steady calls.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { Client, type Client as McpClient } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { connectClient, type TransportKind } from '../test/helpers/clients.js';
import { startFakeJira } from './fake-jira.js';
import { HEAP_SNAPSHOT_ARGS, retainedHeapBytes, snapshotDirectory } from './heap.js';
import {
  GATEWAY_MAIN,
  gatewayConfigFile,
  rssMiB,
  sleep,
  startGateway,
  stopProcess,
  type GatewayProcess,
  type NodeOptions,
  type SandboxProcess,
} from './processes.js';
import { recordToolCall, replayer } from './replay.js';
import { measure, summarize } from './stats.js';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1000);
const SOAK_S = Number(process.env.BENCH_SOAK_S ?? 300);
const STARTUP_TRIALS = 3;
/** A stdio start is short and cheap to repeat, and noisier than anything else measured here. */
const STDIO_START_TRIALS = 9;
const ISSUE = { issue_key: 'P1-1' };
/** Calls a stdio session makes after the measured 100 before its warm rate is taken. */
const WARM_STDIO_CALLS = 3000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Spawn to `/readyz` 200 (every instance probed), and RSS once settled; the median of a few fresh starts. */
export async function startupSection(sandbox: SandboxProcess): Promise<string[]> {
  const rows = [
    '| instances | startup to /readyz ready, ms (median of 3) | idle RSS MiB | target |',
    '| --- | --- | --- | --- |',
  ];
  for (const count of [1, 10, 50]) {
    const file = gatewayConfigFile(sandbox.url, sandbox.sites.slice(0, count));
    const startups: number[] = [];
    const rss: number[] = [];
    for (let trial = 0; trial < STARTUP_TRIALS; trial++) {
      const gateway = await startGateway(file);
      startups.push(gateway.readyMs);
      await sleep(1000);
      rss.push(rssMiB(gateway.child.pid));
      await stopProcess(gateway.child);
    }
    const target = count === 10 ? 'startup ≤ 1500 ms, RSS ≤ 120 MiB' : '';
    rows.push(`| ${count} | ${median(startups).toFixed(0)} | ${median(rss).toFixed(1)} | ${target} |`);
  }
  return rows;
}

interface SessionWeight {
  rssBefore: number;
  rssOpen: number;
  /** RSS growth per session: an upper bound, since it also counts V8 heap headroom and uncollected garbage. */
  rssPerSessionKiB: number;
  /** Live JS heap per session, from heap snapshots taken after a full garbage collection. */
  heapPerSessionKiB: number;
  calls: number;
}

/**
 * Weighs `SESSIONS` sessions of one transport, each making a call while all earlier ones stay open, on two fresh
 * 1-instance gateways: one for RSS (no snapshots, which would disturb it), one for the retained heap.
 */
async function weighSessions(sandbox: SandboxProcess, kind: TransportKind): Promise<SessionWeight> {
  const rss = await withSessions(sandbox, kind, {}, (gateway) => rssMiB(gateway.child.pid));
  const dir = snapshotDirectory();
  try {
    const heap = await withSessions(sandbox, kind, { nodeArgs: HEAP_SNAPSHOT_ARGS, cwd: dir }, (gateway) =>
      retainedHeapBytes(gateway.child, dir, gateway.url),
    );
    return {
      rssBefore: rss.before,
      rssOpen: rss.open,
      rssPerSessionKiB: ((rss.open - rss.before) * 1024) / SESSIONS,
      heapPerSessionKiB: (heap.open - heap.before) / 1024 / SESSIONS,
      calls: rss.calls,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads `weigh` on a warmed-up gateway, then again with `SESSIONS` sessions open. */
async function withSessions(
  sandbox: SandboxProcess,
  kind: TransportKind,
  node: NodeOptions,
  weigh: (gateway: GatewayProcess) => number | Promise<number>,
) {
  const gateway = await startGateway(gatewayConfigFile(sandbox.url, sandbox.sites.slice(0, 1)), [], node);
  try {
    const warm = await connectClient(gateway.url, kind);
    for (let i = 0; i < 50; i++) await warm.callTool({ name: 'jira_get_issue', arguments: ISSUE });
    await warm.close();
    await sleep(1000);
    const before = await weigh(gateway);
    const clients: McpClient[] = [];
    let calls = 0;
    for (let batch = 0; batch < SESSIONS; batch += 50) {
      const opened = await Promise.all(
        Array.from({ length: Math.min(50, SESSIONS - batch) }, () => connectClient(gateway.url, kind)),
      );
      clients.push(...opened);
      // Calls served while every session opened so far stays open.
      await Promise.all(
        opened.map(async (client) => {
          const result = await client.callTool({ name: 'jira_get_issue', arguments: ISSUE });
          if (result.isError) throw new Error('call failed');
          calls++;
        }),
      );
    }
    await sleep(1000);
    const open = await weigh(gateway);
    await Promise.allSettled(clients.map((client) => client.close()));
    return { before, open, calls };
  } finally {
    await stopProcess(gateway.child);
  }
}

export async function sessionsSection(sandbox: SandboxProcess): Promise<string[]> {
  const rows = [
    `| transport | RSS before, MiB | RSS with ${SESSIONS} sessions open, MiB | RSS growth per session, KiB (upper bound) | live heap per session, KiB | calls served meanwhile | target |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const [label, kind] of [
    ['WebSocket', 'ws-2026'],
    ['SSE', 'sse'],
  ] as const) {
    const weight = await weighSessions(sandbox, kind);
    rows.push(
      `| ${label} | ${weight.rssBefore.toFixed(1)} | ${weight.rssOpen.toFixed(1)} | ${weight.rssPerSessionKiB.toFixed(1)} | ${weight.heapPerSessionKiB.toFixed(1)} | ${weight.calls} | ≤ 30 KiB |`,
    );
  }
  return rows;
}

/**
 * A local client spawning the gateway over stdio, as desktop clients do. Startup is timed from the spawn to the
 * first `tools/list` answer by writing the official client's own recorded request to the fresh process's stdin,
 * so the client SDK's set-up time in this process is not counted; the calls go through the official client, to
 * a fast local fake Jira that replays the sandbox's answers (fake-jira.ts).
 */
export async function stdioSection(sandbox: SandboxProcess): Promise<string[]> {
  const fake = await startFakeJira(sandbox.url);
  try {
    // All toolsets, like every other section; the start is also timed with the toolsets a user gets by default.
    const all = gatewayConfigFile(fake.url, sandbox.sites.slice(0, 1));
    const defaults = gatewayConfigFile(fake.url, sandbox.sites.slice(0, 1), { toolsets: undefined });
    return await measureStdio(stdioArgs(all), stdioArgs(defaults));
  } finally {
    await fake.close();
  }
}

const stdioArgs = (file: string) => [GATEWAY_MAIN, '--transport', 'stdio', '--config', file];

async function measureStdio(args: string[], defaultToolsetArgs: string[]): Promise<string[]> {
  let listRequest: string | undefined;
  const rates: number[] = [];
  const warmRates: number[] = [];
  let rss = 0;
  for (let trial = 0; trial < STARTUP_TRIALS; trial++) {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args,
      env: { PATH: process.env.PATH ?? '' },
      stderr: 'ignore',
    });
    const send = transport.send.bind(transport);
    transport.send = async (message) => {
      if ('method' in message && message.method === 'tools/list') listRequest ??= JSON.stringify(message);
      return send(message);
    };
    const client = new Client({ name: 'bench', version: '1' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(transport);
    await client.listTools();
    const call = async () => {
      const result = await client.callTool({ name: 'jira_get_issue', arguments: ISSUE });
      if (result.isError) throw new Error('stdio call failed');
    };
    rates.push(summarize(await measure(100, 1, call)).perSecond);
    rss = Math.max(rss, rssMiB(transport.pid));
    // The same session once V8 has tiered the call path up: what a long desktop session settles into.
    await measure(WARM_STDIO_CALLS, 1, call);
    warmRates.push(summarize(await measure(1000, 1, call)).perSecond);
    await client.close();
  }
  const startups: number[] = [];
  const defaultStartups: number[] = [];
  for (let trial = 0; trial < STDIO_START_TRIALS; trial++) {
    startups.push(await firstAnswerMs(args, listRequest!));
    defaultStartups.push(await firstAnswerMs(defaultToolsetArgs, listRequest!));
  }
  rates.sort((a, b) => a - b);
  return [
    '| measure | value | target |',
    '| --- | --- | --- |',
    `| process start to the first tools/list answer, all toolsets (median of ${STDIO_START_TRIALS}) | ${median(startups).toFixed(0)} ms | ≤ 250 ms |`,
    `| process start to the first tools/list answer, default toolsets (median of ${STDIO_START_TRIALS}) | ${median(defaultStartups).toFixed(0)} ms | ≤ 250 ms |`,
    `| 100 sequential jira_get_issue calls in one fresh session, fake Jira (median of ${STARTUP_TRIALS}; min ${rates[0]!.toFixed(0)}, max ${rates.at(-1)!.toFixed(0)}) | ${median(rates).toFixed(0)} calls/s | ≥ 900 calls/s |`,
    `| RSS after the 100 calls (largest of ${STARTUP_TRIALS}) | ${rss.toFixed(1)} MiB | ≤ 80 MiB |`,
    `| the same sessions after ${WARM_STDIO_CALLS.toLocaleString('en')} more calls: the next 1,000 (median of ${STARTUP_TRIALS}) | ${median(warmRates).toFixed(0)} calls/s | |`,
  ];
}

/** Spawns the gateway, writes `request` at once, and times the spawn to the answer's arrival. */
function firstAnswerMs(args: string[], request: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { PATH: process.env.PATH ?? '' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (!output.includes('\n')) return;
      const elapsed = performance.now() - started;
      if (!output.includes('"tools"')) reject(new Error(`unexpected answer: ${output.slice(0, 200)}`));
      child.once('exit', () => resolve(elapsed));
      child.stdin.end();
    });
    child.on('error', reject);
    child.stdin.write(`${request}\n`);
  });
}

/** Steady calls for `SOAK_S` seconds; RSS sampled ten times. */
export async function soakSection(sandbox: SandboxProcess): Promise<string[]> {
  const gateway = await startGateway(gatewayConfigFile(sandbox.url, sandbox.sites.slice(0, 1)));
  try {
    const task = replayer(await recordToolCall(`${gateway.url}/mcp`, 'auto', 'jira_get_issue', ISSUE));
    await measure(1000, 8, task);
    const samples: number[] = [rssMiB(gateway.child.pid)];
    let calls = 0;
    const slice = (SOAK_S * 1000) / 10;
    for (let step = 0; step < 10; step++) {
      const until = performance.now() + slice;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (performance.now() < until) {
            await task();
            calls++;
          }
        }),
      );
      samples.push(rssMiB(gateway.child.pid));
    }
    return [
      `${SOAK_S} s of jira_get_issue at 8 in flight (streamable HTTP stateless, 1 instance) after 1,000 warm-up calls: ${calls} calls (${(calls / SOAK_S).toFixed(0)}/s).`,
      '',
      `RSS MiB at the start and after each tenth: ${samples.map((value) => value.toFixed(1)).join(' → ')}.`,
      `Start ${samples[0]!.toFixed(1)} MiB, end ${samples.at(-1)!.toFixed(1)} MiB, highest ${Math.max(...samples).toFixed(1)} MiB.`,
    ];
  } finally {
    await stopProcess(gateway.child);
  }
}
