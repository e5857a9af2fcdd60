/**
 * The authorize and token endpoints of the sandbox's OAuth server, for Cloud (`/authorize`, `/oauth/token`, JSON)
 * and Server/DC (per site, form bodies). Codes are bound to PKCE challenges and redirect URIs.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SANDBOX_USERS } from '../fixtures/users.js';
import type { SiteDefinition } from '../site/site.js';
import type { OAuthState } from './oauth-state.js';

type Flavor = 'cloud' | 'server';
type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** The ids of the sites an OAuth client may use (of one flavour, or the one site `only`). */
const clientSites = (sites: readonly SiteDefinition[], clientId: string, flavor: Flavor, only?: string) =>
  sites
    .filter((site) => site.oauth?.clientId === clientId && site.flavor === flavor && (!only || site.id === only))
    .map((site) => site.id);

export function authorizeHandler(
  state: OAuthState,
  sites: readonly SiteDefinition[],
  flavor: Flavor,
  only?: string,
): Handler {
  return async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const granted = query.client_id ? clientSites(sites, query.client_id, flavor, only) : [];
    if (query.response_type !== 'code' || !query.redirect_uri || granted.length === 0) {
      return reply.code(400).send({
        error: 'invalid_request',
        error_description: 'unknown client, missing redirect_uri or response_type is not code',
      });
    }
    if (flavor === 'cloud' && query.audience !== 'api.atlassian.com')
      return reply
        .code(400)
        .send({ error: 'invalid_request', error_description: 'audience must be api.atlassian.com' });
    if (query.code_challenge && query.code_challenge_method !== 'S256')
      return reply.code(400).send({ error: 'invalid_request', error_description: 'only S256 PKCE' });
    const code = `sandbox-code-${randomBytes(8).toString('hex')}`;
    state.codes.set(code, {
      clientId: query.client_id!,
      sites: granted,
      scope: query.scope ?? '',
      user: signedInUser(request),
      redirectUri: query.redirect_uri,
      challenge: query.code_challenge,
    });
    const target = new URL(query.redirect_uri);
    target.searchParams.set('code', code);
    if (query.state) target.searchParams.set('state', query.state);
    return reply.redirect(target.toString(), 302);
  };
}

export function tokenHandler(
  state: OAuthState,
  sites: readonly SiteDefinition[],
  flavor: Flavor,
  only?: string,
): Handler {
  return async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    const fail = (error: string, description: string) =>
      reply.code(400).send({ error, error_description: description });
    const secretOk = sites.some(
      (site) =>
        site.oauth?.clientId === body.client_id &&
        site.oauth?.clientSecret === body.client_secret &&
        site.flavor === flavor &&
        (!only || site.id === only),
    );
    if (!secretOk) return reply.code(401).send({ error: 'access_denied', error_description: 'Unauthorized' });
    if (body.grant_type === 'authorization_code') {
      const pending = body.code ? state.codes.get(body.code) : undefined;
      if (!pending || pending.clientId !== body.client_id)
        return fail('invalid_grant', 'unknown or used authorization code');
      state.codes.delete(body.code!);
      if (pending.redirectUri !== body.redirect_uri) return fail('invalid_grant', 'redirect_uri does not match');
      if (
        pending.challenge &&
        createHash('sha256')
          .update(body.code_verifier ?? '')
          .digest('base64url') !== pending.challenge
      )
        return fail('invalid_grant', 'PKCE verification failed');
      return state.mint(pending);
    }
    if (body.grant_type === 'refresh_token') {
      state.countRefresh();
      const grant = body.refresh_token ? state.refreshTokens.get(body.refresh_token) : undefined;
      if (!grant || grant.clientId !== body.client_id)
        return reply.code(403).send({ error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
      state.refreshTokens.delete(body.refresh_token!);
      return state.mint(grant);
    }
    return fail('unsupported_grant_type', `grant_type ${body.grant_type ?? '(none)'}`);
  };
}

/** The cookie `/login` sets: who is signed in to the sandbox in this browser. */
export const SANDBOX_USER_COOKIE = 'sandbox_user';

/** The browser's signed-in sandbox user (by name), from the `/login` cookie. */
export function signedInUser(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === SANDBOX_USER_COOKIE && value && SANDBOX_USERS.some((user) => user.name === value)) return value;
  }
  return undefined;
}
