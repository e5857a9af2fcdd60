/**
 * The OAuth 2.0 Authorization Code grant with PKCE (RFC 7636), as Atlassian serves it: Cloud's
 * `auth.atlassian.com/authorize` (with `audience=api.atlassian.com` and `prompt=consent`) and a Server/Data
 * Center instance's `/rest/oauth2/latest/authorize`. The browser part is the caller's; this module builds the
 * address, checks what comes back and exchanges the code.
 */
import { createHash, randomBytes } from 'node:crypto';
import { USER_AGENT } from '../../version.js';
import { CredentialsError } from '../errors.js';
import { isGotError, loadGot } from '../got.js';
import { requestTokens, type TokenEndpoint, type TokenResponse } from './token-endpoint.js';

export interface AuthorizationServer {
  /** Where the browser goes to approve access. */
  authorizeUrl: string;
  token: TokenEndpoint;
  /** Parameters only one flavour takes: Cloud's `audience` and `prompt`. */
  extraParams: Readonly<Record<string, string>>;
}

export interface AuthorizationClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: readonly string[];
}

/** One sign-in attempt: the address to open and the secrets that must come back with the code. */
export interface AuthorizationRequest {
  url: string;
  state: string;
  codeVerifier: string;
}

/** A 43-character verifier from 32 random bytes, and its S256 challenge. */
export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizationRequest(server: AuthorizationServer, client: AuthorizationClient): AuthorizationRequest {
  const { verifier, challenge } = createPkcePair();
  const state = randomBytes(16).toString('base64url');
  const url = new URL(server.authorizeUrl);
  const params: Record<string, string> = {
    ...server.extraParams,
    client_id: client.clientId,
    scope: client.scopes.join(' '),
    redirect_uri: client.redirectUri,
    state,
    response_type: 'code',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return { url: url.toString(), state, codeVerifier: verifier };
}

/**
 * Reads the address the authorization server redirected to. `undefined` means "not ours" (another state, or
 * no OAuth parameters at all), so a stray request cannot end the wait; a refusal throws with the server's reason.
 */
export function authorizationCodeFrom(redirected: URL, expectedState: string): string | undefined {
  const { searchParams } = redirected;
  if (searchParams.get('state') !== expectedState) return undefined;
  const error = searchParams.get('error');
  if (error) {
    const description = searchParams.get('error_description');
    throw new CredentialsError(
      `the authorization server refused the sign-in: ${error}${description ? ` (${description})` : ''}`,
    );
  }
  return searchParams.get('code') || undefined;
}

export function exchangeAuthorizationCode(
  server: AuthorizationServer,
  client: AuthorizationClient,
  code: string,
  codeVerifier: string,
): Promise<TokenResponse> {
  return requestTokens(
    server.token,
    {
      grant_type: 'authorization_code',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      code,
      redirect_uri: client.redirectUri,
      code_verifier: codeVerifier,
    },
    'exchanging the authorization code failed',
  );
}

/** A site the grant covers, from `GET /oauth/token/accessible-resources`. */
export interface AccessibleResource {
  id: string;
  name: string;
  url: string;
  scopes: string[];
}

/** Cloud only: the sites (and their cloud ids) an access token works on. */
export async function accessibleResources(
  apiUrl: string,
  accessToken: string,
  agent: TokenEndpoint['agent'],
): Promise<AccessibleResource[]> {
  try {
    const { default: got } = await loadGot();
    const body = await got(`${apiUrl}/oauth/token/accessible-resources`, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', 'user-agent': USER_AGENT },
      agent,
      timeout: { request: 30_000 },
      followRedirect: false,
      retry: { limit: 0 },
    }).json<unknown>();
    if (!Array.isArray(body))
      throw new CredentialsError('listing the accessible sites failed: the answer was not a list');
    return body.map((entry: Partial<AccessibleResource>) => ({
      id: String(entry.id ?? ''),
      name: String(entry.name ?? ''),
      url: String(entry.url ?? ''),
      scopes: Array.isArray(entry.scopes) ? entry.scopes.map(String) : [],
    }));
  } catch (error) {
    if (error instanceof CredentialsError) throw error;
    const status = isGotError(error) ? error.response?.statusCode : undefined;
    throw new CredentialsError(
      `listing the accessible sites failed: ${status ? `HTTP ${status}` : ((error as { code?: string }).code ?? 'network error')}`,
    );
  }
}
