/**
 * What calls to Atlassian need loaded before they run: got, and the text-format libraries of the product. It is
 * decided here, next to what is loaded, so the layers above ask by product and never name a library.
 */
import type { Module } from '../config/schema.js';
import {
  FORMAT_LIBRARIES_BY_PRODUCT,
  loadFormatLibraries,
  preloadFormatLibraries,
  type FormatLibraryName,
} from './format/libraries.js';
import { preloadGot } from './got.js';

/** Starts loading, in the background, what calls to these products will need (when a client lists the tools). */
export function warmUp(products: readonly Module[]): void {
  preloadGot();
  preloadFormatLibraries(librariesFor(products));
}

/** Resolves once a call to `product` can convert text (got loads with the call's first request). */
export function readyFor(product: Module | 'gateway'): Promise<void> {
  return loadFormatLibraries(FORMAT_LIBRARIES_BY_PRODUCT[product]);
}

/** The format libraries calls to these products convert with. */
export function librariesFor(products: readonly (Module | 'gateway')[]): FormatLibraryName[] {
  return [...new Set(products.flatMap((product) => FORMAT_LIBRARIES_BY_PRODUCT[product]))];
}
