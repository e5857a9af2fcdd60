/**
 * `/token` (authorization code with PKCE S256, refresh with rotation), `/revoke` (RFC 7009: the token's family
 * goes, and with it the user's Atlassian tokens in the vault) and `/register` (RFC 7591, when switched on).
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sameResource } from './authorize-routes.js';
import { ClientError, type KnownClient } from './clients.js';
import { PUBLIC_ROUTE, type ServerContext } from './context.js';
import { bodyFields, clientCredentials, oauthError } from './http-helpers.js';

export function registerTokenRoutes(app: FastifyInstance, context: ServerContext): void {
  const { grants, clients, log } = context;

  /** The authenticated client, or undefined after answering 401 invalid_client. */
  const authenticatedClient = async (
    request: FastifyRequest,
    reply: FastifyReply,
    fields: Record<string, string | undefined>,
  ): Promise<KnownClient | undefined> => {
    const presented = clientCredentials(request, fields);
    if (!presented.clientId) {
      await oauthError(reply, 401, 'invalid_client', 'client_id is required');
      return undefined;
    }
    let client: KnownClient;
    try {
      client = await clients.lookup(presented.clientId);
    } catch (error) {
      if (!(error instanceof ClientError)) throw error;
      await oauthError(reply, 401, 'invalid_client', error.message);
      return undefined;
    }
    if (!clients.authenticate(client, presented)) {
      await oauthError(reply, 401, 'invalid_client', 'client authentication failed');
      return undefined;
    }
    return client;
  };

  app.post('/token', PUBLIC_ROUTE, async (request, reply) => {
    const fields = bodyFields(request);
    const client = await authenticatedClient(request, reply, fields);
    if (!client) return reply;
    if (fields.resource !== undefined && !sameResource(fields.resource, context.resource))
      return oauthError(reply, 400, 'invalid_target', `tokens are issued for ${context.resource} only`);
    if (fields.grant_type === 'authorization_code') {
      const pending = fields.code ? grants.redeemCode(fields.code) : undefined;
      if (!pending || pending.clientId !== client.clientId)
        return oauthError(reply, 400, 'invalid_grant', 'the code is unknown, used, expired or for another client');
      if (fields.redirect_uri !== pending.redirectUri)
        return oauthError(reply, 400, 'invalid_grant', 'redirect_uri differs from the one the code was issued for');
      const verifier = fields.code_verifier ?? '';
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || s256(verifier) !== pending.challenge)
        return oauthError(reply, 400, 'invalid_grant', 'PKCE verification failed (code_verifier)');
      const { redirectUri: _redirect, challenge: _challenge, expiresAt: _expires, ...grant } = pending;
      return tokenAnswer(reply, await grants.issue(grant));
    }
    if (fields.grant_type === 'refresh_token') {
      if (!fields.refresh_token) return oauthError(reply, 400, 'invalid_request', 'refresh_token is required');
      const outcome = await grants.rotate(fields.refresh_token, client.clientId);
      if ('refused' in outcome) {
        if (outcome.refused === 'reused')
          log.warn(
            { audit: 'refresh-token-reuse', client: client.name ?? client.clientId, remote: request.ip },
            'a rotated refresh token was used again: its family is revoked',
          );
        return oauthError(
          reply,
          400,
          'invalid_grant',
          'the refresh token is not valid (expired, revoked or already used)',
        );
      }
      return tokenAnswer(reply, outcome.tokens);
    }
    return oauthError(reply, 400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
  });

  app.post('/revoke', PUBLIC_ROUTE, async (request, reply) => {
    const fields = bodyFields(request);
    const client = await authenticatedClient(request, reply, fields);
    if (!client) return reply;
    if (!fields.token) return oauthError(reply, 400, 'invalid_request', 'token is required');
    const user = await grants.revoke(fields.token, client.clientId);
    if (user) {
      await context.vault.forget(user);
      log.info({ audit: 'sign-out', user, client: client.name ?? client.clientId }, 'user signed out');
    }
    // RFC 7009 §2.2: the same answer whether or not the token was valid.
    return reply.code(200).header('cache-control', 'no-store').send({});
  });

  if (context.dynamicRegistration)
    app.post('/register', PUBLIC_ROUTE, async (request, reply) => {
      const metadata =
        request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
      try {
        const { client, secret } = await clients.register(metadata);
        log.info({ audit: 'client-registered', client: client.name ?? client.clientId }, 'client registered');
        return reply
          .code(201)
          .header('cache-control', 'no-store')
          .send({
            client_id: client.clientId,
            client_id_issued_at: Math.floor(Date.now() / 1000),
            ...(secret ? { client_secret: secret, client_secret_expires_at: 0 } : {}),
            redirect_uris: client.redirectUris,
            token_endpoint_auth_method: client.authMethod,
            grant_types: ['authorization_code', 'refresh_token'],
            response_types: ['code'],
            ...(client.name ? { client_name: client.name } : {}),
          });
      } catch (error) {
        if (!(error instanceof ClientError)) throw error;
        return oauthError(reply, 400, error.code, error.message);
      }
    });
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function tokenAnswer(reply: FastifyReply, tokens: object) {
  return reply.code(200).header('cache-control', 'no-store').header('pragma', 'no-cache').send(tokens);
}
