/**
 * Streamable HTTP at `/mcp`. Stateless by default: every request is served by a fresh server from the shared
 * catalogue, so any replica can answer any request, for both 2026-07-28 and 2025-era clients. With
 * `stateful`, 2025-era clients get `Mcp-Session-Id` sessions; 2026-07-28 traffic stays per-request. A repeated
 * `tools/list` is answered from the SDK's first answer (tool-list-cache.ts). A WebSocket upgrade on `/mcp` is
 * handed to the WebSocket transport, for clients configured with `wss://host/mcp`.
 */
import { toNodeHandler, toWebRequest } from '@modelcontextprotocol/node';
import { createMcpHandler, isLegacyRequest, type AuthInfo, type McpServerFactory } from '@modelcontextprotocol/server';
import type { FastifyInstance, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { WebSocket } from 'ws';
import { authInfoFor } from '../access/caller.js';
import type { Logger } from '../logging.js';
import type { SharedState } from '../state/shared-state.js';
import { HttpSessions } from './http-sessions.js';
import { InFlightRequests } from './in-flight.js';
import { sendBodyError } from './jsonrpc-errors.js';
import type { SessionLimits } from './session-limits.js';
import { SharedSessions } from './shared-sessions.js';
import { ToolListCache } from './tool-list-cache.js';

export interface StreamableHttpOptions {
  factory: McpServerFactory;
  stateful: boolean;
  sessionIdleMs: number;
  bodyLimit: number;
  limits: SessionLimits;
  log: Logger;
  /** Where stateful sessions are shared with other replicas; without it they live in this process only. */
  shared?: SharedState;
  /** Serves a WebSocket upgraded on `/mcp`. */
  websocket?: (socket: WebSocket, request: FastifyRequest) => void;
}

export interface StreamableHttpHandle {
  /** Resolves once every request being answered has been answered. */
  drain(): Promise<void>;
  close(): Promise<void>;
  sessions(): number;
}

export async function registerStreamableHttp(
  app: FastifyInstance,
  options: StreamableHttpOptions,
): Promise<StreamableHttpHandle> {
  const onerror = (error: Error) => options.log.debug({ error: error.message }, 'mcp http exchange error');
  const handler = createMcpHandler(options.factory, {
    legacy: options.stateful ? 'reject' : 'stateless',
    onerror,
    maxRequestBodySize: options.bodyLimit,
  });
  const serve = toNodeHandler(handler, { onerror });
  const sessions = options.stateful
    ? new HttpSessions({
        factory: options.factory,
        idleMs: options.sessionIdleMs,
        limits: options.limits,
        log: options.log,
        onerror,
        shared: options.shared && new SharedSessions(options.shared, options.sessionIdleMs, options.log),
      })
    : undefined;
  await sessions?.listen();
  const toolLists = new ToolListCache(options.log);
  const inFlight = new InFlightRequests();

  const answer: RouteHandlerMethod = async (request, reply) => {
    // GET opens a long-lived stream that carries no call of its own.
    if (request.method === 'POST') inFlight.track(reply.raw);
    if (sessions && (await isLegacyRequest(await toWebRequest(request.raw, request.body), request.body))) {
      return sessions.serve(request, reply);
    }
    const list = toolLists.keyOf(request);
    if (list) {
      const authInfo = authInfoFor(request.caller);
      return toolLists.reply(reply, list.key, list.id, async () =>
        handler.fetch(await toWebRequest(request.raw, request.body), {
          ...(authInfo && { authInfo }),
          parsedBody: request.body,
        }),
      );
    }
    reply.hijack();
    const raw = request.raw as typeof request.raw & { auth?: AuthInfo };
    raw.auth = authInfoFor(request.caller);
    // Fastify parsed the body (bounded; bad JSON is answered by the error handler above). Handing it over
    // parsed spares the SDK cloning the request and reading the body a second time.
    await serve(raw, reply.raw, request.body);
  };

  await app.register(async (scope) => {
    scope.setErrorHandler((error, _request, reply) =>
      sendBodyError(reply, error as { code?: string; statusCode?: number; message: string }),
    );
    // @fastify/websocket allows an upgrade handler on GET routes only, so GET is a route of its own.
    scope.route({
      method: 'GET',
      url: '/mcp',
      exposeHeadRoute: false,
      handler: answer,
      ...(options.websocket ? { wsHandler: options.websocket } : {}),
    });
    scope.route({ method: ['POST', 'DELETE'], url: '/mcp', handler: answer });
  });

  return {
    drain: () => inFlight.idle(),
    close: async () => {
      await sessions?.closeAll();
      await handler.close();
    },
    sessions: () => sessions?.size ?? 0,
  };
}
