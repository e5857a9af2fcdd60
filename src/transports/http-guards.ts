/**
 * DNS-rebinding protection for every MCP route: the `Host` must be an allowed name and a browser `Origin`,
 * when present, an allowed one. On by default for loopback binds; deployments behind a proxy list their names.
 * An `onRequest` hook of the MCP scope (app.ts); the probes live outside it and answer any Host.
 */
import {
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  validateHostHeader,
  validateOriginHeader,
} from '@modelcontextprotocol/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config/schema.js';
import type { Logger } from '../logging.js';
import { auditRefusal } from './audit.js';
import { JSONRPC_INVALID_REQUEST, sendJsonRpcError } from './jsonrpc-errors.js';

export interface GuardSettings {
  /** `undefined` turns Host validation off (non-loopback bind without an allow-list). */
  hosts: string[] | undefined;
  origins: string[];
}

export function isLoopbackHost(host: string): boolean {
  return ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host) || host.startsWith('127.');
}

export function guardSettings(server: ServerConfig): GuardSettings {
  return {
    hosts: server.allowed_hosts?.length
      ? server.allowed_hosts
      : isLoopbackHost(server.host)
        ? localhostAllowedHostnames()
        : undefined,
    origins: server.allowed_origins?.length ? server.allowed_origins : localhostAllowedOrigins(),
  };
}

export function createRequestGuard(settings: GuardSettings, log: Logger) {
  const refuse = (request: FastifyRequest, reply: FastifyReply, message: string) => {
    auditRefusal(log, request, { status: 403, reason: message });
    return sendJsonRpcError(reply, 403, JSONRPC_INVALID_REQUEST, message);
  };
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (settings.hosts) {
      const host = validateHostHeader(request.headers.host, settings.hosts);
      if (!host.ok) return refuse(request, reply, `Forbidden: ${host.message} (allow it with MCP_ALLOWED_HOSTS)`);
    }
    const origin = validateOriginHeader(request.headers.origin, settings.origins);
    if (!origin.ok) return refuse(request, reply, `Forbidden: ${origin.message} (allow it with MCP_ALLOWED_ORIGINS)`);
  };
}
