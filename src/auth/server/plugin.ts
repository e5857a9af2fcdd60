/**
 * The authorization server as one encapsulated Fastify plugin: its own body parsers (forms and JSON), the
 * per-address rate limit on every one of its routes, discovery, authorize, token, revoke and register.
 */
import type { FastifyInstance } from 'fastify';
import { registerAuthorizeRoutes } from './authorize-routes.js';
import type { ServerContext } from './context.js';
import { registerMetadataRoutes } from './metadata-routes.js';
import { rateLimitHook } from './rate-limit.js';
import { registerTokenRoutes } from './token-routes.js';

export async function registerAuthorizationServer(app: FastifyInstance, context: ServerContext): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_request, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(String(body))));
      },
    );
    scope.addHook('onRequest', rateLimitHook(context.rateLimit));
    registerMetadataRoutes(scope, context);
    registerAuthorizeRoutes(scope, context);
    registerTokenRoutes(scope, context);
  });
}
