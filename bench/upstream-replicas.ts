/**
 * Two replicas in front of one rate-limiting Atlassian: the fake upstream (upstream-process.ts) allows 40 requests a
 * second, both gateway processes have `requests_per_second: 40`, and callers hammer both. Without shared state each
 * replica spends the whole budget, so the upstream sees about twice it and answers 429s; with `state.redis_url` the
 * replicas take their turns from one schedule in Redis. The rows count upstream 429s and the calls callers saw fail.
 * Part of `BENCH_ONLY=upstream`, after the single-gateway rows; `BENCH_UPSTREAM_ROWS=replicas` runs these alone.
 */
import { findRedisServer, launchRedis } from '../test/helpers/redis.js';
import { stopProcess, type GatewayProcess, type SandboxProcess } from './processes.js';
import { recordToolCall } from './replay.js';
import { callForSeconds, gatewayFor, outcomeReplayer, reportFailures, startFakeUpstream } from './upstream-gateway.js';
import { BUDGET_PER_SECOND, LIMITED_CALLERS, LIMITED_SECONDS, upstreamLimitsSection } from './upstream-limits.js';

const ISSUE = { issue_key: 'P1-1' };

async function twoReplicaRows(sandbox: SandboxProcess): Promise<string[]> {
  const site = sandbox.sites[0]!;
  const redis = findRedisServer() ? await launchRedis() : undefined;
  if (!redis) return ['Two replicas: skipped, `redis-server` is not installed (Debian package `redis-server`).'];
  const lines = [
    `Two replicas, each with \`requests_per_second: ${BUDGET_PER_SECOND}\`, in front of the same upstream budget of ` +
      `${BUDGET_PER_SECOND} requests/s (as above); ${LIMITED_CALLERS / 2} callers on each replica for ${LIMITED_SECONDS} s:`,
    '',
    '| replicas | calls | calls/s | failed calls (callers saw) | upstream 429s | upstream answers | outages of the shared rate |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  try {
    for (const [label, top] of [
      ['two, sharing nothing', {}],
      ['two, sharing state (`state.redis_url`)', { state: { redis_url: redis.url } }],
    ] as const) {
      const upstream = await startFakeUpstream(sandbox.url, 20, BUDGET_PER_SECOND);
      const gateways: GatewayProcess[] = [];
      try {
        for (let index = 0; index < 2; index++)
          gateways.push(await gatewayFor(upstream.url, site, { requests_per_second: BUDGET_PER_SECOND }, top));
        // Times a replica found Redis too slow or away and spaced its own requests for a while (it logs each).
        let outages = 0;
        for (const gateway of gateways)
          gateway.child.stderr?.on('data', (chunk: Buffer) => {
            outages += String(chunk).split('the shared request rate is unavailable').length - 1;
          });
        const calls = await Promise.all(
          gateways.map(async (gateway) =>
            outcomeReplayer(await recordToolCall(`${gateway.url}/mcp`, 'auto', 'jira_get_issue', ISSUE)),
          ),
        );
        // Start from a full budget, as the measured run will.
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await upstream.reset();
        const callerOf = (index: number) => calls[index % calls.length]!;
        const { calls: count, failed, seconds } = await callForSeconds(LIMITED_CALLERS, LIMITED_SECONDS, callerOf);
        const counts = await upstream.counts();
        lines.push(
          `| ${label} | ${count} | ${(count / seconds).toFixed(1)} | ${failed} | ${counts.refused} | ${counts.answered} | ${'state' in top ? outages : ''} |`,
        );
      } finally {
        await Promise.all(gateways.map((gateway) => stopProcess(gateway.child)));
        await upstream.close();
      }
    }
  } finally {
    await redis.close();
  }
  reportFailures();
  return lines;
}

/** The single-gateway rows (upstream-limits.ts), then the two replicas'. */
export async function upstreamSection(sandbox: SandboxProcess): Promise<string[]> {
  if (process.env.BENCH_UPSTREAM_ROWS === 'replicas') return twoReplicaRows(sandbox);
  return [...(await upstreamLimitsSection(sandbox)), '', ...(await twoReplicaRows(sandbox))];
}
