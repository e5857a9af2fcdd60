/**
 * What a client hears while a tool call runs, as MCP says it: `notifications/progress` for each upstream request
 * answered and each page a listing reads, when the call carries a progress token (the progress value counts those
 * steps, so it only grows; the message says how many requests and items so far), and `notifications/message` log lines at the level the client asked for (`logging/setLevel` on a
 * connection, or the 2026-07-28 per-request log level): each upstream request at `debug`, retries at `warning`,
 * the call's outcome at `info` or `error`. Reports carry method, path, status, timings and counts, never
 * arguments, bodies, headers or query strings. Nothing is sent once the call has answered.
 */
import type { CallToolResult, LoggingLevel, ProgressToken, ServerContext } from '@modelcontextprotocol/server';
import type { CallObserver } from '../atlassian/call-activity.js';

/** The name log lines carry, so a client can tell them from its other servers'. */
const LOGGER = 'atlassian-mcp-gateway';

export interface CallReports {
  /** Hears the call's upstream work (see atlassian/call-activity.ts). */
  readonly observer: CallObserver;
  /**
   * Reports how the call ended, stops every further report, and settles once every notification is handed to the
   * transport, so the answer goes out after them (a client drops progress that arrives after its answer).
   */
  finish(result: CallToolResult, ms: number): Promise<void>;
}

export function callReports(
  toolName: string,
  progressToken: ProgressToken | undefined,
  context: ServerContext,
): CallReports {
  let open = true;
  let answered = 0;
  let steps = 0;
  let items: number | undefined;
  const log = (level: LoggingLevel, data: Record<string, unknown>) => {
    if (open) send(context.mcpReq.log(level, data, LOGGER));
  };
  let instance = '';
  const sent: Promise<void>[] = [];
  const send = (pending: Promise<void>) => void sent.push(pending.catch(() => undefined));
  const progress = () => {
    steps += 1;
    if (!open || progressToken === undefined) return;
    const read = items === undefined ? '' : `, ${items} items read`;
    const message = `${answered} request${answered === 1 ? '' : 's'} to "${instance}" answered${read}`;
    send(
      context.mcpReq.notify({ method: 'notifications/progress', params: { progressToken, progress: steps, message } }),
    );
  };
  return {
    observer: {
      requestDone(request) {
        answered += 1;
        instance = request.instance;
        log('debug', { tool: toolName, ...request });
        progress();
      },
      retrying(retry) {
        const why = retry.status ? `answered ${retry.status}` : 'failed';
        log('warning', {
          tool: toolName,
          ...retry,
          message: `${retry.method} ${retry.path} ${why}; retrying in ${retry.waitMs} ms`,
        });
      },
      pageRead(count) {
        items = count;
        progress();
      },
    },
    async finish(result, ms) {
      if (result.isError) {
        const first = result.content.find((block) => block.type === 'text');
        log('error', {
          tool: toolName,
          outcome: 'error',
          ms,
          message: first?.type === 'text' ? first.text.slice(0, 500) : undefined,
        });
      } else {
        log('info', { tool: toolName, outcome: 'ok', ms, upstream_requests: answered });
      }
      open = false;
      await Promise.all(sent);
    },
  };
}
