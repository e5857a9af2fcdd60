/**
 * The sandbox's OAuth 2.0 authorization server, in both Atlassian shapes: Cloud's (`/authorize`,
 * `/oauth/token` with JSON bodies, `/oauth/token/accessible-resources`) and Server/DC's per-site
 * `/rest/oauth2/latest/{authorize,token}` (form bodies). Codes are bound to PKCE challenges and redirect
 * URIs, access tokens expire, and refresh tokens rotate: each works once.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cloudIdOf } from './jira/cloud-id.js';
import type { SiteDefinition } from './site/site.js';

interface Grant {
  clientId: string;
  /** Site ids the tokens work on. */
  sites: string[];
  scope: string;
}

interface PendingCode extends Grant {
  redirectUri: string;
  challenge?: string;
}

export interface OAuthControl {
  /** Seconds an access token lives; tests shorten it to exercise refresh before expiry. */
  accessTokenTtlS: number;
  /** Refresh grants served, successful or not. */
  readonly refreshCount: number;
  /** Mints tokens for a site without the browser dance (tests of the refresh path). */
  issue(siteId: string, ttlS?: number): { access_token: string; refresh_token: string; expires_in: number };
  /** Makes every access token expired, as if time had passed. */
  expireAccessTokens(): void;
  /** Forgets every token issued so far, as when a user revokes the app's access. */
  revokeAll(): void;
  /** Whether a header carries a live access token for the site. */
  accepts(siteId: string, header: string | undefined): boolean;
}

export function createOAuthServer(app: FastifyInstance, sites: readonly SiteDefinition[], baseUrl: () => string): OAuthControl {
  const codes = new Map<string, PendingCode>();
  const accessTokens = new Map<string, Grant & { expiresAt: number }>();
  const refreshTokens = new Map<string, Grant>();
  let refreshCount = 0;

  const control: OAuthControl = {
    accessTokenTtlS: 3600,
    get refreshCount() {
      return refreshCount;
    },
    issue(siteId, ttlS) {
      const site = sites.find((candidate) => candidate.id === siteId);
      if (!site?.oauth) throw new Error(`sandbox site ${siteId} has no OAuth client`);
      return mint({ clientId: site.oauth.clientId, sites: [siteId], scope: 'read:jira-work write:jira-work offline_access' }, ttlS);
    },
    expireAccessTokens() {
      for (const grant of accessTokens.values()) grant.expiresAt = 0;
    },
    revokeAll() {
      accessTokens.clear();
      refreshTokens.clear();
    },
    accepts(siteId, header) {
      const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
      const grant = token ? accessTokens.get(token) : undefined;
      return Boolean(grant && grant.expiresAt > Date.now() && grant.sites.includes(siteId));
    },
  };

  function mint(grant: Grant, ttlS = control.accessTokenTtlS) {
    const access = `sandbox-at-${randomBytes(12).toString('hex')}`;
    const refresh = `sandbox-rt-${randomBytes(12).toString('hex')}`;
    accessTokens.set(access, { ...grant, expiresAt: Date.now() + ttlS * 1000 });
    refreshTokens.set(refresh, grant);
    return { access_token: access, refresh_token: refresh, expires_in: ttlS, token_type: 'Bearer', scope: grant.scope };
  }

  const clientSites = (clientId: string, flavor: 'cloud' | 'server', only?: string) =>
    sites.filter((site) => site.oauth?.clientId === clientId && site.flavor === flavor && (!only || site.id === only)).map((site) => site.id);

  function authorize(flavor: 'cloud' | 'server', only?: string) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const query = request.query as Record<string, string | undefined>;
      const granted = query.client_id ? clientSites(query.client_id, flavor, only) : [];
      if (query.response_type !== 'code' || !query.redirect_uri || granted.length === 0) {
        return reply.code(400).send({ error: 'invalid_request', error_description: 'unknown client, missing redirect_uri or response_type is not code' });
      }
      if (flavor === 'cloud' && query.audience !== 'api.atlassian.com') return reply.code(400).send({ error: 'invalid_request', error_description: 'audience must be api.atlassian.com' });
      if (query.code_challenge && query.code_challenge_method !== 'S256') return reply.code(400).send({ error: 'invalid_request', error_description: 'only S256 PKCE' });
      const code = `sandbox-code-${randomBytes(8).toString('hex')}`;
      codes.set(code, { clientId: query.client_id!, sites: granted, scope: query.scope ?? '', redirectUri: query.redirect_uri, challenge: query.code_challenge });
      const target = new URL(query.redirect_uri);
      target.searchParams.set('code', code);
      if (query.state) target.searchParams.set('state', query.state);
      return reply.redirect(target.toString(), 302);
    };
  }

  function token(flavor: 'cloud' | 'server', only?: string) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const body = (request.body ?? {}) as Record<string, string | undefined>;
      const fail = (error: string, description: string) => reply.code(400).send({ error, error_description: description });
      const secretOk = sites.some((site) => site.oauth?.clientId === body.client_id && site.oauth?.clientSecret === body.client_secret && site.flavor === flavor && (!only || site.id === only));
      if (!secretOk) return reply.code(401).send({ error: 'access_denied', error_description: 'Unauthorized' });
      if (body.grant_type === 'authorization_code') {
        const pending = body.code ? codes.get(body.code) : undefined;
        if (!pending || pending.clientId !== body.client_id) return fail('invalid_grant', 'unknown or used authorization code');
        codes.delete(body.code!);
        if (pending.redirectUri !== body.redirect_uri) return fail('invalid_grant', 'redirect_uri does not match');
        if (pending.challenge && createHash('sha256').update(body.code_verifier ?? '').digest('base64url') !== pending.challenge) return fail('invalid_grant', 'PKCE verification failed');
        return mint(pending);
      }
      if (body.grant_type === 'refresh_token') {
        refreshCount++;
        const grant = body.refresh_token ? refreshTokens.get(body.refresh_token) : undefined;
        if (!grant || grant.clientId !== body.client_id) return reply.code(403).send({ error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
        refreshTokens.delete(body.refresh_token!);
        return mint(grant);
      }
      return fail('unsupported_grant_type', `grant_type ${body.grant_type ?? '(none)'}`);
    };
  }

  app.get('/authorize', authorize('cloud'));
  app.post('/oauth/token', token('cloud'));
  app.get('/oauth/token/accessible-resources', async (request, reply) => {
    const bearer = request.headers.authorization?.startsWith('Bearer ') ? request.headers.authorization.slice(7) : '';
    const grant = accessTokens.get(bearer);
    if (!grant || grant.expiresAt <= Date.now()) return reply.code(401).send({ code: 401, message: 'Unauthorized' });
    return grant.sites.map((id) => ({ id: cloudIdOf(id), url: `${baseUrl()}/sites/${id}`, name: id, scopes: grant.scope.split(' ').filter(Boolean), avatarUrl: '' }));
  });
  for (const site of sites) {
    if (!site.oauth || site.flavor !== 'server') continue;
    app.get(`/sites/${site.id}/rest/oauth2/latest/authorize`, authorize('server', site.id));
    app.post(`/sites/${site.id}/rest/oauth2/latest/token`, token('server', site.id));
  }
  return control;
}
