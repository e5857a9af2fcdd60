/**
 * The text-format libraries (jira2md, marked, htmlparser2, marklassian, diff), loaded once before the first tool
 * runs rather than at startup (see on-demand.ts): together they take 25–40 ms to load, which a stdio client would
 * otherwise wait for before its first answer. Converters reach them synchronously through `formatLibraries()`;
 * whatever runs converters (a tool call, the sandbox, a test) awaits `loadFormatLibraries()` first.
 */
import { onDemand } from '../../on-demand.js';

export interface FormatLibraries {
  jira2md: typeof import('jira2md').default;
  marked: typeof import('marked');
  htmlparser2: typeof import('htmlparser2');
  marklassian: typeof import('marklassian');
  diff: typeof import('diff');
}

const libraries = onDemand(async (): Promise<FormatLibraries> => {
  const [jira2md, marked, htmlparser2, marklassian, diff] = await Promise.all([import('jira2md'), import('marked'), import('htmlparser2'), import('marklassian'), import('diff')]);
  return { jira2md: jira2md.default, marked, htmlparser2, marklassian, diff };
});

export const loadFormatLibraries = libraries.load;
export const preloadFormatLibraries = libraries.preload;

export function formatLibraries(): FormatLibraries {
  const loaded = libraries.loaded;
  if (!loaded) throw new Error('the format libraries are not loaded yet: await loadFormatLibraries() before converting text');
  return loaded;
}
