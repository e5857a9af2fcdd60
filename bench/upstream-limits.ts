/**
 * The gateway in front of a slow and a rate-limiting Atlassian. A fake upstream on loopback answers every request
 * with the sandbox's own answer (fetched once, then served from memory) after a fixed delay, and can enforce a
 * request budget with 429s and Atlassian's rate-limit headers.
 *
 * - Slow upstream: 200 callers at once against an upstream answering in 150 ms; the gateway-added latency is the
 *   p50/p99 through the gateway minus the same percentiles of a bare request to the upstream. Run with
 *   `max_concurrency` above the number of callers (what the gateway itself costs) and at its default of 64 (the
 *   queueing the cap causes when more callers than that share one instance).
 * - Paced: the same 200 callers, each starting one call every `BENCH_PACE_MS` (default 2,000 ms: 100 calls/s in all),
 *   so the gateway is not saturated and its added latency is its own work plus whatever the machine's other load
 *   costs, not a queue of callers waiting for a core. Same subtraction of the bare request's percentiles.
 * - Rate-limited upstream: callers well over the upstream's budget; counts the 429s the upstream sent against the
 *   failed calls callers saw, without and with `requests_per_second` set to the budget.
 *
 * Knobs: BENCH_SLOW_CALLS (default 4000), BENCH_LIMITED_SECONDS (default 10), BENCH_PACE_MS (2000),
 * BENCH_PACED_ROUNDS (10), BENCH_UPSTREAM_PARTS (`slow,paced,limited`: which parts run), BENCH_PACED_REPEATS (1) and
 * BENCH_PACED_BUILDS (`label=other/dist/main.js@node-option,…`: other builds or Node options measured beside this
 * build, interleaved, in the paced rows). The paced rows come with a second table of what the gateway process did
 * meanwhile: CPU and allocation per call and its garbage collections, which the machine's load stretches less than
 * it stretches latency.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import got from 'got';
import { parse, stringify } from 'yaml';
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';
import { cpuMsOf } from './cpu.js';
import { GC_TRACE_ARGS, watchGc, type GcSummary } from './gc-trace.js';
import {
  gatewayConfigFile,
  startGateway,
  startProcess,
  stopProcess,
  type NodeOptions,
  type SandboxProcess,
} from './processes.js';
import { recordToolCall, type RecordedCall } from './replay.js';
import { measure, summarize } from './stats.js';

const SLOW_CALLS = Number(process.env.BENCH_SLOW_CALLS ?? 4000);
const SLOW_CALLERS = 200;
const SLOW_DELAY_MS = 150;
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 2000);
const PACED_ROUNDS = Number(process.env.BENCH_PACED_ROUNDS ?? 10);
export const LIMITED_SECONDS = Number(process.env.BENCH_LIMITED_SECONDS ?? 10);
export const LIMITED_CALLERS = 50;
/** The fake's budget: this many requests per second, refilled continuously, with a burst of one second's worth. */
export const BUDGET_PER_SECOND = 40;
const ISSUE = { issue_key: 'P1-1' };
const UPSTREAM_MAIN = fileURLToPath(new URL('./upstream-process.ts', import.meta.url));

/** The fake upstream's process (upstream-process.ts): its URL, and what it answered and refused. */
export interface FakeUpstream {
  url: string;
  counts(): Promise<{ refused: number; answered: number }>;
  reset(): Promise<unknown>;
  close(): Promise<unknown>;
}

export async function startFakeUpstream(sandboxUrl: string, delayMs: number, perSecond = 0): Promise<FakeUpstream> {
  const { child, match } = await startProcess(
    ['--import', 'tsx', UPSTREAM_MAIN, sandboxUrl, String(delayMs), String(perSecond)],
    /^(\{.*\})\n/m,
    'stdout',
  );
  const { url } = JSON.parse(match[1]!) as { url: string };
  return {
    url,
    counts: () => got(`${url}/__counts`).json<{ refused: number; answered: number }>(),
    reset: () => got.post(`${url}/__reset`),
    close: () => stopProcess(child),
  };
}

/**
 * A gateway process with one instance (`site`) whose requests go to `upstreamUrl`; `settings` go into the instance,
 * `top` into the configuration (`state.redis_url`), `node` says how Node runs it.
 */
export async function gatewayFor(
  upstreamUrl: string,
  site: SiteDefinition,
  settings: Record<string, unknown>,
  top: Record<string, unknown> = {},
  node: NodeOptions = {},
) {
  const file = gatewayConfigFile(upstreamUrl, [site], top);
  // gatewayConfigFile writes plain instances; the settings under test are merged into the one instance.
  const config = parse(readFileSync(file, 'utf8')) as { instances: Array<Record<string, unknown>> };
  config.instances[0] = { ...config.instances[0], ...settings };
  writeFileSync(file, stringify(config));
  return startGateway(file, [], node);
}

/** The first few distinct failed answers, written to stderr at the end so a failure count can be explained. */
const failures = new Set<string>();

/** Replays a recorded call and says whether it came back as a successful result. */
export function outcomeReplayer(call: RecordedCall): () => Promise<boolean> {
  const client = got.extend({ headers: call.headers, retry: { limit: 0 }, timeout: { request: 120_000 } });
  let id = 1_000;
  return async () => {
    const text = (await client.post(call.url, { body: JSON.stringify({ ...call.body, id: ++id }) })).body;
    const json = text.startsWith('{') ? text : (/^data: (.*)$/m.exec(text)?.[1] ?? '');
    const ok = json.includes('"result"') && !json.includes('"isError":true');
    if (!ok && failures.size < 5) failures.add(json.slice(0, 400));
    return ok;
  };
}

const ms = (value: number) => value.toFixed(1);

/** Latency of the bare request and through the gateway at `callers` in flight; the rows of one table. */
async function slowRows(
  upstream: FakeUpstream,
  site: SiteDefinition,
  callers: number,
  calls: number,
): Promise<string[]> {
  const credentials = site.credentials.type === 'basic' ? `${site.credentials.username}:${site.credentials.token}` : '';
  const bare = got.extend({
    prefixUrl: `${upstream.url}/sites/${site.id}`,
    headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
  });
  await measure(callers, callers, () => bare.get('rest/api/3/issue/P1-1'));
  const direct = summarize(await measure(calls, callers, () => bare.get('rest/api/3/issue/P1-1')));
  const rows = [
    `| ${callers} | bare request to the upstream | ${ms(direct.p50)} | ${ms(direct.p99)} | | | ${direct.perSecond.toFixed(0)} | 0 |`,
  ];
  for (const [label, settings] of [
    ['gateway, `max_concurrency: 256`', { max_concurrency: 256 }],
    ['gateway, default `max_concurrency` (64)', {}],
  ] as const) {
    const gateway = await gatewayFor(upstream.url, site, settings);
    try {
      const call = outcomeReplayer(await recordToolCall(`${gateway.url}/mcp`, 'auto', 'jira_get_issue', ISSUE));
      await measure(callers * 2, callers, call);
      let failed = 0;
      const stats = summarize(
        await measure(calls, callers, async () => {
          if (!(await call())) failed++;
        }),
      );
      rows.push(
        `| ${callers} | ${label} | ${ms(stats.p50)} | ${ms(stats.p99)} | ${ms(stats.p50 - direct.p50)} | ${ms(stats.p99 - direct.p99)} | ${stats.perSecond.toFixed(0)} | ${failed} |`,
      );
    } finally {
      await stopProcess(gateway.child);
    }
  }
  return rows;
}

/**
 * `callers` callers, each starting `task` every `paceMs` (a late call starts the next at once), `rounds` times each;
 * open loop, so the offered rate stays `callers / paceMs` whatever the latency. Starts are spread over the first pace.
 */
async function measurePaced(callers: number, paceMs: number, rounds: number, task: () => Promise<unknown>) {
  const latenciesMs: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async (_, index) => {
      await new Promise((resolve) => setTimeout(resolve, (index * paceMs) / callers));
      for (let round = 0; round < rounds; round++) {
        const begin = performance.now();
        await task();
        const took = performance.now() - begin;
        latenciesMs.push(took);
        if (took < paceMs) await new Promise((resolve) => setTimeout(resolve, paceMs - took));
      }
    }),
  );
  return summarize({ latenciesMs, seconds: (performance.now() - started) / 1000 });
}

/**
 * Other gateways for the paced rows, measured in the same run: `label=path/to/dist/main.js` entries separated by
 * commas, each optionally followed by Node options, `@`-separated (`small-young=@--max-semi-space-size=4`: this
 * build with that option; an empty path is this build).
 */
const PACED_BUILDS = (process.env.BENCH_PACED_BUILDS ?? '')
  .split(',')
  .filter(Boolean)
  .map((entry) => {
    const at = entry.indexOf('=');
    const [main, ...nodeArgs] = (at < 0 ? '' : entry.slice(at + 1)).split('@');
    const label = at < 0 ? entry : entry.slice(0, at);
    return { label, main: main || undefined, nodeArgs };
  });
const PACED_REPEATS = Number(process.env.BENCH_PACED_REPEATS ?? 1);

/**
 * The bare request and the gateway (default settings), both paced (see measurePaced): rows of the latency table, and
 * of a second one with what the gateway process did meanwhile (CPU from /proc, garbage collection from V8's trace).
 * With `BENCH_PACED_BUILDS`, each repeat measures the bare request, then this build and the others, interleaved.
 */
async function pacedRows(upstream: FakeUpstream, site: SiteDefinition): Promise<{ rows: string[]; server: string[] }> {
  const credentials = site.credentials.type === 'basic' ? `${site.credentials.username}:${site.credentials.token}` : '';
  const bare = got.extend({
    prefixUrl: `${upstream.url}/sites/${site.id}`,
    headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
  });
  const rows: string[] = [];
  const server: string[] = [];
  const builds = [{ label: '', main: undefined as string | undefined, nodeArgs: [] as string[] }, ...PACED_BUILDS];
  for (let repeat = 1; repeat <= PACED_REPEATS; repeat++) {
    const tag = PACED_REPEATS > 1 ? ` (run ${repeat})` : '';
    const direct = await measurePaced(SLOW_CALLERS, PACE_MS, PACED_ROUNDS, () => bare.get('rest/api/3/issue/P1-1'));
    rows.push(
      `| ${SLOW_CALLERS}, paced | bare request to the upstream${tag} | ${ms(direct.p50)} | ${ms(direct.p99)} | | | ${direct.perSecond.toFixed(0)} | 0 |`,
    );
    for (const build of builds) {
      const label = `gateway${build.label ? ` ${build.label}` : ''}, default \`max_concurrency\` (64)${tag}`;
      const gateway = await gatewayFor(
        upstream.url,
        site,
        {},
        {},
        {
          nodeArgs: [...GC_TRACE_ARGS, ...build.nodeArgs],
          main: build.main,
        },
      );
      const gc = watchGc(gateway.child);
      try {
        const call = outcomeReplayer(await recordToolCall(`${gateway.url}/mcp`, 'auto', 'jira_get_issue', ISSUE));
        await measurePaced(SLOW_CALLERS, PACE_MS, 3, call);
        let failed = 0;
        gc.mark();
        const cpuBefore = cpuMsOf(gateway.child.pid) ?? 0;
        const stats = await measurePaced(SLOW_CALLERS, PACE_MS, PACED_ROUNDS, async () => {
          if (!(await call())) failed++;
        });
        const cpuMs = (cpuMsOf(gateway.child.pid) ?? 0) - cpuBefore;
        rows.push(
          `| ${SLOW_CALLERS}, paced | ${label} | ${ms(stats.p50)} | ${ms(stats.p99)} | ${ms(stats.p50 - direct.p50)} | ${ms(stats.p99 - direct.p99)} | ${stats.perSecond.toFixed(0)} | ${failed} |`,
        );
        server.push(serverRow(label, stats.calls, cpuMs, gc.summary()));
      } finally {
        await stopProcess(gateway.child);
      }
    }
  }
  return { rows, server };
}

/** One row of the paced run's server-side table: per call, and per 1,000 calls for the collections. */
function serverRow(label: string, calls: number, cpuMs: number, gc: GcSummary): string {
  const perThousand = (value: number) => ((value * 1000) / calls).toFixed(1);
  return (
    `| ${label} | ${(cpuMs / calls).toFixed(2)} | ${(gc.allocated / calls / 1024).toFixed(0)} | ${perThousand(gc.scavenges)} | ` +
    `${(gc.copiedPerScavenge / 1024).toFixed(0)} | ${ms(gc.scavengePauseP50Ms)} / ${ms(gc.scavengePauseMaxMs)} | ` +
    `${gc.markCompacts} (${ms(gc.markCompactPauseMaxMs)}) | ${perThousand(gc.pauseTotalMs)} |`
  );
}

const SERVER_TABLE_HEAD = [
  '| path | gateway CPU ms/call | KiB allocated/call | scavenges per 1,000 calls | KiB copied per scavenge | scavenge pause p50 / max ms | mark-compacts (longest pause ms) | GC pause ms per 1,000 calls |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
];

/** Which parts run: `BENCH_UPSTREAM_PARTS=slow,paced,limited` (all by default). */
const PARTS = (process.env.BENCH_UPSTREAM_PARTS ?? 'slow,paced,limited').split(',').map((part) => part.trim());

async function slowUpstream(sandbox: SandboxProcess): Promise<string[]> {
  const site = sandbox.sites[0]!;
  const upstream = await startFakeUpstream(sandbox.url, SLOW_DELAY_MS);
  try {
    const slow = PARTS.includes('slow')
      ? [
          ...(await slowRows(upstream, site, 25, SLOW_CALLS / 4)),
          ...(await slowRows(upstream, site, SLOW_CALLERS, SLOW_CALLS)),
        ]
      : [];
    const paced = PARTS.includes('paced') ? await pacedRows(upstream, site) : { rows: [], server: [] };
    return [
      `\`jira_get_issue\`, upstream answering in ${SLOW_DELAY_MS} ms; ${SLOW_CALLS} calls per row at ${SLOW_CALLERS} callers, ` +
        `${SLOW_CALLS / 4} at 25 (gateway-added: the gateway's percentile minus the bare request's):`,
      '',
      '| callers | path | p50 ms | p99 ms | gateway-added p50 ms | gateway-added p99 ms | calls/s | failed |',
      '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...slow,
      ...paced.rows,
      '',
      `"Paced" rows: the ${SLOW_CALLERS} callers each start one call every ${PACE_MS} ms (${Math.round((SLOW_CALLERS * 1000) / PACE_MS)} calls/s offered, open loop), ${PACED_ROUNDS} calls each after 3 rounds of warm-up: what the gateway adds when it is not saturated.`,
      ...(paced.server.length
        ? [
            '',
            'The gateway process during the paced rows (CPU from `/proc`, collections from `--trace-gc-nvp`): allocation per call does not depend on the load; bytes copied per scavenge grow with the calls in flight, so with the latency; pauses are wall time, stretched by a busy machine.',
            '',
            ...SERVER_TABLE_HEAD,
            ...paced.server,
          ]
        : []),
    ];
  } finally {
    await upstream.close();
  }
}

async function limitedUpstream(sandbox: SandboxProcess): Promise<string[]> {
  const site = sandbox.sites[0]!;
  const lines = [
    `${LIMITED_CALLERS} callers calling \`jira_get_issue\` for ${LIMITED_SECONDS} s as fast as answers come, upstream budget ` +
      `${BUDGET_PER_SECOND} requests/s (429 with \`Retry-After: 1\` and \`X-RateLimit-*\` headers), answering in 20 ms:`,
    '',
    '| gateway settings | calls | calls/s | failed calls (callers saw) | upstream 429s | upstream answers |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [label, settings] of [
    ['defaults', {}],
    [`\`requests_per_second: ${BUDGET_PER_SECOND}\``, { requests_per_second: BUDGET_PER_SECOND }],
  ] as const) {
    const upstream = await startFakeUpstream(sandbox.url, 20, BUDGET_PER_SECOND);
    const gateway = await gatewayFor(upstream.url, site, settings);
    try {
      const call = outcomeReplayer(await recordToolCall(`${gateway.url}/mcp`, 'auto', 'jira_get_issue', ISSUE));
      // Start from a full budget, as the measured run will.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await upstream.reset();
      let calls = 0;
      let failed = 0;
      const until = performance.now() + LIMITED_SECONDS * 1000;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: LIMITED_CALLERS }, async () => {
          while (performance.now() < until) {
            calls++;
            if (!(await call())) failed++;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const counts = await upstream.counts();
      lines.push(
        `| ${label} | ${calls} | ${(calls / seconds).toFixed(1)} | ${failed} | ${counts.refused} | ${counts.answered} |`,
      );
    } finally {
      await stopProcess(gateway.child);
      await upstream.close();
    }
  }
  return lines;
}

/** Both scenarios, as markdown lines for docs/benchmarks.md. */
export async function upstreamLimitsSection(sandbox: SandboxProcess): Promise<string[]> {
  const slow = PARTS.includes('slow') || PARTS.includes('paced') ? await slowUpstream(sandbox) : [];
  const lines = [...slow, '', ...(PARTS.includes('limited') ? await limitedUpstream(sandbox) : [])];
  reportFailures();
  return lines;
}

/** Writes the failed answers noted so far to stderr, and forgets them. */
export function reportFailures(): void {
  for (const failure of failures) process.stderr.write(`failed call: ${failure}\n`);
  failures.clear();
}
