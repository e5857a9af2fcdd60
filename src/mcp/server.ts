/**
 * The only place that constructs SDK server objects. A server is cheap: handlers that read the shared catalogue,
 * so building one per request or per connection costs no schema work. Each request asks for the caller's catalogue
 * anew, so a connection that outlives a configuration reload is served by the new one from its next request.
 */
import { Server, type McpServerFactory } from '@modelcontextprotocol/server';
import type { ToolNaming } from '../config/schema.js';
import type { Logger } from '../logging.js';
import type { TelemetrySink } from '../telemetry/events.js';
import type { DefaultsHandle } from '../tools/caller-defaults.js';
import { GATEWAY_NAME, GATEWAY_VERSION } from '../version.js';
import { catalogAccess } from './catalog-access.js';
import type { Catalog } from './catalog.js';
import { installCompletions } from './completions.js';
import { ConnectionDefaults, KeyedDefaults, noDefaults } from './defaults-store.js';
import type { OpenServers } from './open-servers.js';
import { installPrompts } from './prompts.js';
import { installResources } from './resources.js';
import { servesFamilyFor } from './served-methods.js';
import { sessionIdOf } from './session-context.js';
import type { SharedDefaults } from './shared-defaults.js';
import { installTools } from './tools.js';

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
  /**
   * Who a server built for one HTTP request serves, for their defaults (a digest of their key or credentials),
   * or undefined when nothing tells callers apart. Servers of a connection keep defaults of their own.
   */
  callerKey?: (context: Parameters<McpServerFactory>[0]) => string | undefined;
  /** `resource_poll_interval` in seconds: subscriptions poll their item this often; 0 or absent, no subscriptions. */
  resourcePollSeconds?: number;
  /** Where failures that reach no client are logged (polling). */
  log: Logger;
  /** Hears every call's outcome, duration and upstream requests (metrics, the status page). */
  telemetry?: TelemetrySink;
  /**
   * Called in the same tick as `catalogFor` when a request that reaches Atlassian starts: keeps that catalogue's
   * clients open until the returned function is called (a reload closes a replaced configuration after its last call).
   */
  holdCatalog?: () => () => void;
  /** Where the servers of open connections are kept, to be told when a reload changes their lists. */
  openServers?: OpenServers;
  /** With shared state (replicas): callers' and sessions' defaults live there instead of in this process. */
  sharedDefaults?: SharedDefaults;
  /**
   * The signed-in user a request or connection comes from (sign-in from the MCP client): each of their calls gets
   * an audit line (user, tool, instance, outcome) and, when configured, a per-user metric.
   */
  signedInUser?: (context: Parameters<McpServerFactory>[0]) => string | undefined;
}

const STATELESS_WITHOUT_KEY =
  'defaults need a way to tell you apart from other callers: this gateway serves stateless HTTP without API keys, so connect over WebSocket, SSE or a stateful session, or use an API key';

/** Picks the catalogue of whoever a request or connection comes from; the gateway's access layer provides it. */
export type CatalogFor = (context: Parameters<McpServerFactory>[0]) => Catalog;

/**
 * `catalogFor` picks the catalogue of the caller the request carries (a key's subset, a tenant's own
 * instances, or the shared one); building the server around it costs no schema work either way.
 */
export function createServerFactory(catalogFor: CatalogFor, options: ServerFactoryOptions): McpServerFactory {
  const keyed = new KeyedDefaults();
  const shared = options.sharedDefaults;
  const defaultsFor = (context: Parameters<McpServerFactory>[0]): DefaultsHandle => {
    if (!context.requestInfo) {
      // A stateful HTTP session may be served by any replica: its defaults go where they all find them.
      const session = sessionIdOf(context);
      return shared && session ? shared.forSession(session) : new ConnectionDefaults();
    }
    const key = options.callerKey?.(context);
    if (!key) return noDefaults(STATELESS_WITHOUT_KEY);
    return shared ? shared.forCaller(key) : keyed.handleFor(key);
  };
  return (context) => {
    const catalogs = catalogAccess(() => catalogFor(context), options.holdCatalog);
    const first = catalogs.now();
    const defaults = defaultsFor(context);
    const user = options.signedInUser?.(context);
    // Subscriptions need a connection that outlives a request in the 2025 era (stdio, SSE, WebSocket, stateful HTTP
    // sessions: built without an HTTP request). 2026-07-28 has no `resources/subscribe`: over streamable HTTP its
    // `subscriptions/listen` streams carry them (listen-subscriptions.ts); its WebSocket and stdio forms have none.
    const longLived = context.requestInfo === undefined;
    const subscribable = Boolean(options.resourcePollSeconds) && (context.era === 'legacy' ? longLived : !longLived);
    const server = new Server(
      { name: GATEWAY_NAME, version: GATEWAY_VERSION },
      {
        // Logging: each connection sets its level (`logging/setLevel`), or a 2026-07-28 request carries its own.
        // A configuration reload changes the lists; connections are told (open-servers.ts).
        capabilities: {
          tools: { listChanged: true },
          logging: {},
          resources: { subscribe: subscribable, listChanged: true },
          prompts: { listChanged: true },
          completions: {},
        },
        instructions: INSTRUCTIONS[first.naming],
        cacheHints: { 'tools/list': { ttlMs: options.toolListTtlMs ?? 300_000, cacheScope: 'private' } },
      },
    );
    // A server answering one 2026-07-28 request gets the handlers of that request's method family only.
    const serves = servesFamilyFor(context);
    const resources = serves('resources/')
      ? installResources(server, catalogs, {
          pollIntervalMs: subscribable && context.era === 'legacy' ? options.resourcePollSeconds! * 1000 : undefined,
          log: options.log,
        })
      : undefined;
    if (serves('prompts/')) installPrompts(server, catalogs);
    if (serves('completion/')) installCompletions(server, catalogs);
    if (serves('tools/'))
      installTools(server, catalogs, { defaults, user, resources, telemetry: options.telemetry, log: options.log });
    if (longLived) options.openServers?.add(server);
    return server;
  };
}
