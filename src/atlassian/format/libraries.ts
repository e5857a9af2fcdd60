/**
 * The text-format libraries (jira2md, marked, htmlparser2, marklassian, diff), each loaded on first need rather
 * than at startup (see on-demand.ts): together they take 25–40 ms and about 4 MiB to load, which a stdio client
 * would otherwise wait for before its first answer, and a gateway serving one product never needs the other's.
 *
 * Converters reach them synchronously through `formatLibraries()`; whatever runs converters awaits the libraries
 * first: a tool call those of its product (`FORMAT_LIBRARIES_BY_PRODUCT`), the sandbox and the tests all of them.
 * test/format/libraries.test.ts checks the table against the converters each product's tools can reach.
 */
import type * as Diff from 'diff';
import type * as Htmlparser2 from 'htmlparser2';
import type Jira2md from 'jira2md';
import type * as Marked from 'marked';
import type * as Marklassian from 'marklassian';
import type { Module } from '../../config/schema.js';
import { onDemand, type OnDemand } from '../../on-demand.js';

export interface FormatLibraries {
  jira2md: typeof Jira2md;
  marked: typeof Marked;
  htmlparser2: typeof Htmlparser2;
  marklassian: typeof Marklassian;
  diff: typeof Diff;
}

export type FormatLibraryName = keyof FormatLibraries;

const LIBRARIES: { readonly [Name in FormatLibraryName]: OnDemand<FormatLibraries[Name]> } = {
  jira2md: onDemand(async () => (await import('jira2md')).default),
  marked: onDemand(() => import('marked')),
  htmlparser2: onDemand(() => import('htmlparser2')),
  marklassian: onDemand(() => import('marklassian')),
  diff: onDemand(() => import('diff')),
};

export const ALL_FORMAT_LIBRARIES = Object.keys(LIBRARIES) as FormatLibraryName[];

/**
 * What each product's converters use. Jira: wiki markup both ways on Server/DC (jira2md), markdown to ADF on
 * Cloud (marklassian; ADF to markdown is the gateway's own code). Confluence: storage format to markdown
 * (htmlparser2), markdown to storage (marked), version diffs (diff). Gateway-level tools convert nothing.
 */
export const FORMAT_LIBRARIES_BY_PRODUCT: Readonly<Record<Module | 'gateway', readonly FormatLibraryName[]>> = {
  jira: ['jira2md', 'marklassian'],
  servicedesk: ['jira2md', 'htmlparser2'],
  confluence: ['marked', 'htmlparser2', 'diff'],
  gateway: [],
};

export async function loadFormatLibraries(names: readonly FormatLibraryName[] = ALL_FORMAT_LIBRARIES): Promise<void> {
  await Promise.all(names.map((name) => LIBRARIES[name].load()));
}

/** True once every one of `names` has loaded: a call that finds them loaded need not wait for anything. */
export function formatLibrariesLoaded(names: readonly FormatLibraryName[]): boolean {
  return names.every((name) => LIBRARIES[name].loaded !== undefined);
}

export function preloadFormatLibraries(names: readonly FormatLibraryName[] = ALL_FORMAT_LIBRARIES): void {
  for (const name of names) LIBRARIES[name].preload();
}

/** The loaded libraries; reading one that has not loaded is a programming error, reported as such. */
const loaded = Object.defineProperties(
  {} as FormatLibraries,
  Object.fromEntries(
    ALL_FORMAT_LIBRARIES.map((name) => [
      name,
      {
        enumerable: true,
        get() {
          const library = LIBRARIES[name].loaded;
          if (library === undefined)
            throw new Error(
              `the ${name} format library is not loaded: await loadFormatLibraries() with it before converting text`,
            );
          return library;
        },
      },
    ]),
  ),
);

export function formatLibraries(): FormatLibraries {
  return loaded;
}
