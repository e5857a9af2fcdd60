/**
 * The HTTP+SSE transport older clients speak: `GET /sse` opens an event stream that first announces
 * `/messages?sessionId=…`; the client POSTs JSON-RPC there and reads the answers on the stream.
 */
import { randomUUID } from 'node:crypto';
import { isJSONRPCNotification, isJSONRPCRequest, isJSONRPCResponse, type JSONRPCMessage, type McpServerFactory } from '@modelcontextprotocol/server';
import type { FastifyInstance } from 'fastify';
import { callerFingerprint } from '../access/caller-catalogs.js';
import { factoryForCaller } from '../access/caller.js';
import type { Logger } from '../logging.js';
import { sameCaller } from './caller-hook.js';
import { ChannelTransport } from './channel-transport.js';
import { ConnectionSet, serveConnection } from './connection.js';
import { JSONRPC_INVALID_REQUEST, JSONRPC_SESSION_NOT_FOUND, sendBodyError, sendJsonRpcError } from './jsonrpc-errors.js';

export interface SseOptions {
  factory: McpServerFactory;
  log: Logger;
  keepAliveMs?: number;
}

export interface SseHandle {
  close(): Promise<void>;
  connections(): number;
}

export async function registerSse(app: FastifyInstance, options: SseOptions): Promise<SseHandle> {
  const streams = new Map<string, { transport: ChannelTransport; owner: string }>();
  const connections = new ConnectionSet();

  await app.register(async (scope) => {
    scope.setErrorHandler((error, _request, reply) => sendBodyError(reply, error as { code?: string; statusCode?: number; message: string }));

    scope.get('/sse', (request, reply) => {
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      const sessionId = randomUUID();
      const transport = new ChannelTransport(
        {
          write: (message) => void raw.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`),
          end: () => raw.end(),
        },
        sessionId,
      );
      raw.write(`event: endpoint\ndata: /messages?sessionId=${sessionId}\n\n`);
      streams.set(sessionId, { transport, owner: callerFingerprint(request.caller) });
      const connection = serveConnection(transport, factoryForCaller(options.factory, request.caller), options.log);
      const forget = connections.add(connection);
      const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), options.keepAliveMs ?? 15_000);
      keepAlive.unref();
      request.raw.on('close', () => {
        clearInterval(keepAlive);
        streams.delete(sessionId);
        forget();
        void connection.close();
      });
    });

    scope.post<{ Querystring: { sessionId?: string } }>('/messages', async (request, reply) => {
      const stream = request.query.sessionId ? streams.get(request.query.sessionId) : undefined;
      // A stream belongs to the caller that opened it: another key or tenant cannot post into it.
      const transport = stream && sameCaller(request, stream.owner) ? stream.transport : undefined;
      if (!transport) return sendJsonRpcError(reply, 404, JSONRPC_SESSION_NOT_FOUND, 'Session not found: open GET /sse first and use the endpoint it announces');
      const messages = Array.isArray(request.body) ? request.body : [request.body];
      if (messages.length === 0 || !messages.every(isJsonRpcMessage)) {
        return sendJsonRpcError(reply, 400, JSONRPC_INVALID_REQUEST, 'Invalid JSON-RPC message');
      }
      for (const message of messages) transport.receive(message);
      return reply.code(202).send('Accepted');
    });
  });

  return {
    close: async () => {
      streams.clear();
      await connections.closeAll();
    },
    connections: () => connections.size,
  };
}

function isJsonRpcMessage(value: unknown): value is JSONRPCMessage {
  return isJSONRPCRequest(value) || isJSONRPCNotification(value) || isJSONRPCResponse(value);
}
