/**
 * Code loaded on first use rather than at startup (got, the text-format libraries): nothing a stdio client's first
 * `tools/list` does not need should delay its answer. `preload()` starts loading once the process is idle (see
 * idle.ts), so what a call needs now never queues behind what later calls may need; `load()` loads at once.
 * `loaded` stays undefined until the load has finished.
 */
import { whenIdle } from './idle.js';

export interface OnDemand<T> {
  load(): Promise<T>;
  preload(): void;
  readonly loaded: T | undefined;
}

export function onDemand<T>(importer: () => Promise<T>): OnDemand<T> {
  let loading: Promise<T> | undefined;
  let loaded: T | undefined;
  let preloading = false;
  const load = (): Promise<T> => (loading ??= importer().then((value) => (loaded = value)));
  return {
    load,
    preload: () => {
      if (loading || preloading) return;
      preloading = true;
      whenIdle(() => void load());
    },
    get loaded() {
      return loaded;
    },
  };
}
