/**
 * Code loaded on first use rather than at startup (got, the text-format libraries): nothing a stdio client's first
 * `tools/list` does not need should delay its answer. `preload()` starts loading once the event loop is free, after
 * whatever is being answered now has been written; `loaded` stays undefined until the load has finished.
 */
export interface OnDemand<T> {
  load(): Promise<T>;
  preload(): void;
  readonly loaded: T | undefined;
}

export function onDemand<T>(importer: () => Promise<T>): OnDemand<T> {
  let loading: Promise<T> | undefined;
  let loaded: T | undefined;
  const load = (): Promise<T> => (loading ??= importer().then((value) => (loaded = value)));
  return {
    load,
    preload: () => {
      if (!loading) setImmediate(() => void load());
    },
    get loaded() {
      return loaded;
    },
  };
}
