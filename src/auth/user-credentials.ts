/**
 * A signed-in user's credentials for one per-user instance: the access token from the vault, refreshed shortly
 * before it expires or after Atlassian refused it, once however many calls need it (the vault's per-entry lock,
 * and a second look inside it). When no refresh is possible the call fails with an answer telling the user to
 * sign in again.
 */
import type { Credentials } from '../atlassian/credentials/credentials.js';
import { REFRESH_MARGIN_MS } from '../atlassian/credentials/oauth.js';
import { requestTokens, type TokenEndpoint } from '../atlassian/credentials/token-endpoint.js';
import { CredentialsError } from '../atlassian/errors.js';
import type { PerUserAuthConfig } from '../config/schema.js';
import type { Logger } from '../logging.js';
import type { TokenVault, UserTokens } from './vault/token-vault.js';

export interface UserCredentialOptions {
  vault: TokenVault;
  user: string;
  /** The instance's token key (`jira-staging`) and name. */
  instanceKey: string;
  instanceName: string;
  auth: PerUserAuthConfig;
  endpoint: TokenEndpoint;
  log: Logger;
  now?: () => number;
}

export function userCredentials(options: UserCredentialOptions): Credentials {
  const { vault, user, instanceKey, instanceName, auth, endpoint, log } = options;
  const now = options.now ?? Date.now;
  const signInAgain = `Your sign-in to instance "${instanceName}" has expired or was revoked: sign in again from your MCP client (reconnect or re-authenticate this server).`;
  const expiresSoon = (tokens: UserTokens) =>
    tokens.expires_at !== undefined && tokens.expires_at - now() < REFRESH_MARGIN_MS;
  const load = async () => {
    const tokens = await vault.tokens(user, instanceKey);
    if (!tokens) throw new CredentialsError(signInAgain);
    return tokens;
  };

  /** Refreshes unless someone else already did while this call waited for the lock. */
  const refresh = (stale: string | undefined) =>
    vault.withLock(user, instanceKey, async () => {
      const current = await load();
      if (current.access_token !== stale && !expiresSoon(current)) return current;
      if (!current.refresh_token) throw new CredentialsError(signInAgain);
      const answer = await requestTokens(
        endpoint,
        {
          grant_type: 'refresh_token',
          client_id: auth.client_id,
          client_secret: auth.client_secret,
          refresh_token: current.refresh_token,
        },
        `refreshing your Atlassian sign-in failed. ${signInAgain} Cause`,
      );
      const next: UserTokens = {
        ...current,
        access_token: answer.access_token,
        refresh_token: answer.refresh_token ?? current.refresh_token,
        expires_at: answer.expires_in ? now() + answer.expires_in * 1000 : undefined,
      };
      await vault.save(user, instanceKey, next);
      log.info({ instance: instanceName, rotated: Boolean(answer.refresh_token) }, 'user token refreshed');
      return next;
    });

  return {
    async authorization() {
      let tokens = await load();
      if (expiresSoon(tokens)) tokens = await refresh(tokens.access_token);
      return `Bearer ${tokens.access_token}`;
    },
    async renew(rejected) {
      const tokens = await load();
      if (`Bearer ${tokens.access_token}` !== rejected) return true;
      await refresh(tokens.access_token);
      return true;
    },
    unauthorizedHint: signInAgain,
  };
}
