/**
 * Hands what one tool call does to the gateway's telemetry (metrics, the status page's recent rates): the call's
 * outcome and duration, and each upstream request and retry it makes, heard through the same call observer as the
 * client's progress and log notifications (call-reports.ts). Labels are the instance and the generic tool name.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { CallObserver } from '../atlassian/call-activity.js';
import type { TelemetrySink } from '../telemetry/events.js';
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

export function watchCall(sink: TelemetrySink | undefined, tool: BoundTool, reports: CallObserver): CallWatch {
  if (!sink) return { observer: reports, finish: () => undefined };
  return {
    observer: {
      requestDone(request) {
        reports.requestDone?.(request);
        const { instance, method, outcome, ms } = request;
        sink.upstream?.({ instance, method, outcome, seconds: ms / 1000 });
      },
      retrying(retry) {
        reports.retrying?.(retry);
        sink.retry?.({ instance: retry.instance, status: retry.status, waitSeconds: retry.waitMs / 1000 });
      },
      pageRead: (items) => reports.pageRead?.(items),
    },
    finish(result, ms) {
      const labels = { instance: instanceLabel(tool), tool: genericToolName(tool.spec) };
      sink.toolCall?.({ ...labels, ok: !result.isError, seconds: ms / 1000 });
    },
  };
}
