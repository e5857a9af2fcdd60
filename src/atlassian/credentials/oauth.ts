/**
 * OAuth 2.0 credentials that keep themselves fresh: the access token is refreshed shortly before it expires,
 * and once more if Atlassian still answers 401; rotated refresh tokens are saved to the token store at once,
 * because the old one stops working the moment the new one is issued. Concurrent calls share one refresh; with
 * replicas sharing state, concurrent replicas do too (shared-tokens.ts): one refreshes under a lock, the others read
 * its token.
 */
import type { Logger } from '../../logging.js';
import { reasonOf } from '../../state/shared-state.js';
import { CredentialsError } from '../errors.js';
import type { Credentials } from './credentials.js';
import type { SharedTokens } from './shared-tokens.js';
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
  /** With replicas: where they share the tokens and take turns refreshing them. */
  shared?: SharedTokens;
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
    this.refreshing ??= (
      this.options.shared ? this.refreshAcrossReplicas(this.options.shared) : this.refreshHere()
    ).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private refreshHere(): Promise<void> {
    return this.exchangeRefreshToken().catch((error: unknown) => {
      // A refused refresh may only mean the user signed in again meanwhile: use those tokens, once.
      if (!this.adoptStoredTokens()) throw error;
      if (this.expiresSoon() && this.tokens.refresh_token) return this.exchangeRefreshToken();
    });
  }

  /**
   * One refresh among all replicas: another replica's token is taken when it already has a newer one; otherwise
   * this replica refreshes under the shared lock (waiting while another holds it, then reading what that one got).
   * Without Redis, each replica refreshes on its own rather than fail the call.
   */
  private async refreshAcrossReplicas(shared: SharedTokens): Promise<void> {
    const { key, log } = this.options;
    const stale = this.tokens.access_token;
    let release: (() => Promise<void>) | undefined;
    try {
      if (this.adoptShared(await shared.load(key), stale)) return;
      release = await shared.lock(key);
      if (!release) log.warn('another replica held the OAuth refresh lock past its time; refreshing here');
      if (this.adoptShared(await shared.load(key), stale)) {
        await release?.();
        return;
      }
    } catch (error) {
      log.warn({ cause: reasonOf(error) }, 'refreshing the OAuth token on this replica only');
      await release?.().catch(() => undefined);
      return this.refreshHere();
    }
    try {
      await this.refreshHere();
      await shared.save(key, this.tokens).catch((error: unknown) => {
        log.error({ cause: reasonOf(error) }, 'the refreshed OAuth token could not be shared with the other replicas');
      });
    } finally {
      await release?.().catch(() => undefined);
    }
  }

  /**
   * Takes the tokens replicas share when they differ from this process's (another replica refreshed, and a rotated
   * refresh token is only good there). True when that gave a usable access token other than `stale`.
   */
  private adoptShared(stored: StoredTokens | undefined, stale: string | undefined): boolean {
    if (!stored?.access_token && !stored?.refresh_token) return false;
    const same = stored.access_token === this.tokens.access_token && stored.refresh_token === this.tokens.refresh_token;
    if (!same) this.tokens = { ...stored };
    return this.tokens.access_token !== stale && !this.expiresSoon();
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
