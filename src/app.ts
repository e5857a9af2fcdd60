/**
 * Builds the Fastify app that serves the catalogue over streamable HTTP (/mcp), SSE (/sse + /messages) and
 * WebSocket (/ws, and upgrades on /mcp), the status page at /, plus the public probes /healthz and /readyz. Never listens: main.ts
 * does, and tests inject or listen themselves.
 *
 * Authentication is a property of the routes, not of URL strings: the MCP routes live in one encapsulated
 * scope whose `onRequest` hooks (Host/Origin guard, caller resolution) run for every request the router maps
 * to them, however the URL was spelled (`/%6dcp`, `/mcp#x`). Only the probes, and `/metrics` (behind its own
 * bearer token when one is set), are outside it.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { GatewayCore } from './gateway.js';
import { ListenBus, openListenScope } from './mcp/listen-subscriptions.js';
import { RECENT_WINDOW_MINUTES } from './telemetry/recent-rates.js';
import { registerAdminRoutes, type AdminAnswer } from './transports/admin-route.js';
import { createCallerHook } from './transports/caller-hook.js';
import { settlesWithin } from './transports/grace.js';
import { createRequestGuard, guardSettings } from './transports/http-guards.js';
import { useMcpJsonParser } from './transports/json-body.js';
import { metricsWanted, registerMetricsRoute } from './transports/metrics-route.js';
import { useOriginForm } from './transports/request-target.js';
import { SessionLimits } from './transports/session-limits.js';
import { registerSse, type SseHandle } from './transports/sse.js';
import { registerStatusPage } from './transports/status-page.js';
import { registerStreamableHttp, type StreamableHttpHandle } from './transports/streamable-http.js';
import { enableWebSockets, registerWebSocket, type WebSocketHandle } from './transports/websocket.js';
import { GATEWAY_VERSION } from './version.js';

/** A registered route; `public` routes answer without a key (probes), every other one is behind the caller hook. */
export interface RouteEntry {
  method: string;
  url: string;
  public: boolean;
}

export interface GatewayApp {
  app: FastifyInstance;
  /** Open SSE, WebSocket and stateful HTTP sessions, for /readyz and tests. */
  openSessions(): { sse: number; websocket: number; http: number };
  /** Every route the app registered, for the route audit test and diagnostics. */
  routes(): readonly RouteEntry[];
}

export interface AppOptions {
  /**
   * Reloads the configuration for `POST /admin/reload` (main.ts passes the loader it started with); without it the
   * route does not exist.
   */
  reload?: (keyName: string) => Promise<AdminAnswer>;
}

/** Time left after the drain for closing everything before main.ts's hard deadline. */
const CLOSE_MARGIN_MS = 500;

export async function buildApp(core: GatewayCore, options: AppOptions = {}): Promise<GatewayApp> {
  const { server } = core.config;
  const log = core.logger.child({ component: 'http' });
  const requestTimeoutMs = server.request_timeout * 1000;
  const app = Fastify({
    logger: false,
    bodyLimit: server.body_limit,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // A client must send its whole request (headers and body) within this time: slow bodies cannot hold sockets.
    requestTimeout: requestTimeoutMs,
    http: {
      headersTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(30_000, Math.max(250, requestTimeoutMs / 2)),
    },
  });
  app.server.maxConnections = server.max_connections;
  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      routes.push({ method, url: route.url, public: route.config?.public === true });
  });

  app.get('/healthz', { config: { public: true } }, async () => ({ status: 'ok' }));
  // Ready once the startup probe has run. Callers who must identify themselves learn nothing more than that here.
  app.get('/readyz', { config: { public: true } }, async (_request, reply) => {
    const status = core.probing ? (reply.code(503), 'starting') : 'ready';
    if (core.callers.active) return { status };
    return {
      status,
      instances: core.catalog.summaries().map(({ name, product, platform, tools, status, servicedesk }) => ({
        name,
        product,
        platform,
        tools,
        status,
        servicedesk,
      })),
    };
  });

  // Sign-in from the MCP client: the authorization server's routes and discovery documents, public by nature.
  const { signIn } = core;
  if (signIn) {
    await signIn.register(app);
    app.addHook('onListen', async function () {
      const address = this.server.address();
      if (address && typeof address === 'object') {
        const host = ['0.0.0.0', '::'].includes(address.address) ? '127.0.0.1' : address.address;
        signIn.listening(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}`);
      }
    });
  }

  // Prometheus metrics, when on: here, or on a port of their own (main.ts serves that one).
  const { metrics } = core.config;
  if (metricsWanted(metrics)) {
    const gatewayMetrics = await core.telemetry.enableMetrics(GATEWAY_VERSION, {
      userLabel: core.config.auth.user_metrics_label,
    });
    if (metrics.port === undefined) await registerMetricsRoute(app, gatewayMetrics, metrics.token);
  }

  // On close, Fastify answers new requests 503; calls in flight on every transport get the grace period to
  // finish (new requests on open streams are refused meanwhile), then everything is closed. Added before the
  // WebSocket plugin, whose own close hook would drop every socket at once.
  let handles: { http: StreamableHttpHandle; sse: SseHandle; websocket: WebSocketHandle } | undefined;
  app.addHook('preClose', async () => {
    if (!handles) return;
    const { http, sse, websocket } = handles;
    const drainMs = Math.max(0, server.shutdown_grace * 1000 - CLOSE_MARGIN_MS);
    const drained = await settlesWithin(Promise.all([http.drain(), sse.drain(), websocket.drain()]), drainMs);
    if (!drained)
      log.warn({ graceSeconds: server.shutdown_grace }, 'shutdown grace ran out with calls still in flight');
    await Promise.allSettled([sse.close(), websocket.close(), http.close()]);
  });

  // Then, at the root: upgrade requests that are refused or match no route must have their sockets closed.
  await enableWebSockets(app, server.body_limit);

  const guard = createRequestGuard(guardSettings(server), log);
  const reload = options.reload;
  if (reload) await registerAdminRoutes(app, { callers: () => core.callers, reload, guard, log });

  await app.register(async (mcp) => {
    // One JSON body parser for every MCP route: depth-checked, tolerant of DELETE without a body.
    useMcpJsonParser(mcp);
    mcp.addHook('onRequest', useOriginForm);
    mcp.addHook('onRequest', guard);
    // Until the startup probe has said which instances have Service Management, the tool list is not final.
    mcp.addHook('onRequest', () => core.catalogSettled());
    // Keys and tenants are read from the serving configuration on each request: a reload may turn them on or off.
    mcp.addHook(
      'onRequest',
      createCallerHook(() => core.callers, log),
    );
    const limits = new SessionLimits({ total: server.max_sessions, perCaller: server.max_sessions_per_caller }, log);
    const bufferLimit = server.connection_buffer_limit;
    const websocket = registerWebSocket(mcp, { factory: core.factory, log, limits, bufferLimit });
    const pollSeconds = core.config.resource_poll_interval;
    const http = await registerStreamableHttp(mcp, {
      factory: core.factory,
      stateful: server.stateful,
      sessionIdleMs: server.session_idle_timeout * 1000,
      bodyLimit: server.body_limit,
      limits,
      log,
      shared: core.shared,
      websocket: websocket.serve,
      ...(pollSeconds && {
        listen: {
          bus: new ListenBus(),
          open: (caller, uris, signal) =>
            openListenScope(core.catalogAccessFor(caller), uris, pollSeconds * 1000, signal, log),
        },
      }),
    });
    const sse = await registerSse(mcp, { factory: core.factory, log, limits, bufferLimit });
    handles = { http, sse, websocket };
    registerStatusPage(mcp, {
      catalogFor: (caller) => core.catalogs.catalogFor(caller),
      activity: (instance) => core.telemetry.recent.activity(instance),
      windowMinutes: RECENT_WINDOW_MINUTES,
      version: GATEWAY_VERSION,
      keysRequired: () => core.config.api_keys.length > 0,
    });
  });
  const { http, sse, websocket } = handles!;
  core.onListsChanged((lists) => http.listsChanged(lists));
  core.telemetry.countSessions(() => ({
    http: http.sessions(),
    sse: sse.connections(),
    websocket: websocket.connections(),
  }));

  return {
    app,
    openSessions: () => ({ sse: sse.connections(), websocket: websocket.connections(), http: http.sessions() }),
    routes: () => routes,
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without the caller hook: the probes. */
    public?: boolean;
  }
}
