/**
 * Where callers' defaults (gateway_set_defaults) live, never shared between callers. A connection (stdio, a
 * WebSocket, an SSE stream, a stateful HTTP session) has its own, dropped when it closes. Stateless HTTP has no
 * connection: there the defaults belong to what identifies the caller (an API key, a tenant's credentials), in a
 * bounded map whose least recently used entries, and entries idle for long, make room.
 */
import type { CallerDefaults, DefaultsHandle } from '../tools/caller-defaults.js';

/** A handle whose values live in this process: setting them is done when `set` returns. */
export interface LocalDefaultsHandle extends DefaultsHandle {
  set(values: CallerDefaults): void;
  reset(): void;
}

/** Defaults kept for one connection: forgotten with it. */
export class ConnectionDefaults implements LocalDefaultsHandle {
  private values: CallerDefaults = {};

  get(): CallerDefaults {
    return this.values;
  }

  set(values: CallerDefaults): void {
    this.values = values;
  }

  reset(): void {
    this.values = {};
  }
}

/** A handle for a caller who cannot have defaults, saying why. */
export function noDefaults(reason: string): DefaultsHandle {
  return { unavailable: reason, get: () => ({}), set: () => undefined, reset: () => undefined };
}

interface Entry {
  values: CallerDefaults;
  lastUsed: number;
}

export interface KeyedDefaultsOptions {
  /** Callers kept at most; the least recently used one makes room. */
  maxCallers?: number;
  /** Defaults not used for this long are forgotten. */
  idleMs?: number;
  now?: () => number;
}

/** Stateless HTTP: defaults per caller identity (a digest of the key or tenant credentials, never the secret). */
export class KeyedDefaults {
  private readonly entries = new Map<string, Entry>();
  private readonly maxCallers: number;
  private readonly idleMs: number;
  private readonly now: () => number;

  constructor(options: KeyedDefaultsOptions = {}) {
    this.maxCallers = options.maxCallers ?? 1000;
    this.idleMs = options.idleMs ?? 8 * 3600_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  handleFor(key: string): LocalDefaultsHandle {
    return {
      get: () => this.read(key),
      set: (values) => this.write(key, values),
      reset: () => void this.entries.delete(key),
    };
  }

  private read(key: string): CallerDefaults {
    const entry = this.entries.get(key);
    if (!entry) return {};
    if (this.now() - entry.lastUsed > this.idleMs) {
      this.entries.delete(key);
      return {};
    }
    this.touch(key, entry);
    return entry.values;
  }

  private write(key: string, values: CallerDefaults): void {
    this.entries.delete(key);
    while (this.entries.size >= this.maxCallers) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.touch(key, { values, lastUsed: 0 });
  }

  /** Re-inserts, so the map's order is least recently used first. */
  private touch(key: string, entry: Entry): void {
    entry.lastUsed = this.now();
    this.entries.delete(key);
    this.entries.set(key, entry);
  }
}
