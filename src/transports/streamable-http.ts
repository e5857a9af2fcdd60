/**
 * Streamable HTTP at `/mcp`. Stateless by default: every request is served by a fresh server from the shared
 * catalogue, so any replica can answer any request, for both 2026-07-28 and 2025-era clients. With
 * `stateful`, 2025-era clients get `Mcp-Session-Id` sessions; 2026-07-28 traffic stays per-request. A repeated
 * `tools/list` is answered from the SDK's first answer (tool-list-cache.ts). A `subscriptions/listen` naming
 * resources (2026-07-28) has them polled for its stream (mcp/listen-subscriptions.ts). A WebSocket upgrade on `/mcp`
 * is handed to the WebSocket transport, for clients configured with `wss://host/mcp`.
 */
import { toNodeHandler, toWebRequest } from '@modelcontextprotocol/node';
import { createMcpHandler, isLegacyRequest, type AuthInfo, type McpServerFactory } from '@modelcontextprotocol/server';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import type { WebSocket } from 'ws';
import type { Caller } from '../access/caller-catalogs.js';
import { authInfoFor } from '../access/caller.js';
import type { Logger } from '../logging.js';
import { ListenRefusal, listenedUris, type ListenBus, type ListenScope } from '../mcp/listen-subscriptions.js';
import type { ChangedLists } from '../mcp/open-servers.js';
import type { SharedState } from '../state/shared-state.js';
import { HttpSessions } from './http-sessions.js';
import { InFlightRequests } from './in-flight.js';
import { JSONRPC_INVALID_PARAMS, sendBodyError, sendJsonRpcError } from './jsonrpc-errors.js';
import { parsedBodyExchange } from './parsed-body-exchange.js';
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
  /** Resource subscriptions on `subscriptions/listen` streams; absent when resource polling is off. */
  listen?: ListenWiring;
}

/** The bus the SDK's listen streams use, and how the resources one of them names are polled for its caller. */
export interface ListenWiring {
  bus: ListenBus;
  open(caller: Caller | undefined, uris: readonly string[], signal: AbortSignal): Promise<ListenScope>;
}

export interface StreamableHttpHandle {
  /** Resolves once every request being answered has been answered. */
  drain(): Promise<void>;
  close(): Promise<void>;
  sessions(): number;
  /**
   * A configuration reload changed these lists: kept `tools/list` answers are dropped, and 2026-07-28 clients
   * listening on `subscriptions/listen` are told. Stateful sessions are told by their own servers.
   */
  listsChanged(lists: ChangedLists): void;
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
    ...(options.listen && { bus: options.listen.bus }),
  });
  const serve = toNodeHandler(handler, { onerror });
  const serveParsed = parsedBodyExchange(handler, onerror);
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
    const uris = options.listen && listenedUris(request.body);
    if (options.listen && uris && uris.length > 0) return serveListen(request, reply, options.listen, uris, serve);
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
    // parsed spares the SDK cloning the request and reading the body a second time (parsed-body-exchange.ts).
    if (request.body === undefined) await serve(raw, reply.raw, request.body);
    else await serveParsed(raw, reply.raw, request.body);
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
    listsChanged: (lists) => {
      toolLists.clear();
      if (lists.tools) handler.notify.toolsChanged();
      if (lists.prompts) handler.notify.promptsChanged();
      if (lists.resources) handler.notify.resourcesChanged();
    },
  };
}

/**
 * A `subscriptions/listen` naming resources: each is read once for the caller (a wrong or hidden one is refused
 * with invalid params naming it, before any stream opens), then the SDK serves the stream while the gateway polls.
 */
async function serveListen(
  request: FastifyRequest,
  reply: FastifyReply,
  listen: ListenWiring,
  uris: readonly string[],
  serve: (raw: FastifyRequest['raw'], response: FastifyReply['raw'], body: unknown) => Promise<void>,
) {
  const ended = new AbortController();
  reply.raw.once('close', () => ended.abort());
  let scope: ListenScope;
  try {
    scope = await listen.open(request.caller, uris, ended.signal);
  } catch (error) {
    if (!(error instanceof ListenRefusal)) throw error;
    const id = (request.body as { id?: string | number }).id ?? null;
    return sendJsonRpcError(reply, 200, JSONRPC_INVALID_PARAMS, `${error.message} (${error.uri})`, id);
  }
  reply.hijack();
  const raw = request.raw as typeof request.raw & { auth?: AuthInfo };
  raw.auth = authInfoFor(request.caller);
  await listen.bus.serveIn(scope, () => serve(raw, reply.raw, request.body));
}
