/**
 * The paced rows of the slow-upstream benchmark, the ones the ≤ 5 ms gateway-added p99 target is judged on: 200
 * callers, each starting one call every `BENCH_PACE_MS` (default 2,000 ms: 100 calls/s in all), against an upstream
 * answering in 150 ms, so the gateway is not saturated. Each repeat measures a bare request to the upstream, then this
 * build and any others (`BENCH_PACED_BUILDS`), interleaved so the machine's load hits them alike.
 *
 * Three tables come out of them:
 * - latency at the caller, with the old "gateway-added" columns: the gateway row's percentile minus the bare row's,
 *   two tails of two separate runs (kept for continuity with earlier runs);
 * - the added latency per call (held-time.ts): each call's latency minus how long the upstream held that call's own
 *   request, so the upstream's jitter and a run's luck with it cancel out call by call. The target is judged on this;
 * - what the gateway process did meanwhile: CPU and allocation per call and its garbage collections, which the
 *   machine's load stretches less than it stretches latency, and its RSS at the end (what a larger young generation,
 *   `@--max-semi-space-size=…` in `BENCH_PACED_BUILDS`, costs in memory).
 *
 * Knobs: BENCH_PACE_MS (2000), BENCH_PACED_ROUNDS (10), BENCH_PACED_REPEATS (1), BENCH_PACED_BUILDS
 * (`label=other/dist/main.js@node-option,…`).
 */
import got from 'got';
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';
import { cpuMsOf } from './cpu.js';
import { GC_TRACE_ARGS, watchGc, type GcSummary } from './gc-trace.js';
import { addedPerCall, percentiles, taggedIssueKey } from './held-time.js';
import { rssMiB, stopProcess } from './processes.js';
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

/** The bare request and the gateway (default settings), paced, `BENCH_PACED_REPEATS` times. */
export async function pacedRows(upstream: FakeUpstream, site: SiteDefinition): Promise<PacedRows> {
  const credentials = site.credentials.type === 'basic' ? `${site.credentials.username}:${site.credentials.token}` : '';
  const bare = got.extend({
    prefixUrl: `${upstream.url}/sites/${site.id}`,
    headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
  });
  const result: PacedRows = { rows: [], perCall: [], wire: [], server: [] };
  const builds: PacedBuild[] = [{ label: '', nodeArgs: [] }, ...PACED_BUILDS];
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
    for (const build of builds) {
      const label = `gateway${build.label ? ` ${build.label}` : ''}, default \`max_concurrency\` (64)${tag}`;
      const gateway = await gatewayFor(
        upstream.url,
        site,
        {},
        {},
        { nodeArgs: [...GC_TRACE_ARGS, ...build.nodeArgs], main: build.main, node: build.node },
      );
      const gc = watchGc(gateway.child);
      let capture: Capture | { unavailable: string } | undefined;
      try {
        const call = outcomeReplayer(await recordToolCall(`${gateway.url}/mcp`, 'auto', 'jira_get_issue', ISSUE));
        await measurePaced(PACED_CALLERS, PACE_MS, 3, () => call());
        let failed = 0;
        await upstream.held();
        capture = await startCapture([portOf(gateway.url), portOf(upstream.url)]);
        gc.mark();
        const cpuBefore = cpuMsOf(gateway.child.pid) ?? 0;
        const stats = await measurePaced(PACED_CALLERS, PACE_MS, PACED_ROUNDS, async (tagOfCall) => {
          if (!(await call({ issue_key: taggedIssueKey(PROJECT, tagOfCall) }))) failed++;
        });
        const cpuMs = (cpuMsOf(gateway.child.pid) ?? 0) - cpuBefore;
        const holds = await upstream.held();
        result.rows.push(
          `| ${PACED_CALLERS}, paced | ${label} | ${ms(stats.p50)} | ${ms(stats.p99)} | ${ms(stats.p50 - direct.p50)} | ${ms(stats.p99 - direct.p99)} | ${stats.perSecond.toFixed(0)} | ${failed} |`,
        );
        result.perCall.push(perCallRow(label, holds, stats.byTag));
        result.wire.push(await wireRow(label, capture, gateway.url, upstream.url, stats.byTag));
        result.server.push(serverRow(label, stats.calls, cpuMs, gc.summary(), rssMiB(gateway.child.pid)));
      } finally {
        // A measurement that failed leaves its capture running: stopped here (stopping twice is the same).
        if (capture && 'stop' in capture) await capture.stop().catch(() => undefined);
        await stopProcess(gateway.child);
      }
    }
  }
  return result;
}

/** One row of the paced run's server-side table: per call, per 1,000 calls for the collections, RSS at the end. */
function serverRow(label: string, calls: number, cpuMs: number, gc: GcSummary, rss: number): string {
  const perThousand = (value: number) => ((value * 1000) / calls).toFixed(1);
  return (
    `| ${label} | ${(cpuMs / calls).toFixed(2)} | ${(gc.allocated / calls / 1024).toFixed(0)} | ${perThousand(gc.scavenges)} | ` +
    `${(gc.copiedPerScavenge / 1024).toFixed(0)} | ${ms(gc.scavengePauseP50Ms)} / ${ms(gc.scavengePauseMaxMs)} | ` +
    `${gc.markCompacts} (${ms(gc.markCompactPauseMaxMs)}) | ${perThousand(gc.pauseTotalMs)} | ${rss.toFixed(0)} |`
  );
}

/** The per-call and server-side tables under their heads, to follow the latency table. */
export function pacedTables(paced: PacedRows): string[] {
  if (!paced.perCall.length) return [];
  return [
    '',
    "Added latency per call (the target is judged on this): each call's latency at the caller minus how long the " +
      "upstream held that call's own request (a tagged issue key, bench/held-time.ts). The bare row is the floor " +
      "without a gateway: loopback and the load generator's own scheduling.",
    '',
    '| path | calls | added per call p50 ms | added per call p99 ms | added per call max ms | upstream hold p50 / max ms | calls left out |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...paced.perCall,
    '',
    "Added latency per call at the gateway's own sockets (wire-time.ts): from the kernel's stamps on the loopback " +
      "packets, each call's time from its request reaching the gateway to the gateway's answer leaving it, minus its " +
      "request's exchange with the upstream. The load generator's scheduling is outside it; what the gateway waits " +
      'for itself (its event loop, its collections, a core) is inside. It is the sum of two stretches: the request ' +
      "in to the upstream request out, and the upstream's answer in to the answer out.",
    '',
    '| path | calls | held at the gateway p50 ms | p99 ms | max ms | request in → upstream request out p50 / p99 ms | upstream answer in → answer out p50 / p99 ms | calls left out, requests without a tag | calls outside their latency at the caller |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...paced.wire,
    '',
    'The gateway process during the paced rows (CPU from `/proc`, collections from `--trace-gc-nvp`): allocation per call does not depend on the load; bytes copied per scavenge grow with the calls in flight, so with the latency; pauses are wall time, stretched by a busy machine.',
    '',
    '| path | gateway CPU ms/call | KiB allocated/call | scavenges per 1,000 calls | KiB copied per scavenge | scavenge pause p50 / max ms | mark-compacts (longest pause ms) | GC pause ms per 1,000 calls | RSS after, MiB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...paced.server,
  ];
}
