/**
 * OAuth tokens of configured instances in the shared state, so replicas use one token and refresh it once: the
 * replica that finds the token expiring takes a lock (which expires on its own if that replica dies), checks
 * whether another replica refreshed meanwhile, and only then asks Atlassian; the others wait for the lock and
 * read the new token. Rotated refresh tokens reach every replica the moment they are issued.
 */
import { acquireLock } from '../../state/lock.js';
import type { ReleaseLock, SharedState } from '../../state/shared-state.js';
import type { StoredTokens } from './token-store.js';

/** A refresh holds the lock at most this long; a holder that dies frees it after this. */
export const REFRESH_LOCK_MS = 15_000;

export class SharedTokens {
  constructor(
    private readonly state: SharedState,
    readonly lockMs = REFRESH_LOCK_MS,
  ) {}

  /** Where the tokens live, password redacted. */
  get where(): string {
    return this.state.where;
  }

  /** The tokens replicas share for `key`; undefined when none are stored (throws when Redis is away). */
  async load(key: string): Promise<StoredTokens | undefined> {
    const stored = await this.state.get(`oauth:${key}`);
    if (!stored) return undefined;
    try {
      const parsed = JSON.parse(stored) as StoredTokens;
      return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  async save(key: string, tokens: StoredTokens): Promise<void> {
    await this.state.set(`oauth:${key}`, JSON.stringify(tokens));
  }

  /** Takes the refresh lock of `key`, waiting while another replica holds it; undefined once `waitMs` has passed. */
  lock(key: string, waitMs = this.lockMs + 2000): Promise<ReleaseLock | undefined> {
    return acquireLock(this.state, `oauth-refresh:${key}`, this.lockMs, waitMs);
  }
}
