/**
 * `/authorize` and the steps after it. The client's request is checked first, and nothing is ever redirected to a
 * redirect URI the client did not register (open redirects). Then the browser walks through each per-user
 * instance's own consent — `/authorize/next` sends it there, `/authorize/callback` takes it back (state checked,
 * code exchanged with PKCE), `/authorize/site` takes a Cloud site choice — with a progress page in between. At
 * the end the user's Atlassian tokens go to the vault and the client gets a code, with `iss` (RFC 9207).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorizationCodeFrom } from '../../atlassian/credentials/authorization-code.js';
import { CredentialsError } from '../../atlassian/errors.js';
import type { UserTokens } from '../vault/token-vault.js';
import { ClientError } from './clients.js';
import { GATEWAY_SCOPES, PUBLIC_ROUTE, type ServerContext } from './context.js';
import { siteMatching } from './federation.js';
import { bodyFields, clearedCookie, cookieValue, htmlPage, SIGN_IN_COOKIE, signInCookie } from './http-helpers.js';
import { errorPage, progressPage, siteChoicePage } from './pages.js';
import { redirectUriMatches } from './redirect-uris.js';
import type { SignInTransaction } from './sign-in-flow.js';

type Query = Record<string, string | undefined>;

/** Whether two resource identifiers are the same, ignoring one trailing slash. */
export function sameResource(a: string, b: string): boolean {
  return a.replace(/\/$/, '') === b.replace(/\/$/, '');
}

export function registerAuthorizeRoutes(app: FastifyInstance, context: ServerContext): void {
  const { flows, federation, instances, log } = context;

  const redirectWith = (reply: FastifyReply, redirectUri: string, params: Record<string, string | undefined>) => {
    const target = new URL(redirectUri);
    for (const [name, value] of Object.entries({ ...params, iss: context.issuer }))
      if (value !== undefined) target.searchParams.set(name, value);
    return reply.header('cache-control', 'no-store').redirect(target.toString(), 302);
  };
  const failPage = (reply: FastifyReply, status: number, title: string, message: string) =>
    htmlPage(reply, status, errorPage(title, message));
  const transactionOf = (request: FastifyRequest) => flows.find(cookieValue(request, SIGN_IN_COOKIE));

  const progress = (reply: FastifyReply, transaction: SignInTransaction, status = 200) => {
    const steps = instances.map((instance, index) => ({
      label: `${instance.config.product === 'jira' ? 'Jira' : 'Confluence'} ${instance.config.name} (${instance.config.url})`,
      state:
        index < transaction.step
          ? ('done' as const)
          : index === transaction.step
            ? ('next' as const)
            : ('waiting' as const),
    }));
    const clientName = transaction.request.client.name ?? 'An MCP client';
    return htmlPage(reply, status, progressPage(clientName, steps, '/authorize/next'));
  };

  app.get('/authorize', PUBLIC_ROUTE, async (request, reply) => {
    const query = request.query as Query;
    if (!query.client_id) return failPage(reply, 400, 'Sign-in refused', 'The request names no client (client_id).');
    let client;
    try {
      client = await context.clients.lookup(query.client_id);
    } catch (error) {
      if (error instanceof ClientError) return failPage(reply, 400, 'Sign-in refused', error.message);
      throw error;
    }
    const redirectUri = query.redirect_uri ?? (client.redirectUris.length === 1 ? client.redirectUris[0] : undefined);
    if (!redirectUri || !redirectUriMatches(redirectUri, client.redirectUris))
      return failPage(reply, 400, 'Sign-in refused', 'The redirect_uri is not one this client registered.');
    const refuse = (error: string, description: string) =>
      redirectWith(reply, redirectUri, { error, error_description: description, state: query.state });
    if (query.response_type !== 'code') return refuse('unsupported_response_type', 'response_type must be code');
    if (!query.code_challenge || query.code_challenge_method !== 'S256')
      return refuse('invalid_request', 'PKCE with code_challenge_method S256 is required');
    if (!/^[A-Za-z0-9_-]{43}$/.test(query.code_challenge))
      return refuse('invalid_request', 'code_challenge is not an S256 challenge');
    if (query.resource !== undefined && !sameResource(query.resource, context.resource))
      return refuse('invalid_target', `this authorization server issues tokens for ${context.resource} only`);
    const scopes = (query.scope ?? '').split(' ').filter(Boolean);
    const unknown = scopes.filter((scope) => !(GATEWAY_SCOPES as readonly string[]).includes(scope));
    if (unknown.length > 0) return refuse('invalid_scope', `unknown scope ${unknown.join(' ')}`);
    const transaction = flows.begin({
      client,
      redirectUri,
      state: query.state,
      challenge: query.code_challenge,
      scope: scopes.length ? scopes.join(' ') : GATEWAY_SCOPES[0],
      resource: context.resource,
    });
    reply.header('set-cookie', signInCookie(transaction.id, context.secureCookies));
    return progress(reply, transaction);
  });

  app.get('/authorize/next', PUBLIC_ROUTE, async (request, reply) => {
    const transaction = transactionOf(request);
    if (!transaction)
      return failPage(reply, 400, 'Sign-in expired', 'This sign-in has expired or was started in another browser.');
    const instance = instances[transaction.step];
    if (!instance) return failPage(reply, 400, 'Sign-in finished', 'There is nothing left to sign in to.');
    const upstream = federation.start(instance);
    transaction.upstream = { state: upstream.state, verifier: upstream.codeVerifier };
    return reply.header('cache-control', 'no-store').redirect(upstream.url, 302);
  });

  app.get('/authorize/callback', PUBLIC_ROUTE, async (request, reply) => {
    const transaction = transactionOf(request);
    const query = request.query as Query;
    if (!transaction?.upstream || !query.state || query.state !== transaction.upstream.state)
      return failPage(
        reply,
        400,
        'Sign-in refused',
        'This answer does not belong to a sign-in in this browser (state mismatch).',
      );
    const instance = instances[transaction.step]!;
    let tokens: UserTokens;
    try {
      const code = authorizationCodeFrom(new URL(request.url, context.issuer), transaction.upstream.state);
      if (!code)
        return failPage(reply, 400, 'Sign-in refused', `Instance "${instance.config.name}" sent no code back.`);
      const answer = await federation.exchange(instance, code, transaction.upstream.verifier);
      transaction.upstream = undefined;
      tokens = {
        access_token: answer.access_token,
        refresh_token: answer.refresh_token,
        expires_at: answer.expires_in ? Date.now() + answer.expires_in * 1000 : undefined,
      };
      if (instance.config.platform === 'cloud') {
        const sites = await federation.sites(instance, answer.access_token);
        const match = siteMatching(instance.config, sites);
        if (!match) {
          if (sites.length === 0)
            return failPage(
              reply,
              403,
              'No site',
              `Your approval for "${instance.config.name}" covers no Atlassian site.`,
            );
          transaction.choosing = { tokens, sites };
          return htmlPage(
            reply,
            200,
            siteChoicePage(`${instance.config.name} (${instance.config.url})`, sites, '/authorize/site'),
          );
        }
        tokens.cloud_id = match.id;
      }
    } catch (error) {
      if (!(error instanceof CredentialsError)) throw error;
      log.warn({ instance: instance.config.name, cause: error.message }, 'sign-in to an instance failed');
      return failPage(reply, 502, 'Sign-in failed', `Signing in to "${instance.config.name}" failed: ${error.message}`);
    }
    return completeStep(reply, transaction, tokens);
  });

  app.post('/authorize/site', PUBLIC_ROUTE, async (request, reply) => {
    const transaction = transactionOf(request);
    const choice = bodyFields(request).site;
    const site = transaction?.choosing?.sites.find((candidate) => candidate.id === choice);
    if (!transaction?.choosing || !site)
      return failPage(reply, 400, 'Sign-in refused', 'No site choice is pending in this browser.');
    const tokens = { ...transaction.choosing.tokens, cloud_id: site.id };
    transaction.choosing = undefined;
    return completeStep(reply, transaction, tokens);
  });

  /** Keeps the instance's tokens, learns who the user is from the first instance, then goes on or finishes. */
  async function completeStep(reply: FastifyReply, transaction: SignInTransaction, tokens: UserTokens) {
    const instance = instances[transaction.step]!;
    if (transaction.step === 0) {
      try {
        transaction.user = await federation.identity(instance, tokens.access_token);
      } catch (error) {
        if (!(error instanceof CredentialsError)) throw error;
        return failPage(reply, 502, 'Sign-in failed', error.message);
      }
    }
    transaction.collected.set(instance.key, tokens);
    transaction.step += 1;
    if (transaction.step < instances.length) return progress(reply, transaction);
    const user = transaction.user!;
    const sites: Record<string, string> = {};
    for (const [key, collected] of transaction.collected) {
      await context.vault.save(user, key, collected);
      if (collected.cloud_id) sites[key] = collected.cloud_id;
    }
    const { request } = transaction;
    const code = context.grants.issueCode({
      user,
      clientId: request.client.clientId,
      scope: request.scope,
      resource: request.resource,
      sites,
      redirectUri: request.redirectUri,
      challenge: request.challenge,
    });
    flows.end(transaction);
    log.info({ audit: 'sign-in', user, client: request.client.name ?? request.client.clientId }, 'user signed in');
    reply.header('set-cookie', clearedCookie(context.secureCookies));
    return redirectWith(reply, request.redirectUri, { code, state: request.state });
  }
}
