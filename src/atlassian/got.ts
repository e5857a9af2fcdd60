/**
 * got, loaded on first use (see on-demand.ts). With its HTTP/2, TLS and caching modules it is among the slowest
 * parts of the gateway to load (tens of milliseconds), and a stdio client's first `tools/list` needs none of it:
 * it loads with the first request to Atlassian, or in the background once a client lists the tools.
 */
import type * as Got from 'got';
import { onDemand } from '../on-demand.js';

export type GotModule = typeof Got;

const got = onDemand(() => import('got'));

export const loadGot = (): Promise<GotModule> => got.load();
export const preloadGot = (): void => got.preload();

/** got's base error class for anything that failed inside got; false before got was ever loaded. */
export function isGotError(error: unknown): error is InstanceType<GotModule['RequestError']> {
  const module = got.loaded;
  return module !== undefined && error instanceof module.RequestError;
}
