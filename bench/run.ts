/**
 * `npm run bench`: tool-call throughput and latency over streamable HTTP with 1 and 10 Jira instances (all
 * toolsets), against a bare got request to the same sandbox endpoint, all measured in one run on loopback.
 * The sandbox and each gateway run in their own processes; this process is the load generator.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import got from 'got';
import { stringify } from 'yaml';
import type { SiteDefinition } from '../src/sandbox/site.js';
import { recordToolCall, replayer } from './replay.js';
import { cpuMsOf } from './cpu.js';
import { measure, summarize, type RunStats, type Samples } from './stats.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const NODE_TSX = ['--import', 'tsx'];

/** `BENCH_PROFILE=dir` writes a CPU profile of every gateway process there, for finding hot spots. */
const PROFILE = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];

function startProcess(args: string[], ready: RegExp, stream: 'stdout' | 'stderr', nodeArgs: string[] = []): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, ...NODE_TSX, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
    let output = '';
    child[stream]!.on('data', (chunk) => {
      output += chunk;
      const match = ready.exec(output);
      if (match) resolve({ child, match });
    });
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${output}`)));
  });
}

async function startGateway(sandboxUrl: string, sites: SiteDefinition[]): Promise<{ child: ChildProcess; url: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-bench-'));
  const file = join(dir, 'instances.yaml');
  const instances = sites.map((site, index) => ({
    name: site.id,
    product: 'jira',
    platform: 'cloud',
    default: index === 0,
    url: `${sandboxUrl}/sites/${site.id}`,
    auth: site.credentials,
  }));
  writeFileSync(file, stringify({ toolsets: ['all'], log_level: 'warn', instances }));
  const { child, match } = await startProcess(['src/main.ts', '--config', file, '--port', '0', '--log-level', 'info'], /"url":"(http:\/\/[^"]+)"/, 'stderr', PROFILE);
  return { child, url: match[1]! };
}

/** Calls through the gateway, replaying the official client's request (see replay.ts). */
async function gatewayTask(url: string, mode: 'legacy' | 'auto'): Promise<() => Promise<void>> {
  return replayer(await recordToolCall(`${url}/mcp`, mode, 'jira_get_issue', { issue_key: 'P1-1' }));
}

/** The same calls through the official client end to end, its own per-call work included. */
async function officialClientTask(url: string): Promise<{ task: () => Promise<void>; close: () => Promise<void> }> {
  const client = new Client({ name: 'bench', version: '1' }, { versionNegotiation: { mode: 'auto' } });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
  return {
    task: async () => {
      const result = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'P1-1' } });
      if (result.isError) throw new Error(JSON.stringify(result.content));
    },
    close: () => client.close(),
  };
}

function bareTask(sandboxUrl: string, site: SiteDefinition): () => Promise<unknown> {
  const credentials = site.credentials.type === 'basic' ? `${site.credentials.username}:${site.credentials.token}` : '';
  const client = got.extend({
    prefixUrl: `${sandboxUrl}/sites/${site.id}`,
    headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
    responseType: 'json',
  });
  const fields = 'summary,status,issuetype,priority,assignee,reporter,created,updated,duedate,resolution,labels,components,fixVersions,project,parent,description,comment';
  return () => client.get('rest/api/3/issue/P1-1', { searchParams: { fields } });
}

/**
 * Runs every scenario in interleaved rounds so that warm-up, JIT and background noise fall on all of them
 * alike; each scenario's samples are pooled across rounds.
 */
async function runRounds(scenarios: Record<string, Scenario>): Promise<Record<string, RunStats & { gatewayCpuMs?: number }>> {
  const samples: Record<string, Samples & { cpuMs?: number }> = {};
  for (const [name, { task }] of Object.entries(scenarios)) {
    await measure(WARMUP, CONCURRENCY, task);
    samples[name] = { latenciesMs: [], seconds: 0 };
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, { task, pid }] of Object.entries(scenarios)) {
      const before = cpuMsOf(pid);
      await measure(Math.ceil(CALLS / ROUNDS), CONCURRENCY, task, samples[name]);
      const after = cpuMsOf(pid);
      if (before !== undefined && after !== undefined) samples[name]!.cpuMs = (samples[name]!.cpuMs ?? 0) + after - before;
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, value]) => [name, { ...summarize(value), gatewayCpuMs: value.cpuMs === undefined ? undefined : value.cpuMs / value.latenciesMs.length }]),
  );
}

/** A measured workload; `pid` names the gateway process whose CPU time is attributed to it. */
interface Scenario {
  task: () => Promise<unknown>;
  pid?: number;
}

const row = (name: string, stats: RunStats & { gatewayCpuMs?: number }) =>
  `| ${name} | ${stats.perSecond.toFixed(0)} | ${stats.p50.toFixed(2)} | ${stats.p99.toFixed(2)} | ${stats.gatewayCpuMs === undefined ? '–' : stats.gatewayCpuMs.toFixed(2)} |`;

async function main(): Promise<void> {
  const { child: sandboxProcess, match } = await startProcess(['bench/sandbox-process.ts', '10'], /^(\{.*\})\n/m, 'stdout');
  const { url: sandboxUrl, sites } = JSON.parse(match[1]!) as { url: string; sites: SiteDefinition[] };
  const children: ChildProcess[] = [sandboxProcess];
  try {
    const one = await startGateway(sandboxUrl, sites.slice(0, 1));
    const ten = await startGateway(sandboxUrl, sites);
    children.push(one.child, ten.child);
    const official = await officialClientTask(one.url);
    const results = await runRounds({
      bare: { task: bareTask(sandboxUrl, sites[0]!) },
      one2026: { task: await gatewayTask(one.url, 'auto'), pid: one.child.pid },
      ten2026: { task: await gatewayTask(ten.url, 'auto'), pid: ten.child.pid },
      one2025: { task: await gatewayTask(one.url, 'legacy'), pid: one.child.pid },
      ten2025: { task: await gatewayTask(ten.url, 'legacy'), pid: ten.child.pid },
      official: { task: official.task, pid: one.child.pid },
    });
    await official.close();
    const [bare, one2026, ten2026, one2025, ten2025] = (['bare', 'one2026', 'ten2026', 'one2025', 'ten2025'] as const).map((name) => results[name]!) as [RunStats, RunStats, RunStats, RunStats, RunStats];
    const lines = [
      `Date: ${new Date().toISOString().slice(0, 10)} · Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
      `Workload: jira_get_issue (Cloud issue with ADF description and 5 comments), ${CALLS} calls per scenario in ${ROUNDS} interleaved rounds after ${WARMUP} warm-up, ${CONCURRENCY} in flight; sandbox, gateways and load generator in separate processes on loopback. Gateway rows replay the official client's recorded request with got, like the bare row.`,
      '',
      '| scenario | calls/s | p50 ms | p99 ms | gateway CPU ms/call |',
      '| --- | --- | --- | --- | --- |',
      row('bare got GET to the sandbox (ceiling)', bare),
      row('gateway, 1 instance, streamable HTTP stateless, 2026-07-28', one2026),
      row('gateway, 10 instances, streamable HTTP stateless, 2026-07-28', ten2026),
      row('gateway, 1 instance, streamable HTTP stateless, 2025-11-25', one2025),
      row('gateway, 10 instances, streamable HTTP stateless, 2025-11-25', ten2025),
      row('official MCP client end to end, 1 instance, 2026-07-28 (client work included)', results.official!),
      '',
      '| ratio | measured | target |',
      '| --- | --- | --- |',
      `| 10 instances ÷ 1 instance (2026-07-28) | ${(ten2026.perSecond / one2026.perSecond).toFixed(2)} | ≥ 0.9 |`,
      `| 10 instances ÷ 1 instance (2025-11-25) | ${(ten2025.perSecond / one2025.perSecond).toFixed(2)} | ≥ 0.9 |`,
      `| gateway (1 instance, 2026-07-28) ÷ bare request | ${(one2026.perSecond / bare.perSecond).toFixed(2)} | ≥ 0.5 |`,
      `| gateway (1 instance, 2025-11-25) ÷ bare request | ${(one2025.perSecond / bare.perSecond).toFixed(2)} | ≥ 0.5 |`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'))));
  }
}

await main();
