/**
 * MCP over WebSocket at `/ws`, and on `/mcp` for clients configured with `wss://host/mcp` (the streamable HTTP
 * route hands its upgrades here): subprotocol `mcp`, one JSON-RPC message per text frame, one server and
 * transport per socket, and ping/pong keep-alive that drops peers that stop answering.
 */
import websocket from '@fastify/websocket';
import type { McpServerFactory } from '@modelcontextprotocol/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { factoryForCaller } from '../access/caller.js';
import type { Logger } from '../logging.js';
import { sendBounded } from './backpressure.js';
import { ChannelTransport } from './channel-transport.js';
import { ConnectionSet, serveConnection, trackConnection } from './connection.js';
import { parseJsonRpcText } from './json-text.js';
import { JSONRPC_INVALID_REQUEST, jsonRpcError } from './jsonrpc-errors.js';
import { accountOf, type SessionLimits } from './session-limits.js';

export const WEBSOCKET_SUBPROTOCOL = 'mcp';

/** Close code 1013, "try again later": the session caps left no room. */
const CLOSE_TRY_AGAIN_LATER = 1013;

export interface WebSocketOptions {
  factory: McpServerFactory;
  log: Logger;
  limits: SessionLimits;
  /** Bytes a client may leave unread before it is disconnected. */
  bufferLimit: number;
  pingIntervalMs?: number;
}

export interface WebSocketHandle {
  /** Serves one upgraded socket; the route of `/mcp` uses it for its upgrades. */
  serve: (socket: WebSocket, request: FastifyRequest) => void;
  drain(): Promise<void>;
  close(): Promise<void>;
  connections(): number;
}

/**
 * Lets routes take upgrades. Register it at the root before any hook: its `onRequest` hook marks upgrade
 * requests, so that one refused by a later hook (a 401) or matching no route (a 404) has its socket closed
 * after the answer instead of left open.
 */
export async function enableWebSockets(app: FastifyInstance, maxPayload: number): Promise<void> {
  await app.register(websocket, {
    options: {
      maxPayload,
      handleProtocols: (protocols) => (protocols.has(WEBSOCKET_SUBPROTOCOL) ? WEBSOCKET_SUBPROTOCOL : false),
    },
  });
}

/** Declares `/ws` in a scope where `enableWebSockets` ran. */
export function registerWebSocket(scope: FastifyInstance, options: WebSocketOptions): WebSocketHandle {
  const connections = new ConnectionSet();
  const open = new Set<ChannelTransport>();

  const serve = (socket: WebSocket, request: FastifyRequest) => {
    const account = accountOf(request);
    if (!options.limits.admit(account))
      return socket.close(CLOSE_TRY_AGAIN_LATER, 'too many open sessions; try again shortly');
    const overflow = (unread: number) => {
      options.log.warn(
        { transport: 'websocket', unreadBytes: unread },
        'client stopped reading its socket: disconnected',
      );
      socket.terminate();
    };
    const transport = new ChannelTransport({
      write: (message) => sendBounded(socket, JSON.stringify(message), options.bufferLimit, overflow),
      end: () => socket.close(1000, 'closing'),
    });
    const connection = serveConnection(transport, factoryForCaller(options.factory, request.caller), options.log);
    const release = trackConnection(connection, connections, options.limits, account);
    open.add(transport);
    let alive = true;
    const ping = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, options.pingIntervalMs ?? 30_000);
    ping.unref();
    socket.on('pong', () => (alive = true));
    socket.on('message', (data, isBinary) => {
      if (isBinary)
        return void socket.send(
          JSON.stringify(
            jsonRpcError(JSONRPC_INVALID_REQUEST, 'Binary frames are not supported; send JSON-RPC as text'),
          ),
        );
      const parsed = parseJsonRpcText(
        Buffer.isBuffer(data)
          ? data.toString('utf8')
          : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'),
      );
      if ('error' in parsed)
        return void socket.send(JSON.stringify(jsonRpcError(parsed.error.code, parsed.error.message)));
      transport.receive(parsed.message);
    });
    socket.on('close', () => {
      clearInterval(ping);
      release();
      open.delete(transport);
      void connection.close();
    });
    socket.on('error', (error) => options.log.debug({ error: error.message }, 'websocket error'));
  };

  scope.get('/ws', { websocket: true, exposeHeadRoute: false }, serve);
  return {
    serve,
    drain: async () => {
      await Promise.all([...open].map((transport) => transport.drain()));
    },
    close: () => connections.closeAll(),
    connections: () => connections.size,
  };
}
