/**
 * Tool-call throughput and latency for `jira_get_issue` at 1, 10 and 50 configured instances (all toolsets) and
 * over every transport, against a bare got request to the same sandbox endpoint (the ceiling); then `tools/list`
 * latency at 1, 10 and 50 instances. Every scenario runs in interleaved rounds within one run.
 */
import { availableParallelism } from 'node:os';
import type { Client } from '@modelcontextprotocol/client';
import got from 'got';
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';
import { connectClient, type TransportKind } from '../test/helpers/clients.js';
import { cpuMsOf } from './cpu.js';
import { gatewayConfigFile, startGateway, type GatewayProcess, type SandboxProcess } from './processes.js';
import { recordRequest, recordToolCall, replayer } from './replay.js';
import { measure, summarize, type RunStats, type Samples } from './stats.js';
import { describeWarmUp, warmUp, type WarmUp } from './warm-up.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const LIST_CALLS = Number(process.env.BENCH_LIST_CALLS ?? 500);
const ISSUE = { issue_key: 'P1-1' };

/** A measured workload; `pid` names the gateway process whose CPU time is attributed to it. */
export interface Scenario {
  label: string;
  task: () => Promise<unknown>;
  pid?: number;
}

function bareTask(sandboxUrl: string, site: SiteDefinition): () => Promise<unknown> {
  const credentials = site.credentials.type === 'basic' ? `${site.credentials.username}:${site.credentials.token}` : '';
  const client = got.extend({
    prefixUrl: `${sandboxUrl}/sites/${site.id}`,
    headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
    responseType: 'json',
  });
  const fields =
    'summary,status,issuetype,priority,assignee,reporter,created,updated,duedate,resolution,labels,components,fixVersions,project,parent,description,comment';
  return () => client.get('rest/api/3/issue/P1-1', { searchParams: { fields } });
}

/** Calls through the gateway, replaying the official client's request (see replay.ts). */
export async function replayTask(gateway: GatewayProcess, mode: 'legacy' | 'auto'): Promise<() => Promise<void>> {
  return replayer(await recordToolCall(`${gateway.url}/mcp`, mode, 'jira_get_issue', ISSUE));
}

/** The official client end to end over one transport, several calls in flight on one session. */
async function clientTask(
  gateway: GatewayProcess,
  kind: TransportKind,
  opened: Client[],
): Promise<() => Promise<void>> {
  const client = await connectClient(gateway.url, kind);
  opened.push(client);
  return async () => {
    const result = await client.callTool({ name: 'jira_get_issue', arguments: ISSUE });
    if (result.isError) throw new Error(JSON.stringify(result.content));
  };
}

/** CPU ms per call spent by each process in the exchange; the machine's cores are shared by all three. */
interface CpuPerCall {
  gateway?: number;
  sandbox: number;
  loadGenerator: number;
}

export type Result = RunStats & { cpu: CpuPerCall; warmUp: WarmUp };

/** Running CPU totals of the three processes, in ms. */
function cpuNow(gatewayPid: number | undefined, sandboxPid: number | undefined) {
  const own = process.cpuUsage();
  return {
    gateway: cpuMsOf(gatewayPid),
    sandbox: cpuMsOf(sandboxPid) ?? 0,
    loadGenerator: (own.user + own.system) / 1000,
  };
}

/**
 * Warms every scenario until its cost per call settles (warm-up.ts), then runs them in interleaved rounds so
 * that background noise falls on all of them alike; each round starts one scenario later than the last, so no
 * scenario always follows the same one. Each scenario's samples and CPU are pooled across rounds.
 */
export async function runRounds(
  scenarios: Record<string, Scenario>,
  sandboxPid: number | undefined,
): Promise<Record<string, Result>> {
  const samples: Record<string, Samples & { cpu: CpuPerCall; warmUp: WarmUp }> = {};
  for (const [name, { task, pid }] of Object.entries(scenarios)) {
    samples[name] = {
      latenciesMs: [],
      seconds: 0,
      cpu: { sandbox: 0, loadGenerator: 0 },
      warmUp: await warmUp(task, CONCURRENCY, pid),
    };
  }
  const entries = Object.entries(scenarios);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, { task, pid }] of entries.map((_, index) => entries[(index + round) % entries.length]!)) {
      const scenario = samples[name]!;
      const before = cpuNow(pid, sandboxPid);
      await measure(Math.ceil(CALLS / ROUNDS), CONCURRENCY, task, scenario);
      const after = cpuNow(pid, sandboxPid);
      if (before.gateway !== undefined && after.gateway !== undefined)
        scenario.cpu.gateway = (scenario.cpu.gateway ?? 0) + after.gateway - before.gateway;
      scenario.cpu.sandbox += after.sandbox - before.sandbox;
      scenario.cpu.loadGenerator += after.loadGenerator - before.loadGenerator;
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, { cpu, warmUp, ...measured }]) => {
      const calls = measured.latenciesMs.length;
      const perCall = {
        gateway: cpu.gateway === undefined ? undefined : cpu.gateway / calls,
        sandbox: cpu.sandbox / calls,
        loadGenerator: cpu.loadGenerator / calls,
      };
      return [name, { ...summarize(measured), cpu: perCall, warmUp }];
    }),
  );
}

export const HEADER = [
  '| scenario | calls/s | p50 ms | p99 ms | CPU ms/call: gateway · sandbox · load generator | warm-up calls: ms/call first → settled |',
  '| --- | --- | --- | --- | --- | --- |',
];

const cpuCell = ({ gateway, sandbox, loadGenerator }: CpuPerCall) =>
  `${gateway === undefined ? '–' : gateway.toFixed(2)} · ${sandbox.toFixed(2)} · ${loadGenerator.toFixed(2)}`;

export const row = (label: string, stats: Result) =>
  `| ${label} | ${stats.perSecond.toFixed(0)} | ${stats.p50.toFixed(2)} | ${stats.p99.toFixed(2)} | ${cpuCell(stats.cpu)} | ${describeWarmUp(stats.warmUp)} |`;

/** All the CPU one call costs the machine, whichever process spends it. */
const totalCpu = ({ gateway = 0, sandbox, loadGenerator }: CpuPerCall) => gateway + sandbox + loadGenerator;

export const ratio = (label: string, value: number, target: string) => `| ${label} | ${value.toFixed(2)} | ${target} |`;

export async function throughputSection(sandbox: SandboxProcess): Promise<string[]> {
  const start = (count: number, args: string[] = []) =>
    startGateway(gatewayConfigFile(sandbox.url, sandbox.sites.slice(0, count)), args);
  const one = await start(1);
  const ten = await start(10);
  const fifty = await start(50);
  const stateful = await start(1, ['--stateful']);
  const clients: Client[] = [];
  try {
    // Instance scaling: the three gateways alone, so nothing else shares their rounds.
    const scaling: Record<string, Scenario> = {
      one: {
        label: 'gateway, 1 instance, streamable HTTP stateless, 2026-07-28',
        task: await replayTask(one, 'auto'),
        pid: one.child.pid,
      },
      ten: {
        label: 'gateway, 10 instances, streamable HTTP stateless, 2026-07-28',
        task: await replayTask(ten, 'auto'),
        pid: ten.child.pid,
      },
      fifty: {
        label: 'gateway, 50 instances, streamable HTTP stateless, 2026-07-28',
        task: await replayTask(fifty, 'auto'),
        pid: fifty.child.pid,
      },
    };
    const transports: Record<string, Scenario> = {
      bare: { label: 'bare got GET to the sandbox (ceiling)', task: bareTask(sandbox.url, sandbox.sites[0]!) },
      modern: {
        label: 'gateway, 1 instance, streamable HTTP stateless, 2026-07-28',
        task: await replayTask(one, 'auto'),
        pid: one.child.pid,
      },
      legacy: {
        label: 'gateway, 1 instance, streamable HTTP stateless, 2025-11-25',
        task: await replayTask(one, 'legacy'),
        pid: one.child.pid,
      },
      clientHttp: {
        label: 'official client, 1 instance, streamable HTTP stateless, 2026-07-28',
        task: await clientTask(one, 'http-2026', clients),
        pid: one.child.pid,
      },
      clientStateful: {
        label: 'official client, 1 instance, streamable HTTP stateful session, 2025-11-25',
        task: await clientTask(stateful, 'http-2025', clients),
        pid: stateful.child.pid,
      },
      clientSse: {
        label: 'official client, 1 instance, SSE',
        task: await clientTask(one, 'sse', clients),
        pid: one.child.pid,
      },
      clientWs: {
        label: 'official client, 1 instance, WebSocket, 2026-07-28',
        task: await clientTask(one, 'ws-2026', clients),
        pid: one.child.pid,
      },
      clientWs50: {
        label: 'official client, 50 instances, WebSocket, 2026-07-28',
        task: await clientTask(fifty, 'ws-2026', clients),
        pid: fifty.child.pid,
      },
    };
    const scaled = await runRounds(scaling, sandbox.child.pid);
    const served = await runRounds(transports, sandbox.child.pid);
    const lists = await toolsListLatency({ 1: one, 10: ten, 50: fifty });
    const s = (name: string) => scaled[name]!;
    const r = (name: string) => served[name]!;
    return [
      `Workload: jira_get_issue (Cloud issue with ADF description and 5 comments), ${CONCURRENCY} in flight. Each scenario is first warmed in batches of 1,000 calls until three batches in a row cost within 5% of each other (gateway CPU per call; wall time for the bare row), then measured over ${CALLS} calls in ${ROUNDS} interleaved rounds. "Gateway" rows replay the official client's recorded request with got, like the bare row; "official client" rows drive the MCP client SDK end to end (its own per-call work included), ${CONCURRENCY} calls in flight on one session.`,
      '',
      'Instance scaling (the three gateways interleaved on their own):',
      '',
      ...HEADER,
      ...Object.entries(scaling).map(([name, scenario]) => row(scenario.label, s(name))),
      '',
      'Transports and the ceiling (interleaved with each other):',
      '',
      ...HEADER,
      ...Object.entries(transports).map(([name, scenario]) => row(scenario.label, r(name))),
      '',
      '| ratio | measured | target |',
      '| --- | --- | --- |',
      ratio('10 instances ÷ 1 instance', s('ten').perSecond / s('one').perSecond, '≥ 0.9'),
      ratio('50 instances ÷ 1 instance', s('fifty').perSecond / s('one').perSecond, '≥ 0.8'),
      ratio(
        '50 instances ÷ 1 instance, WebSocket (official client)',
        r('clientWs50').perSecond / r('clientWs').perSecond,
        '≥ 0.8',
      ),
      ratio(
        'gateway (1 instance, stateless, 2026-07-28) ÷ bare request',
        r('modern').perSecond / r('bare').perSecond,
        '≥ 0.5',
      ),
      ratio(
        'gateway (1 instance, stateless, 2025-11-25) ÷ bare request',
        r('legacy').perSecond / r('bare').perSecond,
        '≥ 0.5',
      ),
      '',
      `The load generator, the sandbox and the gateway share this machine's ${availableParallelism()} cores, so a saturated scenario's rate is set by the CPU one call costs all three together: ${totalCpu(r('bare').cpu).toFixed(2)} ms for the bare request, ${totalCpu(r('modern').cpu).toFixed(2)} ms through the gateway (stateless, 2026-07-28). Their quotient, ${(totalCpu(r('bare').cpu) / totalCpu(r('modern').cpu)).toFixed(2)}, is the ratio to expect here.`,
      '',
      `tools/list (all toolsets), ${LIST_CALLS} sequential requests per gateway after 50 warm-up, replayed like the gateway rows:`,
      '',
      '| instances | tools | p50 ms | p99 ms | target |',
      '| --- | --- | --- | --- | --- |',
      ...lists.map(
        ({ instances, tools, stats }) =>
          `| ${instances} | ${tools} | ${stats.p50.toFixed(2)} | ${stats.p99.toFixed(2)} | ${instances === 10 ? 'p50 < 5 ms' : ''} |`,
      ),
    ];
  } finally {
    await Promise.allSettled(clients.map((client) => client.close()));
  }
}

async function toolsListLatency(
  gateways: Record<number, GatewayProcess>,
): Promise<Array<{ instances: number; tools: number; stats: RunStats }>> {
  const rows = [];
  for (const [instances, gateway] of Object.entries(gateways)) {
    let tools = 0;
    const recorded = await recordRequest(`${gateway.url}/mcp`, 'auto', 'tools/list', async (client) => {
      tools = (await client.listTools()).tools.length;
    });
    const task = replayer(recorded);
    await measure(50, 1, task);
    rows.push({ instances: Number(instances), tools, stats: summarize(await measure(LIST_CALLS, 1, task)) });
  }
  return rows;
}
