/**
 * Where the vault's sealed records live: a small interface (get, set, delete, and a per-key lock for refreshing
 * once) with an in-memory implementation here and a file one next to it. A shared store for several replicas
 * implements the same four calls.
 */

export interface VaultBackend {
  get(key: string): Promise<string | undefined>;
  /** `ttlSeconds`: the record may be dropped after that long (a backend without expiry checks on read). */
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Runs `task` while holding `key`'s lock, so a token is refreshed once however many calls need it at the same
   * moment. In one process a queue per key; a shared backend would use a lease with expiry.
   */
  withLock<T>(key: string, task: () => Promise<T>): Promise<T>;
  close?(): Promise<void>;
}

/** Queues tasks per key inside this process; the lock every backend starts from. */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/** Records in a Map, with expiry checked on read; gone when the process ends. */
export function memoryBackend(now: () => number = Date.now): VaultBackend {
  const records = new Map<string, { value: string; expiresAt?: number }>();
  const lock = new KeyedLock();
  return {
    get(key) {
      const record = records.get(key);
      if (record?.expiresAt !== undefined && record.expiresAt <= now()) records.delete(key);
      return Promise.resolve(records.get(key)?.value);
    },
    set(key, value, ttlSeconds) {
      records.set(key, { value, expiresAt: ttlSeconds === undefined ? undefined : now() + ttlSeconds * 1000 });
      return Promise.resolve();
    },
    delete(key) {
      records.delete(key);
      return Promise.resolve();
    },
    withLock: (key, task) => lock.run(key, task),
  };
}
