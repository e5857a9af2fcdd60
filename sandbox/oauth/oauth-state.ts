/**
 * The state of the sandbox's OAuth 2.0 authorization server: pending codes, live access tokens and refresh tokens,
 * and the control tests use to mint, expire and revoke them. Access tokens expire; refresh tokens work once.
 */
import { randomBytes } from 'node:crypto';
import type { SiteDefinition } from '../site/site.js';

export interface Grant {
  clientId: string;
  /** Site ids the tokens work on. */
  sites: string[];
  scope: string;
  /** The sandbox user (by name) who approved the grant; the site's first user when none signed in. */
  user?: string;
}

export interface PendingCode extends Grant {
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
  /** The user (by name) a live access token was granted by, if any. */
  userOf(header: string | undefined): string | undefined;
}

/** What the authorization server's routes work with. */
export interface OAuthState {
  control: OAuthControl;
  codes: Map<string, PendingCode>;
  accessTokens: Map<string, Grant & { expiresAt: number }>;
  refreshTokens: Map<string, Grant>;
  /** Issues an access and a refresh token for a grant. */
  mint(
    grant: Grant,
    ttlS?: number,
  ): { access_token: string; refresh_token: string; expires_in: number; token_type: string; scope: string };
  countRefresh(): void;
}

export function createOAuthState(sites: readonly SiteDefinition[]): OAuthState {
  const accessTokens = new Map<string, Grant & { expiresAt: number }>();
  const refreshTokens = new Map<string, Grant>();
  let refreshCount = 0;
  const mint = (grant: Grant, ttlS = control.accessTokenTtlS) => {
    const access = `sandbox-at-${randomBytes(12).toString('hex')}`;
    const refresh = `sandbox-rt-${randomBytes(12).toString('hex')}`;
    accessTokens.set(access, { ...grant, expiresAt: Date.now() + ttlS * 1000 });
    refreshTokens.set(refresh, grant);
    return { access_token: access, refresh_token: refresh, expires_in: ttlS, token_type: 'Bearer', scope: grant.scope };
  };
  const control: OAuthControl = {
    accessTokenTtlS: 3600,
    get refreshCount() {
      return refreshCount;
    },
    issue(siteId, ttlS) {
      const site = sites.find((candidate) => candidate.id === siteId);
      if (!site?.oauth) throw new Error(`sandbox site ${siteId} has no OAuth client`);
      return mint(
        { clientId: site.oauth.clientId, sites: [siteId], scope: 'read:jira-work write:jira-work offline_access' },
        ttlS,
      );
    },
    expireAccessTokens() {
      for (const grant of accessTokens.values()) grant.expiresAt = 0;
    },
    revokeAll() {
      accessTokens.clear();
      refreshTokens.clear();
    },
    userOf(header) {
      const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
      const grant = token ? accessTokens.get(token) : undefined;
      return grant && grant.expiresAt > Date.now() ? grant.user : undefined;
    },
    accepts(siteId, header) {
      const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
      const grant = token ? accessTokens.get(token) : undefined;
      return Boolean(grant && grant.expiresAt > Date.now() && grant.sites.includes(siteId));
    },
  };
  return { control, codes: new Map(), accessTokens, refreshTokens, mint, countRefresh: () => void refreshCount++ };
}
