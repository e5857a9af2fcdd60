/**
 * `POST /admin/reload`: reloads the configuration for an operator holding an API key with `admin: true`. The route
 * has a scope of its own whose `onRequest` hooks (Host/Origin guard, admin key) run for every spelling of its URL
 * that reaches it. While no admin key is configured, it answers exactly like a route that does not exist; without a
 * key it answers 401, with a key that is not an admin key 403, each with an audit line.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CallerResolver } from '../access/caller.js';
import type { Logger } from '../logging.js';
import { auditRefusal } from './audit.js';
import { useOriginForm } from './request-target.js';

/** What the reload answers: an HTTP status and a JSON body saying what changed, or why nothing did. */
export interface AdminAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface AdminRouteOptions {
  /** The caller resolver of the serving configuration (admin keys change with a reload too). */
  callers: () => CallerResolver;
  reload: (keyName: string) => Promise<AdminAnswer>;
  /** The MCP routes' Host/Origin guard. */
  guard: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  log: Logger;
}

/** Largest body the route reads; it takes no input, and anything sent is ignored. */
const ADMIN_BODY_LIMIT = 16 * 1024;

export async function registerAdminRoutes(app: FastifyInstance, options: AdminRouteOptions): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ADMIN_BODY_LIMIT }, (_request, _body, done) =>
      done(null, undefined),
    );
    scope.addHook('onRequest', async (_request, reply) => {
      if (!options.callers().adminEnabled) return reply.callNotFound();
    });
    scope.addHook('onRequest', useOriginForm);
    scope.addHook('onRequest', options.guard);
    scope.addHook('onRequest', async (request, reply) => {
      const verdict = options.callers().admin(request.headers);
      if ('grant' in verdict) {
        request.adminKey = verdict.grant.name;
        return;
      }
      auditRefusal(options.log, request, { status: verdict.status, reason: verdict.message, caller: verdict.keyName });
      if (verdict.status === 401) reply.header('www-authenticate', 'Bearer realm="atlassian-mcp-gateway"');
      return reply.code(verdict.status).send({ error: verdict.message });
    });
    scope.post('/admin/reload', async (request, reply) => {
      const answer = await options.reload(request.adminKey ?? '');
      return reply.code(answer.status).header('cache-control', 'no-store').send(answer.body);
    });
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The name of the admin key an admin route was called with. */
    adminKey?: string;
  }
}
