/**
 * The vault in the shared state (`state.redis_url`), so every replica serves every signed-in user: sealed records
 * under `vault:` keys with their expiry, and a refresh lock that holds across replicas (a lease, freed by expiry if
 * its holder dies) on top of the per-process queue.
 */
import { acquireLock } from '../../state/lock.js';
import { SharedStateError, type SharedState } from '../../state/shared-state.js';
import { KeyedLock, type VaultBackend } from './backend.js';

/** A refresh holds the lock at most this long; a replica that dies while holding it frees it after this. */
const LEASE_MS = 15_000;

export function sharedBackend(state: SharedState): VaultBackend {
  const local = new KeyedLock();
  const key = (name: string) => `vault:${name}`;
  return {
    get: (name) => state.get(key(name)),
    set: (name, value, ttlSeconds) =>
      state.set(key(name), value, ttlSeconds === undefined ? undefined : ttlSeconds * 1000),
    delete: (name) => state.delete(key(name)),
    withLock: (name, task) =>
      local.run(name, async () => {
        const release = await acquireLock(state, `vault-lock:${name}`, LEASE_MS);
        if (!release) throw new SharedStateError(state.where, 'another replica held the sign-in refresh lock too long');
        try {
          return await task();
        } finally {
          await release().catch(() => undefined);
        }
      }),
  };
}
