/**
 * What replicas share when `REDIS_URL` is set: a small key-value store with expiry, locks that expire on their own,
 * atomic scripts and broadcast channels. The stores built on it (tokens, sessions, defaults, request rates,
 * rate-limit pauses) name their own keys; without a shared state they keep everything in memory, as a single process always has.
 */
import { createHash } from 'node:crypto';

/** A lock taken: `release` gives it back (a lock whose holder died expires on its own). */
export type ReleaseLock = () => Promise<void>;

export interface SharedState {
  /** Where the state lives, password redacted: for logs and error messages. */
  readonly where: string;
  get(key: string): Promise<string | undefined>;
  /** Stores `value`, forgotten after `ttlMs` when given. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Gives a key a new time to live; false when the key is gone (expired or deleted). */
  touch(key: string, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Takes the lock `key` for at most `ttlMs`; undefined while another holder has it. */
  tryLock(key: string, ttlMs: number): Promise<ReleaseLock | undefined>;
  /**
   * Runs a Lua script atomically on `keys` (names as elsewhere, prefixed by the store) and `args`: by its digest
   * (`EVALSHA`), loading it once where Redis does not know it yet. Answers what the script returns.
   */
  runScript(script: SharedScript, keys: string[], args: string[]): Promise<unknown>;
  /** Tells every replica (this one included) `message` on `channel`. */
  publish(channel: string, message: string): Promise<void>;
  /**
   * Hears every message on `channel` from now on, across reconnections (subscribed once Redis answers, if away);
   * a later listener of the same channel replaces this one.
   */
  subscribe(channel: string, listener: (message: string) => void): Promise<void>;
  close(): Promise<void>;
}

/** A Lua script and its SHA-1 digest, which Redis knows it by once loaded. */
export interface SharedScript {
  readonly source: string;
  readonly sha1: string;
}

/** Prepares `source` to run with `SharedState.runScript`. */
export function sharedScript(source: string): SharedScript {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

/**
 * The shared state could not be reached or did not answer. Its message names where the state lives (password
 * redacted) and the cause, never a key's value.
 */
export class SharedStateError extends Error {
  constructor(where: string, cause: string) {
    super(`the shared state (${where}) is unreachable: ${cause}`);
    this.name = 'SharedStateError';
  }
}

/** A one-line reason from anything thrown, for messages that must not carry a stack. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
