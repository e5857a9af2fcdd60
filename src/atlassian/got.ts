/**
 * got, loaded on first use. With its HTTP/2, TLS and caching modules it is among the slowest parts of the
 * gateway to load (tens of milliseconds), and a stdio client's first `tools/list` needs none of it: the module
 * loads with the first request to Atlassian instead of at startup.
 */
export type GotModule = typeof import('got');

let loading: Promise<GotModule> | undefined;
let loaded: GotModule | undefined;

export function loadGot(): Promise<GotModule> {
  loading ??= import('got').then((module) => (loaded = module));
  return loading;
}

/**
 * Starts loading got once the event loop is free, after whatever is being answered now has been written, so the
 * first tool call does not wait for it. Called when a client lists the tools, the usual prelude to a call.
 */
export function preloadGot(): void {
  if (!loading) setImmediate(() => void loadGot());
}

/** got's base error class for anything that failed inside got; false before got was ever loaded. */
export function isGotError(error: unknown): error is InstanceType<GotModule['RequestError']> {
  return loaded !== undefined && error instanceof loaded.RequestError;
}
