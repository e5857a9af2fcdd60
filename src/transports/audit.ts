/**
 * The audit line for every request the gateway refuses before MCP handling (missing or wrong key, refused
 * tenant target, Host or Origin not allowed): which route, who asked as far as known, and why. Never a key,
 * a token or a header value.
 */
import type { FastifyRequest } from 'fastify';
import type { Logger } from '../logging.js';

export interface Refusal {
  status: number;
  reason: string;
  /** The name of the API key the caller presented, when it was valid and something else was refused. */
  caller?: string;
}

export function auditRefusal(log: Logger, request: FastifyRequest, refusal: Refusal): void {
  log.warn(
    {
      audit: 'refused',
      method: request.method,
      route: request.routeOptions.url,
      status: refusal.status,
      caller: refusal.caller ?? 'anonymous',
      remote: request.ip,
      reason: refusal.reason,
    },
    'request refused',
  );
}
