/**
 * Builds the Fastify app that serves the catalogue over streamable HTTP (/mcp), SSE (/sse + /messages) and
 * WebSocket (/ws), plus /healthz and /readyz. Never listens: main.ts does, and tests inject or listen themselves.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { GatewayCore } from './gateway.js';
import { createCallerHook } from './transports/caller-hook.js';
import { createRequestGuard, guardSettings } from './transports/http-guards.js';
import { registerSse } from './transports/sse.js';
import { registerStreamableHttp } from './transports/streamable-http.js';
import { registerWebSocket } from './transports/websocket.js';

export interface GatewayApp {
  app: FastifyInstance;
  /** Open SSE, WebSocket and stateful HTTP sessions, for /readyz and tests. */
  openSessions(): { sse: number; websocket: number; http: number };
}

export async function buildApp(core: GatewayCore): Promise<GatewayApp> {
  const { server } = core.config;
  const log = core.logger.child({ component: 'http' });
  const app = Fastify({ logger: false, bodyLimit: server.body_limit, return503OnClosing: true, forceCloseConnections: 'idle' });
  app.addHook('onRequest', createRequestGuard(guardSettings(server)));
  if (core.callers.active) app.addHook('onRequest', createCallerHook(core.callers));

  const http = await registerStreamableHttp(app, { factory: core.factory, stateful: server.stateful, sessionIdleMs: server.session_idle_timeout * 1000, bodyLimit: server.body_limit, log });
  const sse = await registerSse(app, { factory: core.factory, log });
  const websocket = await registerWebSocket(app, { factory: core.factory, log, maxPayload: server.body_limit });

  app.get('/healthz', async () => ({ status: 'ok' }));
  // Ready once the startup probe has run; each instance's status says what it found.
  app.get('/readyz', async (_request, reply) => ({
    status: core.probing ? (reply.code(503), 'starting') : 'ready',
    instances: core.catalog.summaries().map(({ name, product, platform, tools, status }) => ({ name, product, platform, tools, status })),
  }));

  // Long-lived streams would hold close() open forever: end them first, then let in-flight requests finish.
  app.addHook('preClose', async () => {
    await Promise.allSettled([sse.close(), websocket.close(), http.close()]);
  });

  return { app, openSessions: () => ({ sse: sse.connections(), websocket: websocket.connections(), http: http.sessions() }) };
}
