/**
 * The discovery documents: authorization server metadata (RFC 8414) and protected resource metadata (RFC 9728),
 * the latter at the root and under each MCP endpoint's path, as clients look for it either way.
 */
import type { FastifyInstance } from 'fastify';
import { PUBLIC_ROUTE, type ServerContext } from './context.js';

/** The MCP endpoints whose path-specific resource metadata is served. */
export const PROTECTED_PATHS = ['mcp', 'sse', 'ws'] as const;

export function authorizationServerMetadata(context: ServerContext): Record<string, unknown> {
  const { issuer } = context;
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    revocation_endpoint: `${issuer}/revoke`,
    ...(context.dynamicRegistration ? { registration_endpoint: `${issuer}/register` } : {}),
    scopes_supported: context.scopes,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_post', 'client_secret_basic'],
    revocation_endpoint_auth_methods_supported: ['none', 'client_secret_post', 'client_secret_basic'],
    authorization_response_iss_parameter_supported: true,
    client_id_metadata_document_supported: context.metadataDocuments,
  };
}

export function protectedResourceMetadata(context: ServerContext): Record<string, unknown> {
  return {
    resource: context.resource,
    authorization_servers: [context.issuer],
    scopes_supported: context.scopes,
    bearer_methods_supported: ['header'],
    resource_name: 'Atlassian MCP Gateway',
  };
}

export function registerMetadataRoutes(app: FastifyInstance, context: ServerContext): void {
  // Built per request: the issuer may only be known once the gateway listens.
  app.get('/.well-known/oauth-authorization-server', PUBLIC_ROUTE, async (_request, reply) =>
    reply.header('access-control-allow-origin', '*').send(authorizationServerMetadata(context)),
  );
  for (const path of ['', ...PROTECTED_PATHS.map((name) => `/${name}`)])
    app.get(`/.well-known/oauth-protected-resource${path}`, PUBLIC_ROUTE, async (_request, reply) =>
      reply.header('access-control-allow-origin', '*').send(protectedResourceMetadata(context)),
    );
}
