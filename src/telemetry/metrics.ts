/**
 * The Prometheus metrics, kept with prom-client in a registry of the gateway's own (never the process-wide
 * default one, so two gateways in one process never mix). Loaded only when metrics are on (see telemetry.ts).
 * Labels are bounded: instance names, generic tool names, method classes, statuses and failure kinds (and users,
 * in a metric of their own, only when the operator turns it on).
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import {
  methodClass,
  type GateWaitRecord,
  type RetryRecord,
  type TelemetrySink,
  type ToolCallRecord,
  type UpstreamRecord,
} from './events.js';

const PREFIX = 'mcp_gateway_';

/** How a configuration reload ended: swapped in, nothing to change, refused (invalid), or failed while building. */
export type ConfigReloadOutcome = 'applied' | 'unchanged' | 'invalid' | 'failed';

/** Open sessions and connections per transport, read when Prometheus scrapes. */
export type SessionCounts = Readonly<Record<string, number>>;

export class GatewayMetrics implements TelemetrySink {
  readonly registry = new Registry();
  private sessions: () => SessionCounts = () => ({});

  private readonly toolCalls = new Counter({
    name: `${PREFIX}tool_calls_total`,
    help: 'Tool calls answered, by instance, tool and outcome (ok or error).',
    labelNames: ['instance', 'tool', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly toolCallSeconds = new Histogram({
    name: `${PREFIX}tool_call_duration_seconds`,
    help: 'How long tool calls took, every upstream request and wait included.',
    labelNames: ['instance', 'tool'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  private readonly upstreamRequests = new Counter({
    name: `${PREFIX}upstream_requests_total`,
    help: 'Requests to Atlassian as they ended, by instance, method class (read or write) and status (or failure kind).',
    labelNames: ['instance', 'method_class', 'status'] as const,
    registers: [this.registry],
  });

  private readonly upstreamSeconds = new Histogram({
    name: `${PREFIX}upstream_request_duration_seconds`,
    help: 'How long requests to Atlassian took, retries included.',
    labelNames: ['instance', 'method_class'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  private readonly retries = new Counter({
    name: `${PREFIX}upstream_retries_total`,
    help: 'Requests to Atlassian sent again, by instance and the status (or failure) that earned the retry.',
    labelNames: ['instance', 'reason'] as const,
    registers: [this.registry],
  });

  private readonly rateLimited = new Counter({
    name: `${PREFIX}upstream_rate_limited_total`,
    help: 'Answers of 429 (Too Many Requests) from Atlassian, retried or not.',
    labelNames: ['instance'] as const,
    registers: [this.registry],
  });

  private readonly rateLimitWait = new Counter({
    name: `${PREFIX}upstream_rate_limit_wait_seconds_total`,
    help: 'Seconds spent waiting before retrying requests Atlassian answered with 429.',
    labelNames: ['instance'] as const,
    registers: [this.registry],
  });

  private readonly gateWaits = new Counter({
    name: `${PREFIX}upstream_waits_total`,
    help: 'Requests that waited at the gateway before going to Atlassian, by instance and cause: retry_after (a pause Atlassian asked for), slots (the concurrency limit) or rate (requests_per_second or a nearly spent budget).',
    labelNames: ['instance', 'cause'] as const,
    registers: [this.registry],
  });

  private readonly gateWaitSeconds = new Counter({
    name: `${PREFIX}upstream_wait_seconds_total`,
    help: 'Seconds requests waited at the gateway before going to Atlassian, by instance and cause (as upstream_waits_total).',
    labelNames: ['instance', 'cause'] as const,
    registers: [this.registry],
  });

  private readonly tokenRefreshes = new Counter({
    name: `${PREFIX}oauth_token_refreshes_total`,
    help: 'OAuth access token refreshes of configured instances, by outcome (ok or failed).',
    labelNames: ['instance', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly configReloads = new Counter({
    name: `${PREFIX}config_reloads_total`,
    help: 'Configuration reloads (SIGHUP, --watch, POST /admin/reload), by outcome: applied, unchanged, invalid or failed.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  /** Tool calls per signed-in user: one series per user, so only when `auth.user_metrics_label` asks for it. */
  private readonly userToolCalls: Counter<'user' | 'outcome'> | undefined;

  constructor(version: string, options: { userLabel?: boolean } = {}) {
    this.userToolCalls = options.userLabel
      ? new Counter({
          name: `${PREFIX}user_tool_calls_total`,
          help: 'Tool calls answered, by signed-in user and outcome (ok or error).',
          labelNames: ['user', 'outcome'] as const,
          registers: [this.registry],
        })
      : undefined;
    const openSessions = () => this.sessions();
    new Gauge({
      name: `${PREFIX}open_sessions`,
      help: 'Open sessions per transport: stateful streamable HTTP sessions, SSE streams, WebSocket connections.',
      labelNames: ['transport'] as const,
      registers: [this.registry],
      collect() {
        for (const [transport, count] of Object.entries(openSessions())) this.set({ transport }, count);
      },
    });
    new Gauge({
      name: `${PREFIX}info`,
      help: 'Always 1; its version label says which release is running.',
      labelNames: ['version'] as const,
      registers: [this.registry],
    }).set({ version }, 1);
    collectDefaultMetrics({ register: this.registry });
  }

  /** Where the open-sessions gauge reads its values (the HTTP app, once its transports exist). */
  countSessions(read: () => SessionCounts): void {
    this.sessions = read;
  }

  toolCall({ instance, tool, ok, seconds, user }: ToolCallRecord): void {
    this.toolCalls.inc({ instance, tool, outcome: ok ? 'ok' : 'error' });
    if (user) this.userToolCalls?.inc({ user, outcome: ok ? 'ok' : 'error' });
    this.toolCallSeconds.observe({ instance, tool }, seconds);
  }

  upstream({ instance, method, outcome, seconds }: UpstreamRecord): void {
    const method_class = methodClass(method);
    this.upstreamRequests.inc({ instance, method_class, status: String(outcome) });
    this.upstreamSeconds.observe({ instance, method_class }, seconds);
    if (outcome === 429) this.rateLimited.inc({ instance });
  }

  retry({ instance, status, waitSeconds }: RetryRecord): void {
    this.retries.inc({ instance, reason: status === undefined ? 'failure' : String(status) });
    if (status !== 429) return;
    this.rateLimited.inc({ instance });
    this.rateLimitWait.inc({ instance }, waitSeconds);
  }

  gateWait({ instance, cause, seconds }: GateWaitRecord): void {
    this.gateWaits.inc({ instance, cause });
    this.gateWaitSeconds.inc({ instance, cause }, seconds);
  }

  tokenRefresh(instance: string, ok: boolean): void {
    this.tokenRefreshes.inc({ instance, outcome: ok ? 'ok' : 'failed' });
  }

  configReload(outcome: ConfigReloadOutcome): void {
    this.configReloads.inc({ outcome });
  }

  /** The text Prometheus scrapes, and its content type. */
  async exposition(): Promise<{ text: string; contentType: string }> {
    return { text: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
