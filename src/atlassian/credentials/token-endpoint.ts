/**
 * Talks to an OAuth 2.0 token endpoint: Atlassian Cloud's (`auth.atlassian.com/oauth/token`, JSON bodies) or
 * a Server/Data Center instance's own (`/rest/oauth2/latest/token`, form bodies, as RFC 6749 specifies).
 */
import type http from 'node:http';
import type https from 'node:https';
import { USER_AGENT } from '../../version.js';
import { CredentialsError } from '../errors.js';
import { isGotError, loadGot } from '../got.js';

export interface TokenEndpoint {
  url: string;
  /** Cloud takes JSON; Server/DC takes application/x-www-form-urlencoded. */
  format: 'json' | 'form';
  agent?: { http?: http.Agent; https?: https.Agent };
  timeoutMs?: number;
}

export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
}

/** Posts a grant and returns the tokens, or throws `CredentialsError` with the endpoint's own reason. */
export async function requestTokens(
  endpoint: TokenEndpoint,
  grant: Record<string, string>,
  failure: string,
): Promise<TokenResponse> {
  try {
    const { default: got } = await loadGot();
    const response = await got.post(endpoint.url, {
      ...(endpoint.format === 'json' ? { json: grant } : { form: grant }),
      headers: { 'user-agent': USER_AGENT, accept: 'application/json' },
      agent: endpoint.agent,
      timeout: { request: endpoint.timeoutMs ?? 30_000 },
      followRedirect: false,
      retry: { limit: 0 },
      responseType: 'json',
    });
    const body = response.body as Partial<TokenResponse> | undefined;
    if (!body || typeof body.access_token !== 'string' || !body.access_token)
      throw new CredentialsError(`${failure}: the token endpoint answered without an access token`);
    return body as TokenResponse;
  } catch (error) {
    if (error instanceof CredentialsError) throw error;
    if (isGotError(error) && error.response) {
      const body = error.response.body as { error?: unknown; error_description?: unknown } | undefined;
      const reason = [body?.error, body?.error_description]
        .filter((part) => typeof part === 'string' && part)
        .join(': ');
      throw new CredentialsError(
        `${failure}: the token endpoint answered HTTP ${error.response.statusCode}${reason ? ` (${reason})` : ''}`,
      );
    }
    throw new CredentialsError(
      `${failure}: the token endpoint could not be reached (${(error as { code?: string }).code ?? 'network error'})`,
    );
  }
}
