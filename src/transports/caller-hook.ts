/**
 * Resolves the caller (gateway key, tenant headers) for every MCP route before the transport sees the
 * request, and answers refusals as JSON-RPC errors with the right HTTP status. Probes stay open.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../access/caller-catalogs.js';
import { callerFingerprint } from '../access/caller-catalogs.js';
import type { CallerResolver } from '../access/caller.js';
import { JSONRPC_INVALID_REQUEST, sendJsonRpcError } from './jsonrpc-errors.js';

const MCP_PATHS = new Set(['/mcp', '/sse', '/messages', '/ws']);

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; undefined when the gateway uses neither keys nor tenants. */
    caller?: Caller;
  }
}

export function createCallerHook(callers: CallerResolver) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!MCP_PATHS.has(request.url.split('?')[0]!)) return;
    const resolution = await callers.resolve(request.headers);
    if ('status' in resolution) {
      if (resolution.status === 401) reply.header('www-authenticate', 'Bearer realm="atlassian-mcp-gateway"');
      return sendJsonRpcError(reply, resolution.status, JSONRPC_INVALID_REQUEST, resolution.message);
    }
    request.caller = resolution.caller;
  };
}

/** Whether a request comes from the same caller that opened a session (SSE stream, stateful HTTP session). */
export function sameCaller(request: FastifyRequest, sessionFingerprint: string): boolean {
  return callerFingerprint(request.caller) === sessionFingerprint;
}
