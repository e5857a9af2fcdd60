/**
 * Waiting for a lock in the shared state: replicas that need the same refresh take turns, and a holder that dies
 * frees the lock when its lease runs out.
 */
import type { ReleaseLock, SharedState } from './shared-state.js';

/** How often a replica waiting for another's lock looks again. */
const WAIT_STEP_MS = 100;

/** Takes `key`'s lock for `leaseMs`, waiting while another replica holds it; undefined once `waitMs` has passed. */
export async function acquireLock(
  state: SharedState,
  key: string,
  leaseMs: number,
  waitMs = leaseMs + 2000,
): Promise<ReleaseLock | undefined> {
  const until = Date.now() + waitMs;
  for (;;) {
    const release = await state.tryLock(key, leaseMs);
    if (release) return release;
    if (Date.now() >= until) return undefined;
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
}
