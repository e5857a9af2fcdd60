/**
 * What the gateway reports about its own work as it runs: tool calls, the requests they send upstream, retries,
 * rate limiting and OAuth refreshes. Every record carries only bounded values (instance and tool names, methods,
 * statuses, durations), never issue keys, users, paths or arguments, so whatever hears them may count them by label.
 */

/** One tool call, as it ended. `instance` is `gateway` for the gateway's own tools. */
export interface ToolCallRecord {
  instance: string;
  /** The tool's generic name (`jira_get_issue`), the same for every instance. */
  tool: string;
  ok: boolean;
  seconds: number;
  /** The signed-in user (sign-in from the MCP client); counted per user only when the operator asks for it. */
  user?: string;
}

/** One upstream request, as it ended (its retries included). */
export interface UpstreamRecord {
  instance: string;
  method: string;
  /** The HTTP status, or the kind of failure when there was none (`timeout`, `unreachable`…). */
  outcome: number | string;
  seconds: number;
}

/** One upstream request about to be sent again. */
export interface RetryRecord {
  instance: string;
  /** The status that earned the retry, when there was one. */
  status?: number;
  waitSeconds: number;
}

/**
 * One request's wait at its upstream's gate, as it ended: for a pause Atlassian asked for (`retry_after`), a free
 * slot under the concurrency limit (`slots`), or its turn under the request rate (`rate`).
 */
export interface GateWaitRecord {
  instance: string;
  cause: 'retry_after' | 'slots' | 'rate';
  seconds: number;
}

/** Where a call came from, in W3C trace context: the caller's `traceparent` (and `tracestate`), when it sent one. */
export interface TraceParent {
  traceparent?: string;
  tracestate?: string;
}

/** The span of one upstream request: the headers that carry it to Atlassian, and its end (`done`). */
export interface UpstreamSpan {
  headers: Record<string, string>;
  done(outcome: number | string): void;
}

/** The span of one tool call, parent of a span per upstream request. */
export interface CallSpan {
  upstream(request: { method: string; path: string }): UpstreamSpan;
  /** A retry of one of its requests, as an event on the call. */
  retry(record: RetryRecord): void;
  end(ok: boolean): void;
}

/** Hears what happens; the metrics, the status page's recent rates and tracing each implement part of it. */
export interface TelemetrySink {
  toolCall?(record: ToolCallRecord): void;
  upstream?(record: UpstreamRecord): void;
  retry?(record: RetryRecord): void;
  tokenRefresh?(instance: string, ok: boolean): void;
  gateWait?(record: GateWaitRecord): void;
  /** The span of a tool call, when tracing is on. */
  startCall?(labels: { instance: string; tool: string }, parent: TraceParent): CallSpan | undefined;
}

/** `read` for methods that change nothing upstream, `write` for the rest: the method label metrics carry. */
export function methodClass(method: string): 'read' | 'write' {
  return ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()) ? 'read' : 'write';
}
