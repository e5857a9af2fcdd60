/**
 * The only place that constructs SDK server objects. A server is cheap: two handlers that close over the
 * shared catalogue, so building one per request or per connection costs no schema work.
 */
import {
  ProtocolError,
  ProtocolErrorCode,
  Server,
  type McpServerFactory,
  type Tool,
} from '@modelcontextprotocol/server';
import { warmUp } from '../atlassian/warm-up.js';
import type { ToolNaming } from '../config/schema.js';
import type { TelemetrySink } from '../telemetry/events.js';
import { GATEWAY_NAME, GATEWAY_VERSION } from '../version.js';
import { callReports } from './call-reports.js';
import { traceParentOf, watchCall } from './call-telemetry.js';
import { callBoundTool, errorResult } from './call.js';
import type { Catalog } from './catalog.js';

const INSTRUCTIONS: Readonly<Record<ToolNaming, string>> = {
  prefix:
    'Tools for Jira and Confluence. Each tool description names its instance; unprefixed tools (jira_*, confluence_*) use the default instance, ' +
    'jira_<name>_* and confluence_<name>_* use the named one. gateway_list_instances lists them.',
  argument:
    'Tools for Jira and Confluence. Every jira_* and confluence_* tool takes an `instance` argument naming the instance to use; ' +
    'its enum lists where the tool is available. gateway_list_instances lists them.',
};

export interface ServerFactoryOptions {
  /** How long clients may cache `tools/list` (2026-07-28 cache hints); the list is fixed per configuration. */
  toolListTtlMs?: number;
  /** Hears every call's outcome, duration and upstream requests (metrics, the status page). */
  telemetry?: TelemetrySink;
}

/** Picks the catalogue of whoever a request or connection comes from; the gateway's access layer provides it. */
export type CatalogFor = (context: Parameters<McpServerFactory>[0]) => Catalog;

/**
 * `catalogFor` picks the catalogue of the caller the request carries (a key's subset, a tenant's own
 * instances, or the shared one); building the server around it costs no schema work either way.
 */
export function createServerFactory(catalogFor: CatalogFor, options: ServerFactoryOptions = {}): McpServerFactory {
  return (context) => {
    const catalog = catalogFor(context);
    const tools = catalog.list as Tool[];
    const server = new Server(
      { name: GATEWAY_NAME, version: GATEWAY_VERSION },
      {
        // Logging: each connection sets its level (`logging/setLevel`), or a 2026-07-28 request carries its own.
        capabilities: { tools: { listChanged: false }, logging: {} },
        instructions: INSTRUCTIONS[catalog.naming],
        cacheHints: { 'tools/list': { ttlMs: options.toolListTtlMs ?? 300_000, cacheScope: 'private' } },
      },
    );
    // A fresh envelope per answer: the SDK's encoders may stamp fields onto the result object.
    // Listing the tools is the usual prelude to a call: what calls need loads in the background meanwhile.
    server.setRequestHandler('tools/list', () => {
      warmUp(catalog.products);
      return { tools };
    });
    server.setRequestHandler('tools/call', async (request, context) => {
      const target = catalog.resolve(request.params.name, request.params.arguments);
      if (!target) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
      if ('error' in target) return errorResult(target.error);
      const { tool, args } = target;
      const started = performance.now();
      const reports = callReports(tool.name, request.params._meta?.progressToken, context);
      const watch = watchCall(options.telemetry, tool, reports.observer, traceParentOf(request.params._meta, context));
      const result = await callBoundTool(tool, args, catalog, context.mcpReq.signal, watch.observer);
      const ms = Math.round(performance.now() - started);
      watch.finish(result, ms);
      await reports.finish(result, ms);
      return server.projectCallToolResult(result, tool.definition.outputSchema);
    });
    return server;
  };
}
