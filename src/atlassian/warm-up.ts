/**
 * What calls to Atlassian need loaded before they run: the text-format libraries of the product, and got where
 * requests go through it. It is decided here, next to what is loaded, so the layers above ask by product and
 * auth and never name a library.
 */
import type { AuthConfig, Module } from '../config/schema.js';
import {
  FORMAT_LIBRARIES_BY_PRODUCT,
  formatLibrariesLoaded,
  loadFormatLibraries,
  preloadFormatLibraries,
  type FormatLibraryName,
} from './format/libraries.js';
import { preloadGot } from './got.js';

/**
 * Loads, once the process is idle (see on-demand.ts), what calls to these products will need (when a client lists the
 * tools); a call that comes first loads what it needs itself. got
 * only when `got` says some instance's requests go through it: with fixed credentials they go over node:http
 * (direct-request.ts), and loading got anyway would cost CPU beside the first calls and about 8 MiB for nothing.
 */
export function warmUp(products: readonly Module[], got: boolean): void {
  if (got) preloadGot();
  preloadFormatLibraries(librariesFor(products));
}

/**
 * Whether an instance with this auth sends its requests through got: credentials that renew themselves (OAuth)
 * need its hooks, and `none` (mTLS alone) has no fixed header; every other kind has one (see http.ts).
 */
export function requestsUseGot(auth: AuthConfig): boolean {
  return auth.type === 'oauth' || auth.type === 'none';
}

/**
 * Resolves once a call to `product` can convert text (got loads with the call's first request); undefined when it
 * already can, so a warm call does not wait a turn of the event loop for libraries loaded long ago.
 */
export function readyFor(product: Module | 'gateway'): Promise<void> | undefined {
  const names = FORMAT_LIBRARIES_BY_PRODUCT[product];
  return formatLibrariesLoaded(names) ? undefined : loadFormatLibraries(names);
}

/** The format libraries calls to these products convert with. */
export function librariesFor(products: readonly (Module | 'gateway')[]): FormatLibraryName[] {
  return [...new Set(products.flatMap((product) => FORMAT_LIBRARIES_BY_PRODUCT[product]))];
}
