/**
 * MCP over WebSocket at `/ws`: subprotocol `mcp`, one JSON-RPC message per text frame, one server and
 * transport per socket, and ping/pong keep-alive that drops peers that stop answering.
 */
import websocket from '@fastify/websocket';
import { isJSONRPCNotification, isJSONRPCRequest, isJSONRPCResponse, type JSONRPCMessage, type McpServerFactory } from '@modelcontextprotocol/server';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { factoryForCaller } from '../access/caller.js';
import type { Logger } from '../logging.js';
import { ChannelTransport } from './channel-transport.js';
import { ConnectionSet, serveConnection } from './connection.js';
import { JSONRPC_INVALID_REQUEST, JSONRPC_PARSE_ERROR, jsonRpcError } from './jsonrpc-errors.js';

export const WEBSOCKET_SUBPROTOCOL = 'mcp';

export interface WebSocketOptions {
  factory: McpServerFactory;
  log: Logger;
  maxPayload: number;
  pingIntervalMs?: number;
}

export interface WebSocketHandle {
  close(): Promise<void>;
  connections(): number;
}

export async function registerWebSocket(app: FastifyInstance, options: WebSocketOptions): Promise<WebSocketHandle> {
  const connections = new ConnectionSet();
  await app.register(websocket, {
    options: {
      maxPayload: options.maxPayload,
      handleProtocols: (protocols) => (protocols.has(WEBSOCKET_SUBPROTOCOL) ? WEBSOCKET_SUBPROTOCOL : false),
    },
  });
  await app.register(async (scope) => {
    scope.get('/ws', { websocket: true }, (socket, request) => {
      const transport = new ChannelTransport({
        write: (message) => sendFrame(socket, message),
        end: () => socket.close(1000, 'closing'),
      });
      const connection = serveConnection(transport, factoryForCaller(options.factory, request.caller), options.log);
      const forget = connections.add(connection);
      let alive = true;
      const ping = setInterval(() => {
        if (!alive) return socket.terminate();
        alive = false;
        socket.ping();
      }, options.pingIntervalMs ?? 30_000);
      ping.unref();
      socket.on('pong', () => (alive = true));
      socket.on('message', (data, isBinary) => {
        const message = parseFrame(isBinary ? null : data.toString());
        if ('error' in message) return void socket.send(JSON.stringify(message.error));
        transport.receive(message.value);
      });
      socket.on('close', () => {
        clearInterval(ping);
        forget();
        void connection.close();
      });
      socket.on('error', (error) => options.log.debug({ error: error.message }, 'websocket error'));
    });
  });
  return { close: () => connections.closeAll(), connections: () => connections.size };
}

function sendFrame(socket: WebSocket, message: JSONRPCMessage): Promise<void> {
  return new Promise((resolve) => {
    if (socket.readyState !== socket.OPEN) return resolve();
    socket.send(JSON.stringify(message), () => resolve());
  });
}

function parseFrame(text: string | null): { value: JSONRPCMessage } | { error: ReturnType<typeof jsonRpcError> } {
  if (text === null) return { error: jsonRpcError(JSONRPC_INVALID_REQUEST, 'Binary frames are not supported; send JSON-RPC as text') };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: jsonRpcError(JSONRPC_PARSE_ERROR, 'Parse error: the frame is not valid JSON') };
  }
  if (isJSONRPCRequest(value) || isJSONRPCNotification(value) || isJSONRPCResponse(value)) return { value };
  return { error: jsonRpcError(JSONRPC_INVALID_REQUEST, 'Invalid JSON-RPC message') };
}
