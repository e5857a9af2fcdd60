/**
 * OAuth 2.0 credentials that keep themselves fresh: the access token is refreshed shortly before it expires,
 * and once more if Atlassian still answers 401; rotated refresh tokens are saved to the token store at once,
 * because the old one stops working the moment the new one is issued. Concurrent calls share one refresh.
 */
import type { Logger } from '../../logging.js';
import { CredentialsError } from '../errors.js';
import type { Credentials } from './credentials.js';
import { requestTokens, type TokenEndpoint } from './token-endpoint.js';
import type { StoredTokens, TokenStore } from './token-store.js';

/** Refresh this long before the access token expires, so no request goes out with a token about to die. */
export const REFRESH_MARGIN_MS = 60_000;

export interface OAuthCredentialOptions {
  /** Token store key, one per instance. */
  key: string;
  clientId: string;
  clientSecret: string;
  /** Tokens from the configuration; the store's win, since they may have rotated since. */
  initial: StoredTokens;
  endpoint: TokenEndpoint;
  store: TokenStore;
  /** What to tell the user to do when no refresh is possible any more. */
  signInAgain: string;
  log: Logger;
  now?: () => number;
  /** Hears each exchange of the refresh token and whether it worked (metrics). */
  onRefresh?: (ok: boolean) => void;
}

export class OAuthCredentials implements Credentials {
  private tokens: StoredTokens;
  private refreshing: Promise<void> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: OAuthCredentialOptions) {
    this.now = options.now ?? Date.now;
    const stored = options.store.load(options.key);
    this.tokens = stored?.refresh_token || stored?.access_token ? stored : options.initial;
  }

  get unauthorizedHint(): string {
    return `The OAuth access token was refused. ${this.options.signInAgain}`;
  }

  async authorization(): Promise<string | undefined> {
    if (!this.tokens.access_token && !this.tokens.refresh_token) this.adoptStoredTokens();
    if (this.expiresSoon() && this.tokens.refresh_token) await this.refresh();
    if (!this.tokens.access_token) {
      throw new CredentialsError(`no OAuth tokens are available yet. ${this.options.signInAgain}`);
    }
    return `Bearer ${this.tokens.access_token}`;
  }

  async renew(rejected: string | undefined): Promise<boolean> {
    if (this.tokens.access_token && rejected !== `Bearer ${this.tokens.access_token}`) return true;
    if (!this.tokens.refresh_token) return this.adoptStoredTokens();
    await this.refresh();
    return true;
  }

  /**
   * Takes tokens that `oauth-setup` saved after this process started, so signing in again needs no restart.
   * Returns whether the store held something other than what this process has.
   */
  private adoptStoredTokens(): boolean {
    const stored = this.options.store.load(this.options.key);
    if (!stored?.refresh_token && !stored?.access_token) return false;
    if (stored.refresh_token === this.tokens.refresh_token && stored.access_token === this.tokens.access_token)
      return false;
    this.tokens = stored;
    return true;
  }

  private expiresSoon(): boolean {
    if (!this.tokens.access_token) return true;
    return this.tokens.expires_at !== undefined && this.tokens.expires_at - this.now() < REFRESH_MARGIN_MS;
  }

  /** One refresh at a time; every caller waiting meanwhile gets its outcome. */
  private refresh(): Promise<void> {
    this.refreshing ??= this.exchangeRefreshToken()
      .catch((error: unknown) => {
        // A refused refresh may only mean the user signed in again meanwhile: use those tokens, once.
        if (!this.adoptStoredTokens()) throw error;
        if (this.expiresSoon() && this.tokens.refresh_token) return this.exchangeRefreshToken();
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  private async exchangeRefreshToken(): Promise<void> {
    const { clientId, clientSecret, endpoint, store, key, log, signInAgain, onRefresh } = this.options;
    const answer = await requestTokens(
      endpoint,
      {
        grant_type: 'refresh_token',
        client_id: clientId,
        client_secret: clientSecret,
        refresh_token: this.tokens.refresh_token!,
      },
      `refreshing the OAuth token failed. ${signInAgain} Cause`,
    ).catch((error: unknown) => {
      onRefresh?.(false);
      throw error;
    });
    onRefresh?.(true);
    this.tokens = {
      ...this.tokens,
      access_token: answer.access_token,
      refresh_token: answer.refresh_token ?? this.tokens.refresh_token,
      expires_at: answer.expires_in ? this.now() + answer.expires_in * 1000 : undefined,
    };
    try {
      store.save(key, this.tokens);
    } catch (error) {
      // The new tokens work for this process; losing them on restart means signing in again, so say so loudly.
      log.error(
        { directory: store.directory, code: (error as NodeJS.ErrnoException).code },
        'could not save refreshed OAuth tokens',
      );
    }
    log.info({ expiresInS: answer.expires_in, rotated: Boolean(answer.refresh_token) }, 'OAuth token refreshed');
  }
}
