/**
 * The gateway in front of a slow and a rate-limiting Atlassian. A fake upstream on loopback answers every request
 * with the sandbox's own answer (fetched once, then served from memory) after a fixed delay, and can enforce a
 * request budget with 429s and Atlassian's rate-limit headers.
 *
 * - Slow upstream: 200 callers at once against an upstream answering in 150 ms; the gateway-added latency is the
 *   p50/p99 through the gateway minus the same percentiles of a bare request to the upstream. Run with
 *   `max_concurrency` above the number of callers (what the gateway itself costs) and at its default of 64 (the
 *   queueing the cap causes when more callers than that share one instance).
 * - Paced (upstream-paced.ts): the same 200 callers, each starting one call every `BENCH_PACE_MS` (default 2,000 ms:
 *   100 calls/s in all), so the gateway is not saturated: the rows the ≤ 5 ms target is judged on, with the added
 *   latency measured per call (held-time.ts) as well as by the same subtraction of the bare request's percentiles.
 * - Rate-limited upstream: callers well over the upstream's budget; counts the 429s the upstream sent against the
 *   failed calls callers saw, without and with `requests_per_second` set to the budget.
 *
 * Knobs: BENCH_SLOW_CALLS (default 4000), BENCH_LIMITED_SECONDS (default 10), BENCH_PACE_MS (2000),
 * BENCH_PACED_ROUNDS (10), BENCH_UPSTREAM_PARTS (`slow,paced,limited`: which parts run), BENCH_PACED_REPEATS (1) and
 * BENCH_PACED_BUILDS (`label=other/dist/main.js@node-option,…`: other builds or Node options measured beside this
 * build, interleaved, in the paced rows).
 */
import got from 'got';
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';
import { stopProcess, type SandboxProcess } from './processes.js';
import { recordToolCall } from './replay.js';
import { measure, summarize } from './stats.js';
import {
  callForSeconds,
  gatewayFor,
  outcomeReplayer,
  reportFailures,
  startFakeUpstream,
  type FakeUpstream,
} from './upstream-gateway.js';
import { PACE_MS, PACED_CALLERS, PACED_ROUNDS, pacedRows, pacedTables } from './upstream-paced.js';

const SLOW_CALLS = Number(process.env.BENCH_SLOW_CALLS ?? 4000);
const SLOW_CALLERS = PACED_CALLERS;
const SLOW_DELAY_MS = 150;
export const LIMITED_SECONDS = Number(process.env.BENCH_LIMITED_SECONDS ?? 10);
export const LIMITED_CALLERS = 50;
/** The fake's budget: this many requests per second, refilled continuously, with a burst of one second's worth. */
export const BUDGET_PER_SECOND = 40;
const ISSUE = { issue_key: 'P1-1' };

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
    const paced = PARTS.includes('paced')
      ? await pacedRows(upstream, site)
      : { rows: [], perCall: [], wire: [], server: [] };
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
      ...pacedTables(paced),
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
      const { calls, failed, seconds } = await callForSeconds(LIMITED_CALLERS, LIMITED_SECONDS, () => call);
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
