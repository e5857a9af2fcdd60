/**
 * Hands what one tool call does to the gateway's telemetry (metrics, the status page's recent rates): the call's
 * outcome and duration, and each upstream request and retry it makes, heard through the same call observer as the
 * client's progress and log notifications (call-reports.ts), and, when tracing is on, the call's span with a child
 * per upstream request. Labels are the instance and the generic tool name.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { CallObserver } from '../atlassian/call-activity.js';
import type { TelemetrySink, TraceParent } from '../telemetry/events.js';
import type { BoundTool } from './bound-tool.js';
import { genericToolName } from './tool-names.js';

export interface CallWatch {
  /** Hears the call's upstream work for the client's reports and for telemetry alike. */
  readonly observer: CallObserver;
  /** Records how the call ended. */
  finish(result: CallToolResult, ms: number): void;
}

/** The instance label of a call: its instance's name, or `gateway` for the gateway's own tools. */
export function instanceLabel(tool: BoundTool): string {
  return tool.instance?.config.name ?? 'gateway';
}

/** `parent` is the caller's trace context (from the request's `_meta` or its HTTP headers), for the call's span. */
export function watchCall(
  sink: TelemetrySink | undefined,
  tool: BoundTool,
  reports: CallObserver,
  parent: TraceParent = {},
  user?: string,
): CallWatch {
  if (!sink) return { observer: reports, finish: () => undefined };
  const labels = { instance: instanceLabel(tool), tool: genericToolName(tool.spec) };
  const span = sink.startCall?.(labels, parent);
  return {
    observer: {
      requestStarting: span && ((request) => span.upstream(request)),
      requestDone(request) {
        reports.requestDone?.(request);
        const { instance, method, outcome, ms } = request;
        sink.upstream?.({ instance, method, outcome, seconds: ms / 1000 });
      },
      retrying(retry) {
        reports.retrying?.(retry);
        const record = { instance: retry.instance, status: retry.status, waitSeconds: retry.waitMs / 1000 };
        sink.retry?.(record);
        span?.retry(record);
      },
      pageRead: (items) => reports.pageRead?.(items),
    },
    finish(result, ms) {
      sink.toolCall?.({ ...labels, ok: !result.isError, seconds: ms / 1000, user });
      span?.end(!result.isError);
    },
  };
}

/**
 * The caller's W3C trace context: `traceparent`/`tracestate` in the request's `_meta` (any transport), else in the
 * headers of the HTTP request that carried it (streamable HTTP).
 */
export function traceParentOf(
  meta: Record<string, unknown> | undefined,
  context: { http?: { req?: { headers: { get(name: string): string | null } } } },
): TraceParent {
  if (typeof meta?.traceparent === 'string')
    return {
      traceparent: meta.traceparent,
      tracestate: typeof meta.tracestate === 'string' ? meta.tracestate : undefined,
    };
  const headers = context.http?.req?.headers;
  const traceparent = headers?.get('traceparent') ?? undefined;
  return traceparent ? { traceparent, tracestate: headers?.get('tracestate') ?? undefined } : {};
}
