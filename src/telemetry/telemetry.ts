/**
 * The gateway's telemetry, one per configuration: the recent per-instance rates the status page shows (always on,
 * a few numbers per instance), the Prometheus metrics when they are on, and the OpenTelemetry traces when an OTLP
 * endpoint is set; the libraries of the last two are loaded only then.
 * Everything that reports (tool calls, upstream requests, waits at an upstream's gate, OAuth refreshes) reports
 * here, once.
 */
import type {
  CallSpan,
  GateWaitRecord,
  RetryRecord,
  TelemetrySink,
  ToolCallRecord,
  TraceParent,
  UpstreamRecord,
} from './events.js';
import type { ConfigReloadOutcome, GatewayMetrics, SessionCounts } from './metrics.js';
import { RecentRates } from './recent-rates.js';
import type { GatewayTracing } from './tracing.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Where spans go: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as given, or `/v1/traces` under `OTEL_EXPORTER_OTLP_ENDPOINT`. */
export function tracesEndpoint(env: Env): string | undefined {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (traces) return traces;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined;
}

export class Telemetry implements Required<TelemetrySink> {
  readonly recent = new RecentRates();
  private current: GatewayMetrics | undefined;
  private sessions: (() => SessionCounts) | undefined;
  private tracing: GatewayTracing | undefined;

  /** The Prometheus metrics; undefined until `enableMetrics` (metrics are off by default). */
  get metrics(): GatewayMetrics | undefined {
    return this.current;
  }

  /** Turns the Prometheus metrics on: prom-client is imported here, so a gateway without metrics never loads it. */
  async enableMetrics(version: string, options: { userLabel?: boolean } = {}): Promise<GatewayMetrics> {
    if (this.current) return this.current;
    const { GatewayMetrics } = await import('./metrics.js');
    this.current ??= new GatewayMetrics(version, options);
    if (this.sessions) this.current.countSessions(this.sessions);
    return this.current;
  }

  /** Turns tracing on, exporting to `url` (OTLP/HTTP); the OpenTelemetry SDK is imported only here. */
  async enableTracing(url: string, version: string, serviceName?: string): Promise<void> {
    const { GatewayTracing } = await import('./tracing.js');
    this.tracing ??= new GatewayTracing(url, version, serviceName);
  }

  /** The span of a tool call, when tracing is on. */
  startCall(labels: { instance: string; tool: string }, parent: TraceParent): CallSpan | undefined {
    return this.tracing?.startCall(labels, parent);
  }

  /** Flushes the spans still buffered; called once on shutdown. */
  async shutdown(): Promise<void> {
    await this.tracing?.shutdown();
  }

  toolCall(record: ToolCallRecord): void {
    this.recent.toolCall(record);
    this.current?.toolCall(record);
  }

  upstream(record: UpstreamRecord): void {
    this.recent.upstream(record);
    this.current?.upstream(record);
  }

  retry(record: RetryRecord): void {
    this.recent.retry(record);
    this.current?.retry(record);
  }

  gateWait(record: GateWaitRecord): void {
    this.recent.gateWait(record);
    this.current?.gateWait(record);
  }

  tokenRefresh(instance: string, ok: boolean): void {
    this.current?.tokenRefresh(instance, ok);
  }

  configReload(outcome: ConfigReloadOutcome): void {
    this.current?.configReload(outcome);
  }

  /** Tells the open-sessions gauge where to read its values. */
  countSessions(read: () => SessionCounts): void {
    this.sessions = read;
    this.current?.countSessions(read);
  }
}
