/**
 * The paced rows of the slow-upstream benchmark, the ones the ≤ 5 ms gateway-added p99 target is judged on: 200
 * callers, each starting one call every `BENCH_PACE_MS` (default 2,000 ms: 100 calls/s in all), against an upstream
 * answering in 150 ms, so the gateway is not saturated. Each repeat measures a bare request to the upstream, the floor
 * (floor-proxy.ts: the least a Node.js gateway can do, run the same way), the stack floor (stack-floor.ts: the
 * gateway's stack with nothing of the gateway on it), then this build and any others (`BENCH_PACED_BUILDS`),
 * interleaved so the machine's load hits them alike.
 *
 * Four tables come out of them:
 * - latency at the caller, with the old "gateway-added" columns: the gateway row's percentile minus the bare row's,
 *   two tails of two separate runs (kept for continuity with earlier runs);
 * - the added latency per call at the caller (held-time.ts): each call's latency minus how long the upstream held
 *   that call's own request, so the upstream's jitter cancels out call by call;
 * - the time each call is held at the gateway's own sockets (wire-time.ts), which leaves the load generator's
 *   scheduling out. The target is judged on this;
 * - what the process did meanwhile: CPU and allocation per call and its garbage collections, which the machine's
 *   load stretches less than it stretches latency, and its RSS at the end (what a larger young generation,
 *   `@--max-semi-space-size=…` in `BENCH_PACED_BUILDS`, costs in memory).
 *
 * Knobs: BENCH_PACE_MS (2000), BENCH_PACED_ROUNDS (10), BENCH_PACED_REPEATS (1), BENCH_PACED_BUILDS
 * (`label=other/dist/main.js@node-option,…`).
 */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import got from 'got';
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';
import { bundledScript } from './bundled-script.js';
import { cpuMsOf, machineCpu, stolenPercent } from './cpu.js';
import { GC_TRACE_ARGS, watchGc, type GcSummary } from './gc-trace.js';
import { addedPerCall, percentiles, taggedIssueKey } from './held-time.js';
import { pinAsGateway, PROFILE, rssMiB, startProcess, stopProcess } from './processes.js';
import { recordToolCall } from './replay.js';
import { summarize } from './stats.js';
import { gatewayFor, outcomeReplayer, type FakeUpstream } from './upstream-gateway.js';
import { heldAtGateway, startCapture, type Capture } from './wire-time.js';

export const PACED_CALLERS = 200;
export const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 2000);
export const PACED_ROUNDS = Number(process.env.BENCH_PACED_ROUNDS ?? 10);
const PACED_REPEATS = Number(process.env.BENCH_PACED_REPEATS ?? 1);
const ISSUE = { issue_key: 'P1-1' };
const PROJECT = 'P1';
const FLOOR_MAIN = fileURLToPath(new URL('./floor-proxy.ts', import.meta.url));
const STACK_FLOOR_MAIN = fileURLToPath(new URL('./stack-floor.ts', import.meta.url));

/**
 * Other gateways for the paced rows, measured in the same run: `label=path/to/dist/main.js` entries separated by
 * commas, each optionally followed by Node options, `@`-separated (`small-young=@--max-semi-space-size=4`: this
 * build with that option; an empty path is this build), and by `#` and another Node binary to run it with
 * (`node24=#/opt/node24/bin/node`).
 */
interface PacedBuild {
  label: string;
  /** Another build's `dist/main.js`; this build when absent. */
  main?: string;
  nodeArgs: string[];
  /** Another Node binary; this process's when absent. */
  node?: string;
}

const PACED_BUILDS = (process.env.BENCH_PACED_BUILDS ?? '')
  .split(',')
  .filter(Boolean)
  .map((entry): PacedBuild => {
    const at = entry.indexOf('=');
    const [build = '', node] = (at < 0 ? '' : entry.slice(at + 1)).split('#');
    const [main, ...nodeArgs] = build.split('@');
    const label = at < 0 ? entry : entry.slice(0, at);
    return { label, main: main || undefined, nodeArgs, node: node || undefined };
  });

/**
 * `callers` callers, each starting `task` every `paceMs` (a late call starts the next at once), `rounds` times each;
 * open loop, so the offered rate stays `callers / paceMs` whatever the latency. Starts are spread over the first pace.
 * Every call gets its own tag (0, 1, 2…), and its latency is kept under that tag too.
 */
export async function measurePaced(
  callers: number,
  paceMs: number,
  rounds: number,
  task: (tag: number) => Promise<unknown>,
) {
  const latenciesMs: number[] = [];
  const byTag = new Map<number, number>();
  let nextTag = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async (_, index) => {
      await new Promise((resolve) => setTimeout(resolve, (index * paceMs) / callers));
      for (let round = 0; round < rounds; round++) {
        const tag = nextTag++;
        const begin = performance.now();
        await task(tag);
        const took = performance.now() - begin;
        latenciesMs.push(took);
        byTag.set(tag, took);
        if (took < paceMs) await new Promise((resolve) => setTimeout(resolve, paceMs - took));
      }
    }),
  );
  return { ...summarize({ latenciesMs, seconds: (performance.now() - started) / 1000 }), byTag };
}

const ms = (value: number) => value.toFixed(1);

/** The rows of the three tables (see the header), without their heads. */
export interface PacedRows {
  rows: string[];
  perCall: string[];
  wire: string[];
  server: string[];
}

/** A row of the per-call table: what each call added beyond the upstream's hold of its own request. */
function perCallRow(label: string, holds: Map<number, number[]>, byTag: Map<number, number>): string {
  const added = addedPerCall(byTag, holds);
  const { p50, p99, max } = percentiles(added.addedMs);
  const held = percentiles([...holds.values()].flat());
  const left = added.unmatched + added.repeated;
  return `| ${label} | ${added.addedMs.length} | ${ms(p50)} | ${ms(p99)} | ${ms(max)} | ${ms(held.p50)} / ${ms(held.max)} | ${left} |`;
}

const portOf = (url: string) => Number(new URL(url).port);

/**
 * A row of the wire table (wire-time.ts): what the gateway held each call for on its own, from the kernel's stamps.
 * A call's time at the gateway lies within its latency at the caller, which starts before the request is written and
 * ends after the answer is read; the row counts the calls where it does not, as a check of the pairing (it should
 * read 0).
 */
async function wireRow(
  label: string,
  capture: Capture | { unavailable: string },
  gatewayUrl: string,
  upstreamUrl: string,
  latencyMs: Map<number, number>,
): Promise<string> {
  if ('unavailable' in capture) return `| ${label} | not measured: ${capture.unavailable} | | | | | | | |`;
  const { segments, dropped } = await capture.stop();
  const wire = heldAtGateway(segments, portOf(gatewayUrl), portOf(upstreamUrl));
  const calls = [...wire.calls];
  const outside = calls.filter(([tag, call]) => !(call.spanMs <= (latencyMs.get(tag) ?? -1))).length;
  const held = percentiles(calls.map(([, call]) => call.heldMs));
  const before = percentiles(calls.map(([, call]) => call.beforeUpstreamMs));
  const after = percentiles(calls.map(([, call]) => call.afterUpstreamMs));
  return (
    `| ${label} | ${calls.length} | ${ms(held.p50)} | ${ms(held.p99)} | ${ms(held.max)} | ` +
    `${ms(before.p50)} / ${ms(before.p99)} | ${ms(after.p50)} / ${ms(after.p99)} | ` +
    `${wire.leftOut}, ${wire.untagged} untagged (${dropped} packets dropped) | ${outside} |`
  );
}

/** A process answering tool calls in front of the upstream, for one paced row: a gateway build or a floor. */
interface PacedTarget {
  child: ChildProcess;
  url: string;
  /** Replays the row's tool call with these arguments; says whether it came back a successful result. */
  call: (args?: Record<string, unknown>) => Promise<boolean>;
}

/**
 * The bare request, the two floors and the gateway (default settings, and any `BENCH_PACED_BUILDS`),
 * paced, `BENCH_PACED_REPEATS` times, interleaved within each repeat.
 */
export async function pacedRows(upstream: FakeUpstream, site: SiteDefinition): Promise<PacedRows> {
  const credentials = site.credentials.type === 'basic' ? `${site.credentials.username}:${site.credentials.token}` : '';
  const siteUrl = `${upstream.url}/sites/${site.id}`;
  const authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  const bare = got.extend({ prefixUrl: siteUrl, headers: { authorization } });
  const result: PacedRows = { rows: [], perCall: [], wire: [], server: [] };
  const builds: PacedBuild[] = [{ label: '', nodeArgs: [] }, ...PACED_BUILDS];
  const floor = await bundledScript(FLOOR_MAIN);
  // Bundles live in folders removed at exit (bundled-script.ts); disposing of them below only does it sooner.
  const stackFloor = await bundledScript(STACK_FLOOR_MAIN, { likeTheGateway: true });
  try {
    for (let repeat = 1; repeat <= PACED_REPEATS; repeat++) {
      const tag = PACED_REPEATS > 1 ? ` (run ${repeat})` : '';
      await upstream.held();
      const direct = await measurePaced(PACED_CALLERS, PACE_MS, PACED_ROUNDS, (call) =>
        bare.get(`rest/api/3/issue/${taggedIssueKey(PROJECT, call)}`),
      );
      const bareLabel = `bare request to the upstream${tag}`;
      result.rows.push(
        `| ${PACED_CALLERS}, paced | ${bareLabel} | ${ms(direct.p50)} | ${ms(direct.p99)} | | | ${direct.perSecond.toFixed(0)} | 0 |`,
      );
      result.perCall.push(perCallRow(bareLabel, await upstream.held(), direct.byTag));
      const floorLabel = `the floor: a minimal Node.js proxy (floor-proxy.ts)${tag}`;
      await measureTarget(floorLabel, () => startFloor(floor.file, siteUrl, authorization), upstream, direct, result);
      const stackLabel = `the stack floor: the gateway's stack alone (stack-floor.ts)${tag}`;
      const startStack = () => startStackFloor(stackFloor.file, siteUrl, authorization);
      await measureTarget(stackLabel, startStack, upstream, direct, result);
      for (const build of builds) {
        const label = `gateway${build.label ? ` ${build.label}` : ''}, default \`max_concurrency\` (64)${tag}`;
        await measureTarget(label, () => startGatewayTarget(upstream, site, build), upstream, direct, result);
      }
    }
  } finally {
    floor.dispose();
    stackFloor.dispose();
  }
  return result;
}

/** A gateway build in front of the upstream, with the official client's recorded `jira_get_issue` call. */
async function startGatewayTarget(
  upstream: FakeUpstream,
  site: SiteDefinition,
  build: PacedBuild,
): Promise<PacedTarget> {
  const gateway = await gatewayFor(
    upstream.url,
    site,
    {},
    {},
    { nodeArgs: [...GC_TRACE_ARGS, ...build.nodeArgs], main: build.main, node: build.node },
  );
  try {
    const recorded = await recordToolCall(`${gateway.url}/mcp`, 'auto', 'jira_get_issue', ISSUE);
    return { child: gateway.child, url: gateway.url, call: outcomeReplayer(recorded) };
  } catch (error) {
    await stopProcess(gateway.child);
    throw error;
  }
}

/** The floor proxy, bundled, under plain Node on the gateway's CPUs, answering the same `tools/call` request body. */
async function startFloor(file: string, siteUrl: string, authorization: string): Promise<PacedTarget> {
  const { child, url } = await startBundledFloor(file, siteUrl, authorization);
  const body = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'jira_get_issue', arguments: ISSUE } };
  const call = outcomeReplayer({ url: `${url}/mcp`, headers: { 'content-type': 'application/json' }, body });
  return { child, url, call };
}

/**
 * The stack floor, bundled with the gateway's dependency edits, under plain Node on the gateway's CPUs, answering the
 * official client's recorded call as the gateway does.
 */
async function startStackFloor(file: string, siteUrl: string, authorization: string): Promise<PacedTarget> {
  const { child, url } = await startBundledFloor(file, siteUrl, authorization);
  try {
    const recorded = await recordToolCall(`${url}/mcp`, 'auto', 'jira_get_issue', ISSUE);
    return { child, url, call: outcomeReplayer(recorded) };
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
}

/** Starts a bundled floor in front of the site, pinned where the gateway is pinned; resolves once it prints its URL. */
async function startBundledFloor(
  file: string,
  siteUrl: string,
  authorization: string,
): Promise<{ child: ChildProcess; url: string }> {
  const { child, match } = await startProcess(
    [...PROFILE, ...GC_TRACE_ARGS, file, siteUrl, authorization],
    /^(\{.*\})\n/m,
    'stdout',
  );
  pinAsGateway(child.pid);
  const { url } = JSON.parse(match[1]!) as { url: string };
  return { child, url };
}

/**
 * One paced row of `target`: 3 rounds of warm-up, then `BENCH_PACED_ROUNDS` rounds of tagged calls while the
 * loopback is captured and the process's CPU and collections are read; a row goes into each table.
 */
async function measureTarget(
  label: string,
  start: () => Promise<PacedTarget>,
  upstream: FakeUpstream,
  direct: { p50: number; p99: number },
  result: PacedRows,
): Promise<void> {
  const target = await start();
  const gc = watchGc(target.child);
  let capture: Capture | { unavailable: string } | undefined;
  try {
    await measurePaced(PACED_CALLERS, PACE_MS, 3, () => target.call());
    let failed = 0;
    await upstream.held();
    capture = await startCapture([portOf(target.url), portOf(upstream.url)]);
    gc.mark();
    const cpuBefore = cpuMsOf(target.child.pid) ?? 0;
    const machineBefore = machineCpu();
    const stats = await measurePaced(PACED_CALLERS, PACE_MS, PACED_ROUNDS, async (tagOfCall) => {
      if (!(await target.call({ issue_key: taggedIssueKey(PROJECT, tagOfCall) }))) failed++;
    });
    const cpuMs = (cpuMsOf(target.child.pid) ?? 0) - cpuBefore;
    const stolen = stolenPercent(machineBefore, machineCpu());
    const holds = await upstream.held();
    result.rows.push(
      `| ${PACED_CALLERS}, paced | ${label} | ${ms(stats.p50)} | ${ms(stats.p99)} | ${ms(stats.p50 - direct.p50)} | ${ms(stats.p99 - direct.p99)} | ${stats.perSecond.toFixed(0)} | ${failed} |`,
    );
    result.perCall.push(perCallRow(label, holds, stats.byTag));
    result.wire.push(await wireRow(label, capture, target.url, upstream.url, stats.byTag));
    result.server.push(serverRow(label, stats.calls, cpuMs, gc.summary(), rssMiB(target.child.pid), stolen));
  } finally {
    // A measurement that failed leaves its capture running: stopped here (stopping twice is the same).
    if (capture && 'stop' in capture) await capture.stop().catch(() => undefined);
    await stopProcess(target.child);
  }
}

/**
 * One row of the paced run's server-side table: per call, per 1,000 calls for the collections, RSS at the end, and the
 * share of the machine's CPU time the host took meanwhile (`steal`: the noise no process on this machine controls).
 */
function serverRow(label: string, calls: number, cpuMs: number, gc: GcSummary, rss: number, stolen?: number): string {
  const perThousand = (value: number) => ((value * 1000) / calls).toFixed(1);
  return (
    `| ${label} | ${(cpuMs / calls).toFixed(2)} | ${(gc.allocated / calls / 1024).toFixed(0)} | ${perThousand(gc.scavenges)} | ` +
    `${(gc.copiedPerScavenge / 1024).toFixed(0)} | ${ms(gc.scavengePauseP50Ms)} / ${ms(gc.scavengePauseMaxMs)} | ` +
    `${gc.markCompacts} (${ms(gc.markCompactPauseMaxMs)}) | ${perThousand(gc.pauseTotalMs)} | ${rss.toFixed(0)} | ` +
    `${stolen === undefined ? 'not measured' : stolen.toFixed(1)} |`
  );
}

/** The per-call and server-side tables under their heads, to follow the latency table. */
export function pacedTables(paced: PacedRows): string[] {
  if (!paced.perCall.length) return [];
  return [
    '',
    "Added latency per call at the caller: each call's latency minus how long the " +
      "upstream held that call's own request (a tagged issue key, bench/held-time.ts). The bare row is what a caller " +
      "sees without any proxy: loopback and the load generator's own scheduling.",
    '',
    '| path | calls | added per call p50 ms | added per call p99 ms | added per call max ms | upstream hold p50 / max ms | calls left out |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...paced.perCall,
    '',
    "Added latency per call at the gateway's own sockets (wire-time.ts; the target is judged on this): from the kernel's stamps on the loopback " +
      "packets, each call's time from its request reaching the gateway to the gateway's answer leaving it, minus its " +
      "request's exchange with the upstream. The load generator's scheduling is outside it; what the gateway waits " +
      'for itself (its event loop, its collections, a core) is inside. It is the sum of two stretches: the request ' +
      "in to the upstream request out, and the upstream's answer in to the answer out. The floor's row is what a " +
      "minimal Node.js proxy (floor-proxy.ts) is held on the same machine in the same run; the stack floor's, what " +
      "the gateway's stack is held with nothing of the gateway on it (stack-floor.ts).",
    '',
    '| path | calls | held at the gateway p50 ms | p99 ms | max ms | request in → upstream request out p50 / p99 ms | upstream answer in → answer out p50 / p99 ms | calls left out, requests without a tag | calls outside their latency at the caller |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...paced.wire,
    '',
    "The gateway process, and the floors, during the paced rows (CPU from `/proc`, collections from `--trace-gc-nvp`): allocation per call does not depend on the load; bytes copied per scavenge grow with the calls in flight, so with the latency; pauses are wall time, stretched by a busy machine. On a virtual machine the host may run other guests on its CPUs: the last column is the share of this machine's CPU time it took during the row.",
    '',
    '| path | process CPU ms/call | KiB allocated/call | scavenges per 1,000 calls | KiB copied per scavenge | scavenge pause p50 / max ms | mark-compacts (longest pause ms) | GC pause ms per 1,000 calls | RSS after, MiB | machine CPU taken by the host (steal), % |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...paced.server,
  ];
}
