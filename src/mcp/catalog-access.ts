/**
 * How one server reaches its caller's catalogue. A connection (stdio, SSE, WebSocket, a stateful HTTP session)
 * outlives a configuration reload, so its server asks for the catalogue on every request rather than keeping the
 * one it was built with; a request that reaches Atlassian holds the catalogue it started with until it is answered,
 * so a replaced configuration closes its clients only after its last call.
 */
import type { Catalog } from './catalog.js';

export interface CatalogAccess {
  /** The catalogue the caller sees now: for listings and for work that never reaches Atlassian. */
  now(): Catalog;
  /** Runs `work` on the catalogue the caller sees now, which stays open until `work` has settled. */
  use<T>(work: (catalog: Catalog) => Promise<T> | T): Promise<T>;
}

/**
 * `hold` is called in the same tick as `catalogFor`, and keeps open whatever that catalogue talks through until the
 * function it returns is called.
 */
export function catalogAccess(catalogFor: () => Catalog, hold?: () => () => void): CatalogAccess {
  return {
    now: catalogFor,
    async use(work) {
      const release = hold?.();
      try {
        return await work(catalogFor());
      } finally {
        release?.();
      }
    },
  };
}
