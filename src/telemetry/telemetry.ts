/**
 * The gateway's telemetry, one per configuration: the recent per-instance rates the status page shows (always on,
 * a few numbers per instance) and, when metrics are on, the Prometheus metrics, whose library is loaded only then.
 * Everything that reports (tool calls, upstream requests, OAuth refreshes) reports here, once.
 */
import type { RetryRecord, TelemetrySink, ToolCallRecord, UpstreamRecord } from './events.js';
import type { GatewayMetrics, SessionCounts } from './metrics.js';
import { RecentRates } from './recent-rates.js';

export class Telemetry implements Required<TelemetrySink> {
  readonly recent = new RecentRates();
  private current: GatewayMetrics | undefined;
  private sessions: (() => SessionCounts) | undefined;

  /** The Prometheus metrics; undefined until `enableMetrics` (metrics are off by default). */
  get metrics(): GatewayMetrics | undefined {
    return this.current;
  }

  /** Turns the Prometheus metrics on: prom-client is imported here, so a gateway without metrics never loads it. */
  async enableMetrics(version: string): Promise<GatewayMetrics> {
    if (this.current) return this.current;
    const { GatewayMetrics } = await import('./metrics.js');
    this.current ??= new GatewayMetrics(version);
    if (this.sessions) this.current.countSessions(this.sessions);
    return this.current;
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

  tokenRefresh(instance: string, ok: boolean): void {
    this.current?.tokenRefresh(instance, ok);
  }

  /** Tells the open-sessions gauge where to read its values. */
  countSessions(read: () => SessionCounts): void {
    this.sessions = read;
    this.current?.countSessions(read);
  }
}
