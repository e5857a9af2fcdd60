/**
 * What puts an `Authorization` header on a request to Atlassian. Static credentials answer synchronously;
 * OAuth credentials may refresh first. The HTTP client knows only this interface, so every auth mode shares
 * one request path, one retry policy and one error type.
 */
import type { SharedAuthConfig } from '../../config/schema.js';
import { CredentialsError } from '../errors.js';

export interface Credentials {
  /** Static credentials: the header is fixed and the client sets it once. */
  readonly fixedHeader?: string;
  /** The header for the next request (refreshing first when the token is about to expire). */
  authorization(): Promise<string | undefined>;
  /**
   * After a 401: makes fresh credentials available and says whether a retry is worth it. `rejected` is the
   * header that was refused, so calls that raced a refresh retry with the new token instead of refreshing again.
   */
  renew?(rejected: string | undefined): Promise<boolean>;
  /** What to tell the user when Atlassian still says 401 (which variable to fix, which command to run). */
  readonly unauthorizedHint?: string;
}

/** Basic, personal access token, a bring-your-own bearer token, or none (mTLS alone). */
export function staticCredentials(auth: Exclude<SharedAuthConfig, { type: 'oauth' }>, where: string): Credentials {
  const header = staticHeader(auth);
  return {
    fixedHeader: header,
    authorization: () => Promise.resolve(header),
    unauthorizedHint:
      auth.type === 'bearer'
        ? `The access token configured for ${where} is used as given and never refreshed; it has probably expired: supply a new one, or configure OAuth with a client id and refresh token.`
        : undefined,
  };
}

function staticHeader(auth: Exclude<SharedAuthConfig, { type: 'oauth' }>): string | undefined {
  switch (auth.type) {
    case 'basic':
      return basicHeader(auth.username, auth.token);
    case 'pat':
    case 'bearer':
      return `Bearer ${auth.token}`;
    case 'none':
      return undefined;
  }
}

export function basicHeader(username: string, token: string): string {
  return `Basic ${Buffer.from(`${username}:${token}`).toString('base64')}`;
}

/** A header that arrived with a request (multi-tenant mode): used as is, for that caller only. */
export function forwardedCredentials(header: string): Credentials {
  return {
    fixedHeader: header,
    authorization: () => Promise.resolve(header),
    unauthorizedHint:
      'The credentials sent in the request headers were refused: check the token and that it is for this site.',
  };
}

/**
 * A per-user instance reached without a signed-in user (the startup probe, a caller the sign-in did not cover):
 * nothing is sent, and the answer says how to get access.
 */
export function signInRequired(where: string): Credentials {
  const message = `${where} serves each user with their own Atlassian account: sign in from your MCP client first.`;
  return {
    authorization: () => Promise.reject(new CredentialsError(message)),
    unauthorizedHint: message,
  };
}
