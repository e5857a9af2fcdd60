/**
 * The text-format libraries (jira2md, marked, htmlparser2, marklassian, diff), loaded once before the first tool
 * runs rather than at startup: together they take 25–40 ms to load, which a stdio client would otherwise wait
 * for before its first answer. Converters reach them synchronously through `formatLibraries()`; whatever runs
 * converters (a tool call, the sandbox, a test) awaits `loadFormatLibraries()` first.
 */
export interface FormatLibraries {
  jira2md: typeof import('jira2md').default;
  marked: typeof import('marked');
  htmlparser2: typeof import('htmlparser2');
  marklassian: typeof import('marklassian');
  diff: typeof import('diff');
}

let loading: Promise<FormatLibraries> | undefined;
let loaded: FormatLibraries | undefined;

export function loadFormatLibraries(): Promise<FormatLibraries> {
  loading ??= Promise.all([import('jira2md'), import('marked'), import('htmlparser2'), import('marklassian'), import('diff')]).then(
    ([jira2md, marked, htmlparser2, marklassian, diff]) => (loaded = { jira2md: jira2md.default, marked, htmlparser2, marklassian, diff }),
  );
  return loading;
}

/** Starts loading once the event loop is free, after whatever is being answered now has been written. */
export function preloadFormatLibraries(): void {
  if (!loading) setImmediate(() => void loadFormatLibraries());
}

export function formatLibraries(): FormatLibraries {
  if (!loaded) throw new Error('the format libraries are not loaded yet: await loadFormatLibraries() before converting text');
  return loaded;
}
