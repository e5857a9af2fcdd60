/**
 * The sandbox's OAuth 2.0 authorization server, in both Atlassian shapes: Cloud's (`/authorize`, `/oauth/token` with
 * JSON bodies, `/oauth/token/accessible-resources`) and Server/DC's per-site `/rest/oauth2/latest/{authorize,token}`
 * (form bodies). It sits at the sandbox root, outside the sites' scopes, as Atlassian's does.
 */
import type { FastifyPluginAsync } from 'fastify';
import { SANDBOX_USERS } from '../fixtures/users.js';
import { cloudIdOf } from '../jira/cloud-id.js';
import type { SiteDefinition } from '../site/site.js';
import { authorizeHandler, SANDBOX_USER_COOKIE, tokenHandler } from './oauth-handlers.js';
import type { OAuthState } from './oauth-state.js';

export interface OAuthPluginOptions {
  state: OAuthState;
  sites: readonly SiteDefinition[];
  /** The sandbox's URL, known once it listens. */
  baseUrl: () => string;
}

export const oauthPlugin: FastifyPluginAsync<OAuthPluginOptions> = async (app, { state, sites, baseUrl }) => {
  app.get('/authorize', authorizeHandler(state, sites, 'cloud'));
  app.post('/oauth/token', tokenHandler(state, sites, 'cloud'));
  app.get('/oauth/token/accessible-resources', async (request, reply) => {
    const bearer = request.headers.authorization?.startsWith('Bearer ') ? request.headers.authorization.slice(7) : '';
    const grant = state.accessTokens.get(bearer);
    if (!grant || grant.expiresAt <= Date.now()) return reply.code(401).send({ code: 401, message: 'Unauthorized' });
    return grant.sites.map((id) => ({
      id: cloudIdOf(id),
      url: `${baseUrl()}/sites/${id}`,
      name: id,
      scopes: grant.scope.split(' ').filter(Boolean),
      avatarUrl: '',
    }));
  });
  // Signing in to the sandbox as someone: later approvals in this browser are theirs (alice when nobody signed in).
  app.get('/login', async (request, reply) => {
    const name = (request.query as { user?: string }).user;
    const user = SANDBOX_USERS.find((candidate) => candidate.name === name);
    if (!user)
      return reply
        .code(400)
        .type('text/plain')
        .send(`unknown user; one of ${SANDBOX_USERS.map((u) => u.name).join(', ')}`);
    return reply
      .header('set-cookie', `${SANDBOX_USER_COOKIE}=${user.name}; Path=/; HttpOnly; SameSite=Lax`)
      .type('text/plain')
      .send(`signed in to the sandbox as ${user.displayName}`);
  });
  // Atlassian's user identity endpoint (api.atlassian.com/me, scope read:me).
  app.get('/me', async (request, reply) => {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : '';
    const grant = state.accessTokens.get(token);
    if (!grant || grant.expiresAt <= Date.now()) return reply.code(401).send({ code: 401, message: 'Unauthorized' });
    const user = SANDBOX_USERS.find((candidate) => candidate.name === grant.user) ?? SANDBOX_USERS[0]!;
    return { account_id: user.accountId, email: user.email, name: user.displayName, account_type: 'atlassian' };
  });
  for (const site of sites) {
    if (!site.oauth || site.flavor !== 'server') continue;
    app.get(`/sites/${site.id}/rest/oauth2/latest/authorize`, authorizeHandler(state, sites, 'server', site.id));
    app.post(`/sites/${site.id}/rest/oauth2/latest/token`, tokenHandler(state, sites, 'server', site.id));
  }
};
