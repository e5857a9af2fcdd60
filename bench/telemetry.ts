/**
 * What metrics and tracing cost: the same 1-instance gateway configuration started twice, once with neither and once
 * with Prometheus metrics on (`metrics.enabled`, scraped once per round as a Prometheus server would) and tracing
 * exporting every span over OTLP/HTTP to a fake collector on loopback (`OTEL_EXPORTER_OTLP_ENDPOINT`). Both replay
 * the official client's `jira_get_issue` request over stateless streamable HTTP against the sandbox, warmed and then
 * measured in interleaved rounds (throughput.ts); the result is the ratio of their calls/s (target ≥ 0.95).
 *
 * The collector runs in this process (the load generator): it reads each export and answers 200, counting spans.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gatewayConfigFile, startGateway, stopProcess, type GatewayProcess, type SandboxProcess } from './processes.js';
import { HEADER, ratio, replayTask, row, runRounds, type Scenario } from './throughput.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

/** A fake OTLP/HTTP collector: every export is read to its end and answered `{}`; spans are counted roughly. */
async function startCollector(): Promise<{ url: string; exports: () => number; spans: () => number; close(): void }> {
  let exports = 0;
  let spans = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      exports++;
      spans += (
        Buffer.concat(chunks)
          .toString('utf8')
          .match(/"spanId"/g) ?? []
      ).length;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exports: () => exports,
    spans: () => spans,
    close: () => server.close(),
  };
}

export async function telemetrySection(sandbox: SandboxProcess): Promise<string[]> {
  const collector = await startCollector();
  const gateways: GatewayProcess[] = [];
  try {
    const sites = sandbox.sites.slice(0, 1);
    const off = await startGateway(gatewayConfigFile(sandbox.url, sites));
    gateways.push(off);
    const on = await startGateway(gatewayConfigFile(sandbox.url, sites, { metrics: { enabled: true } }), [], {
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url },
    });
    gateways.push(on);
    const scraped = async () => {
      const response = await fetch(`${on.url}/metrics`);
      if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
      await response.text();
    };
    const onTask = await replayTask(on, 'auto');
    let calls = 0;
    const scenarios: Record<string, Scenario> = {
      off: { label: 'metrics and tracing off (the default)', task: await replayTask(off, 'auto'), pid: off.child.pid },
      on: {
        label: 'metrics on and scraped, every call traced to an OTLP collector',
        // One scrape per 1,000 calls: at this rate about one every second or two, more often than Prometheus's 15 s.
        task: async () => {
          if (++calls % 1000 === 0) await scraped();
          await onTask();
        },
        pid: on.child.pid,
      },
    };
    const results = await runRounds(scenarios, sandbox.child.pid);
    // Let the batch span processor send what it holds (it exports every 5 s by default).
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const r = (name: string) => results[name]!;
    return [
      `Workload: jira_get_issue over stateless streamable HTTP (2026-07-28), 1 instance, ${CONCURRENCY} in flight, the two gateways warmed and then interleaved as in [Throughput and latency](#throughput-and-latency). The fake OTLP collector (in the load generator's process) received ${collector.exports()} exports holding ${collector.spans()} spans (one per tool call and one per upstream request).`,
      '',
      ...HEADER,
      ...Object.entries(scenarios).map(([name, scenario]) => row(scenario.label, r(name))),
      '',
      '| ratio | measured | target |',
      '| --- | --- | --- |',
      ratio('calls/s with metrics and tracing on ÷ off', r('on').perSecond / r('off').perSecond, '≥ 0.95'),
      ratio(
        'gateway CPU per call, off ÷ on',
        (r('off').cpu.gateway ?? NaN) / (r('on').cpu.gateway ?? NaN),
        '(the same cost, seen per call)',
      ),
    ];
  } finally {
    await Promise.all(gateways.map((gateway) => stopProcess(gateway.child)));
    collector.close();
  }
}
