/**
 * What completions offer (project keys, space keys, issue types, versions, transitions), kept per instance for a
 * while so typing an argument does not send a request per keystroke. Bounded: entries expire after `ttlMs`, an
 * instance keeps at most `maxEntries` lists of at most `MAX_VALUES` values, and callers waiting for the same list
 * share one request. A failed lookup is not kept: completions are a convenience and answer nothing instead.
 */
import type { InstanceRuntime } from '../instances/registry.js';

/** Values one list keeps; completions show at most 100 of them anyway. */
export const MAX_VALUES = 1000;

interface Entry {
  expires: number;
  values: Promise<string[]>;
}

export class CompletionCache {
  private readonly byInstance = new WeakMap<InstanceRuntime, Map<string, Entry>>();

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly maxEntries = 200,
  ) {}

  /** The list `key` of `instance`, from the cache or from `load`. */
  values(instance: InstanceRuntime, key: string, load: () => Promise<string[]>): Promise<string[]> {
    let entries = this.byInstance.get(instance);
    if (!entries) this.byInstance.set(instance, (entries = new Map<string, Entry>()));
    const now = Date.now();
    const cached = entries.get(key);
    if (cached && cached.expires > now) return cached.values;
    entries.delete(key);
    const values = load().then((loaded) => [...new Set(loaded)].slice(0, MAX_VALUES));
    const entry = { expires: now + this.ttlMs, values };
    entries.set(key, entry);
    if (entries.size > this.maxEntries) entries.delete(entries.keys().next().value!);
    return values.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
      return [];
    });
  }
}

/** One cache for the process: instances are shared by every connection, and so is what they list. */
export const completionCache = new CompletionCache();
