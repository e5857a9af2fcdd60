/**
 * The HTTP+SSE transport older clients speak: `GET /sse` opens an event stream that first announces
 * `/messages?sessionId=…`; the client POSTs JSON-RPC there and reads the answers on the stream.
 */
import { randomUUID } from 'node:crypto';
import type { McpServerFactory } from '@modelcontextprotocol/server';
import type { FastifyInstance } from 'fastify';
import { callerFingerprint } from '../access/caller-catalogs.js';
import { factoryForCaller } from '../access/caller.js';
import type { Logger } from '../logging.js';
import { writeBounded } from './backpressure.js';
import { sameCaller } from './caller-hook.js';
import { ChannelTransport } from './channel-transport.js';
import { ConnectionSet, serveConnection, trackConnection } from './connection.js';
import { isJsonRpcMessage } from './json-text.js';
import {
  JSONRPC_INVALID_REQUEST,
  JSONRPC_SESSION_NOT_FOUND,
  JSONRPC_TOO_MANY_SESSIONS,
  sendBodyError,
  sendJsonRpcError,
} from './jsonrpc-errors.js';
import { accountOf, type SessionLimits } from './session-limits.js';

export interface SseOptions {
  factory: McpServerFactory;
  log: Logger;
  limits: SessionLimits;
  /** Bytes a client may leave unread on its stream before it is disconnected. */
  bufferLimit: number;
  keepAliveMs?: number;
}

export interface SseHandle {
  /** Lets the calls in flight on every stream finish; new requests on them are refused. */
  drain(): Promise<void>;
  close(): Promise<void>;
  connections(): number;
}

export async function registerSse(app: FastifyInstance, options: SseOptions): Promise<SseHandle> {
  const streams = new Map<string, { transport: ChannelTransport; owner: string }>();
  const connections = new ConnectionSet();

  await app.register(async (scope) => {
    scope.setErrorHandler((error, _request, reply) =>
      sendBodyError(reply, error as { code?: string; statusCode?: number; message: string }),
    );

    // No HEAD twin: a HEAD request cannot carry an event stream.
    scope.get('/sse', { exposeHeadRoute: false }, (request, reply) => {
      const owner = callerFingerprint(request.caller);
      const account = accountOf(request);
      if (!options.limits.admit(account)) {
        return sendJsonRpcError(
          reply,
          503,
          JSONRPC_TOO_MANY_SESSIONS,
          'Too many open sessions, all of them busy; try again shortly',
        );
      }
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const sessionId = randomUUID();
      const overflow = (unread: number) => {
        options.log.warn({ transport: 'sse', unreadBytes: unread }, 'client stopped reading its stream: disconnected');
        raw.destroy();
      };
      const write = (text: string) => writeBounded(raw, text, options.bufferLimit, overflow);
      const transport = new ChannelTransport(
        { write: (message) => write(`event: message\ndata: ${JSON.stringify(message)}\n\n`), end: () => raw.end() },
        sessionId,
      );
      void write(`event: endpoint\ndata: /messages?sessionId=${sessionId}\n\n`);
      streams.set(sessionId, { transport, owner });
      const connection = serveConnection(transport, factoryForCaller(options.factory, request.caller), options.log);
      const release = trackConnection(connection, connections, options.limits, account);
      const keepAlive = setInterval(() => void write(': keep-alive\n\n'), options.keepAliveMs ?? 15_000);
      keepAlive.unref();
      raw.once('close', () => {
        clearInterval(keepAlive);
        streams.delete(sessionId);
        release();
        void connection.close();
      });
    });

    scope.post<{ Querystring: { sessionId?: string } }>('/messages', async (request, reply) => {
      const stream = request.query.sessionId ? streams.get(request.query.sessionId) : undefined;
      // A stream belongs to the caller that opened it: another key or tenant cannot post into it.
      const transport = stream && sameCaller(request, stream.owner) ? stream.transport : undefined;
      if (!transport || transport.isClosed)
        return sendJsonRpcError(
          reply,
          404,
          JSONRPC_SESSION_NOT_FOUND,
          'Session not found: open GET /sse first and use the endpoint it announces',
        );
      const messages = Array.isArray(request.body) ? request.body : [request.body];
      if (messages.length === 0 || !messages.every(isJsonRpcMessage)) {
        return sendJsonRpcError(reply, 400, JSONRPC_INVALID_REQUEST, 'Invalid JSON-RPC message');
      }
      for (const message of messages) transport.receive(message);
      return reply.code(202).send('Accepted');
    });
  });

  return {
    drain: async () => {
      await Promise.all([...streams.values()].map(({ transport }) => transport.drain()));
    },
    close: async () => {
      streams.clear();
      await connections.closeAll();
    },
    connections: () => connections.size,
  };
}
