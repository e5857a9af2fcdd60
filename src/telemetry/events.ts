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

/** Hears what happens; the metrics, the status page's recent rates and tracing each implement part of it. */
export interface TelemetrySink {
  toolCall?(record: ToolCallRecord): void;
  upstream?(record: UpstreamRecord): void;
  retry?(record: RetryRecord): void;
  tokenRefresh?(instance: string, ok: boolean): void;
}

/** `read` for methods that change nothing upstream, `write` for the rest: the method label metrics carry. */
export function methodClass(method: string): 'read' | 'write' {
  return ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()) ? 'read' : 'write';
}
