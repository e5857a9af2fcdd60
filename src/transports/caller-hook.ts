/**
 * Resolves the caller (gateway key, tenant headers) before the transport sees the request, and answers
 * refusals as JSON-RPC errors with the right HTTP status, with an audit line. It is an `onRequest` hook of the
 * scope that holds exactly the MCP routes (app.ts), so every URL form the router maps to one of them has been
 * through it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../access/caller-catalogs.js';
import { callerFingerprint } from '../access/caller-catalogs.js';
import type { CallerResolver } from '../access/caller.js';
import type { ProtectedEndpoint } from '../auth/sign-in.js';
import type { Logger } from '../logging.js';
import { auditRefusal } from './audit.js';
import { JSONRPC_INVALID_REQUEST, sendJsonRpcError } from './jsonrpc-errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling; undefined when the gateway uses neither keys nor tenants. */
    caller?: Caller;
  }
}

/** `callers` is read per request: a configuration reload may turn keys or tenants on or off. */
export function createCallerHook(callers: () => CallerResolver, log: Logger) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const resolver = callers();
    if (!resolver.active) return;
    const resolution = await resolver.resolve(request.headers, endpointOf(request.routeOptions.url));
    if ('status' in resolution) {
      auditRefusal(log, request, { status: resolution.status, reason: resolution.message, caller: resolution.keyName });
      if (resolution.status === 401)
        reply.header('www-authenticate', resolution.challenge ?? 'Bearer realm="atlassian-mcp-gateway"');
      return sendJsonRpcError(reply, resolution.status, JSONRPC_INVALID_REQUEST, resolution.message);
    }
    request.caller = resolution.caller;
  };
}

/** Which MCP endpoint a route belongs to: SSE's message posts to /sse's, the status page to /mcp's. */
function endpointOf(route: string | undefined): ProtectedEndpoint {
  if (route?.startsWith('/sse') || route?.startsWith('/messages')) return 'sse';
  if (route?.startsWith('/ws')) return 'ws';
  return 'mcp';
}

/** Whether a request comes from the same caller that opened a session (SSE stream, stateful HTTP session). */
export function sameCaller(request: FastifyRequest, sessionFingerprint: string): boolean {
  return callerFingerprint(request.caller) === sessionFingerprint;
}
