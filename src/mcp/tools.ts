/**
 * The `tools` capability of one server: `tools/list` from the caller's catalogue, and `tools/call`, which fills in
 * the caller's defaults, asks for confirmation where the tool is destructive, runs the bound tool (call.ts) and
 * reports what it did (progress, logs, telemetry, an audit line for signed-in users).
 */
import {
  ProtocolError,
  ProtocolErrorCode,
  type CallToolResult,
  type Server,
  type Tool,
} from '@modelcontextprotocol/server';
import { warmUp } from '../atlassian/warm-up.js';
import type { Logger } from '../logging.js';
import { SharedStateError } from '../state/shared-state.js';
import type { TelemetrySink } from '../telemetry/events.js';
import type { DefaultsHandle } from '../tools/caller-defaults.js';
import { applyDefaults, resolveWithDefaults } from './apply-defaults.js';
import type { BoundTool } from './bound-tool.js';
import { callReports } from './call-reports.js';
import { instanceLabel, traceParentOf, watchCall } from './call-telemetry.js';
import { callBoundTool, errorResult } from './call.js';
import type { CatalogAccess } from './catalog-access.js';
import { confirmCall } from './confirmation.js';
import type { ConnectionResources } from './resources.js';

export interface ToolOptions {
  /** The defaults of whoever the server serves (gateway_set_defaults). */
  defaults: DefaultsHandle;
  /** The signed-in user the server serves, whose calls get an audit line; undefined without sign-in. */
  user: string | undefined;
  /** The server's resources, told which items each result links to; absent on a server without resources. */
  resources: ConnectionResources | undefined;
  telemetry: TelemetrySink | undefined;
  log: Logger;
}

export function installTools(server: Server, catalogs: CatalogAccess, options: ToolOptions): void {
  const { defaults, user, resources } = options;
  // A fresh envelope per answer: the SDK's encoders may stamp fields onto the result object.
  // Listing the tools is the usual prelude to a call: what calls need loads in the background meanwhile.
  server.setRequestHandler('tools/list', () => {
    const catalog = catalogs.now();
    warmUp(catalog.products, catalog.usesGot);
    return { tools: catalog.list as Tool[] };
  });
  server.setRequestHandler('tools/call', async (request, context) => {
    const unread = defaults.load ? await loadDefaults(defaults) : undefined;
    if (unread) return errorResult(`${request.params.name}: ${unread}`);
    return catalogs.use(async (catalog) => {
      const current = defaults.get();
      const target = resolveWithDefaults(catalog, request.params.name, request.params.arguments, current);
      if (!target) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
      if ('error' in target) return errorResult(target.error);
      const { tool } = target;
      const filled = applyDefaults(tool, target.args, current);
      if ('error' in filled) return errorResult(filled.error);
      const confirmation = confirmCall(tool, filled.args, context, server);
      if ('answer' in confirmation) return confirmation.answer;
      const started = performance.now();
      const reports = callReports(tool.name, request.params._meta?.progressToken, context);
      const parent = traceParentOf(request.params._meta, context);
      const watch = watchCall(options.telemetry, tool, reports.observer, parent, user);
      const result = await callBoundTool(tool, confirmation.args, catalog, context.mcpReq.signal, watch.observer, {
        defaults,
      });
      const ms = Math.round(performance.now() - started);
      watch.finish(result, ms);
      if (user) auditCall(options.log, user, tool, result, ms);
      await reports.finish(result, ms);
      resources?.noteToolResult(result);
      return server.projectCallToolResult(result, tool.definition.outputSchema);
    });
  });
}

/** Reads defaults kept outside this process; says why when they cannot be read, rather than call without them. */
async function loadDefaults(defaults: DefaultsHandle): Promise<string | undefined> {
  try {
    await defaults.load?.();
    return undefined;
  } catch (error) {
    if (error instanceof SharedStateError) return `your defaults could not be read: ${error.message}`;
    throw error;
  }
}

/** The audit line of a signed-in user's call: who, which tool on which instance, how it ended; never arguments. */
function auditCall(log: Logger, user: string, tool: BoundTool, result: CallToolResult, ms: number): void {
  log.info(
    {
      audit: 'tool-call',
      user,
      tool: tool.name,
      instance: instanceLabel(tool),
      outcome: result.isError ? 'error' : 'ok',
      ms,
    },
    'tool call',
  );
}
