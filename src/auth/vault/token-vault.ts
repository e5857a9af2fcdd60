/**
 * Each signed-in user's Atlassian tokens, per instance, sealed in the vault. Keys are `atlassian:<instance>:<user>`;
 * signing out deletes every instance's entry of the user.
 */
import type { SealedStore } from './sealed-store.js';

export interface UserTokens {
  access_token: string;
  refresh_token?: string;
  /** Epoch milliseconds when the access token stops working. */
  expires_at?: number;
  /** Cloud: the site's cloud id the user chose (or the instance URL matched). */
  cloud_id?: string;
}

export class TokenVault {
  constructor(
    private readonly store: SealedStore,
    /** Token keys of every per-user instance (`jira-staging`), for signing out everywhere at once. */
    private readonly instanceKeys: readonly string[],
  ) {}

  tokens(user: string, instance: string): Promise<UserTokens | undefined> {
    return this.store.get<UserTokens>(entryKey(user, instance));
  }

  save(user: string, instance: string, tokens: UserTokens): Promise<void> {
    return this.store.set(entryKey(user, instance), tokens);
  }

  delete(user: string, instance: string): Promise<void> {
    return this.store.delete(entryKey(user, instance));
  }

  /** Deletes the user's tokens for every instance. */
  async forget(user: string): Promise<void> {
    await Promise.all(this.instanceKeys.map((instance) => this.delete(user, instance)));
  }

  withLock<T>(user: string, instance: string, task: () => Promise<T>): Promise<T> {
    return this.store.withLock(entryKey(user, instance), task);
  }
}

function entryKey(user: string, instance: string): string {
  return `atlassian:${instance}:${user}`;
}
