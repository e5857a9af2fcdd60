/**
 * What sharing stateful sessions through Redis costs: the same 1-instance configuration with `server.stateful`
 * started twice, once keeping sessions in the process (the default) and once with `state.redis_url` pointing at a
 * Debian `redis-server` on a random loopback port (started here, persisting nothing). Both replay the official
 * 2025-era client's `jira_get_issue` on one `Mcp-Session-Id` session (replay.ts), warmed and then measured in
 * interleaved rounds (throughput.ts); the result is the ratio of their calls/s (target ≥ 0.8).
 */
import { findRedisServer, launchRedis } from '../test/helpers/redis.js';
import { gatewayConfigFile, startGateway, stopProcess, type GatewayProcess, type SandboxProcess } from './processes.js';
import { HEADER, ratio, replayTask, row, runRounds, type Scenario } from './throughput.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

export async function sharedStateSection(sandbox: SandboxProcess): Promise<string[]> {
  const redis = findRedisServer() ? await launchRedis() : undefined;
  if (!redis) return ['Skipped: `redis-server` is not installed (Debian package `redis-server`).'];
  const gateways: GatewayProcess[] = [];
  try {
    const sites = sandbox.sites.slice(0, 1);
    const memory = await startGateway(gatewayConfigFile(sandbox.url, sites, { server: { stateful: true } }));
    gateways.push(memory);
    const shared = await startGateway(
      gatewayConfigFile(sandbox.url, sites, { server: { stateful: true }, state: { redis_url: redis.url } }),
    );
    gateways.push(shared);
    const scenarios: Record<string, Scenario> = {
      memory: {
        label: 'stateful sessions in the process (default)',
        task: await replayTask(memory, 'legacy'),
        pid: memory.child.pid,
      },
      redis: {
        label: 'stateful sessions and defaults in Redis (`state.redis_url`)',
        task: await replayTask(shared, 'legacy'),
        pid: shared.child.pid,
      },
    };
    const results = await runRounds(scenarios, sandbox.child.pid);
    const r = (name: string) => results[name]!;
    return [
      `Workload: jira_get_issue on one stateful streamable HTTP session (2025-11-25), 1 instance, ${CONCURRENCY} in flight, the two gateways warmed and then interleaved as in [Throughput and latency](#throughput-and-latency); redis-server on loopback, its CPU not counted.`,
      '',
      ...HEADER,
      ...Object.entries(scenarios).map(([name, scenario]) => row(scenario.label, r(name))),
      '',
      '| ratio | measured | target |',
      '| --- | --- | --- |',
      ratio('calls/s with sessions in Redis ÷ in memory', r('redis').perSecond / r('memory').perSecond, '≥ 0.8'),
    ];
  } finally {
    await Promise.all(gateways.map((gateway) => stopProcess(gateway.child)));
    await redis.close();
  }
}
