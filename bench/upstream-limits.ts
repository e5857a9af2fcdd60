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
 * Knobs: BENCH_SLOW_CALLS (default 4000), BENCH_LIMITED_SECONDS (default 10).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import got from 'got';
import { parse, stringify } from 'yaml';
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';
import { gatewayConfigFile, startGateway, startProcess, stopProcess, type SandboxProcess } from './processes.js';
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
 * `top` into the configuration (`state.redis_url`).
 */
export async function gatewayFor(
  upstreamUrl: string,
  site: SiteDefinition,
  settings: Record<string, unknown>,
  top: Record<string, unknown> = {},
) {
  const file = gatewayConfigFile(upstreamUrl, [site], top);
  // gatewayConfigFile writes plain instances; the settings under test are merged into the one instance.
  const config = parse(readFileSync(file, 'utf8')) as { instances: Array<Record<string, unknown>> };
  config.instances[0] = { ...config.instances[0], ...settings };
  writeFileSync(file, stringify(config));
  return startGateway(file);
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

/** The bare request and the gateway (default settings), both paced (see measurePaced); one table's rows. */
async function pacedRows(upstream: FakeUpstream, site: SiteDefinition): Promise<string[]> {
  const credentials = site.credentials.type === 'basic' ? `${site.credentials.username}:${site.credentials.token}` : '';
  const bare = got.extend({
    prefixUrl: `${upstream.url}/sites/${site.id}`,
    headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
  });
  const direct = await measurePaced(SLOW_CALLERS, PACE_MS, PACED_ROUNDS, () => bare.get('rest/api/3/issue/P1-1'));
  const rows = [
    `| ${SLOW_CALLERS}, paced | bare request to the upstream | ${ms(direct.p50)} | ${ms(direct.p99)} | | | ${direct.perSecond.toFixed(0)} | 0 |`,
  ];
  const gateway = await gatewayFor(upstream.url, site, {});
  try {
    const call = outcomeReplayer(await recordToolCall(`${gateway.url}/mcp`, 'auto', 'jira_get_issue', ISSUE));
    await measurePaced(SLOW_CALLERS, PACE_MS, 3, call);
    let failed = 0;
    const stats = await measurePaced(SLOW_CALLERS, PACE_MS, PACED_ROUNDS, async () => {
      if (!(await call())) failed++;
    });
    rows.push(
      `| ${SLOW_CALLERS}, paced | gateway, default \`max_concurrency\` (64) | ${ms(stats.p50)} | ${ms(stats.p99)} | ${ms(stats.p50 - direct.p50)} | ${ms(stats.p99 - direct.p99)} | ${stats.perSecond.toFixed(0)} | ${failed} |`,
    );
  } finally {
    await stopProcess(gateway.child);
  }
  return rows;
}

async function slowUpstream(sandbox: SandboxProcess): Promise<string[]> {
  const site = sandbox.sites[0]!;
  const upstream = await startFakeUpstream(sandbox.url, SLOW_DELAY_MS);
  try {
    return [
      `\`jira_get_issue\`, upstream answering in ${SLOW_DELAY_MS} ms; ${SLOW_CALLS} calls per row at ${SLOW_CALLERS} callers, ` +
        `${SLOW_CALLS / 4} at 25 (gateway-added: the gateway's percentile minus the bare request's):`,
      '',
      '| callers | path | p50 ms | p99 ms | gateway-added p50 ms | gateway-added p99 ms | calls/s | failed |',
      '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...(await slowRows(upstream, site, 25, SLOW_CALLS / 4)),
      ...(await slowRows(upstream, site, SLOW_CALLERS, SLOW_CALLS)),
      ...(await pacedRows(upstream, site)),
      '',
      `"Paced" rows: the ${SLOW_CALLERS} callers each start one call every ${PACE_MS} ms (${Math.round((SLOW_CALLERS * 1000) / PACE_MS)} calls/s offered, open loop), ${PACED_ROUNDS} calls each after 3 rounds of warm-up: what the gateway adds when it is not saturated.`,
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
  const lines = [...(await slowUpstream(sandbox)), '', ...(await limitedUpstream(sandbox))];
  reportFailures();
  return lines;
}

/** Writes the failed answers noted so far to stderr, and forgets them. */
export function reportFailures(): void {
  for (const failure of failures) process.stderr.write(`failed call: ${failure}\n`);
  failures.clear();
}
