/**
 * A tool call loads only its product's text-format libraries (FORMAT_LIBRARIES_BY_PRODUCT), so the table must name
 * every library a product's code can reach. Checked from the source: follow the imports from each product's tools
 * and client, and collect the `formatLibraries().<name>` each reachable module reads. Then, at run time, a
 * converter reading a library that has not loaded fails with a message that says so.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import {
  ALL_FORMAT_LIBRARIES,
  FORMAT_LIBRARIES_BY_PRODUCT,
  formatLibraries,
  loadFormatLibraries,
} from '../../src/atlassian/format/libraries.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Where each product's code starts: its tools, and the client its tools are handed. */
const ROOTS: Record<keyof typeof FORMAT_LIBRARIES_BY_PRODUCT, string[]> = {
  jira: ['tools/jira', 'atlassian/jira'],
  confluence: ['tools/confluence', 'atlassian/confluence'],
  servicedesk: ['tools/servicedesk', 'atlassian/servicedesk'],
  gateway: ['tools/gateway'],
};

const tsFiles = (directory: string) =>
  readdirSync(join(SRC, directory))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(SRC, directory, name));

/** Relative imports that carry code (static, re-exports and dynamic; not `import type`), resolved to .ts files. */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [
    ...source.matchAll(/(?:^|\n)\s*(?:import(?!\s+type\b)|export)\s[^;]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/g),
  ].map((match) => match[1] ?? match[2]!);
  return specifiers
    .map((specifier) => resolve(dirname(file), specifier.replace(/\.js$/, '.ts')))
    .filter((path) => existsSync(path));
}

function librariesReachedFrom(files: string[]): { libraries: Set<string>; modules: number } {
  const seen = new Set<string>();
  const pending = [...files];
  const libraries = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(/formatLibraries\(\)\.(\w+)/g)) libraries.add(match[1]!);
    pending.push(...importsOf(file));
  }
  return { libraries, modules: seen.size };
}

t.test("each product's table entry is exactly the libraries its code can reach", async (t) => {
  for (const [product, roots] of Object.entries(ROOTS) as Array<[keyof typeof ROOTS, string[]]>) {
    const { libraries, modules } = librariesReachedFrom(roots.flatMap(tsFiles));
    t.ok(modules > roots.length, `${product}: followed ${modules} modules`);
    t.same(
      [...libraries].sort(),
      [...FORMAT_LIBRARIES_BY_PRODUCT[product]].sort(),
      `${product}: ${[...libraries].join(', ') || 'none'}`,
    );
  }
});

t.test('the walk finds libraries read directly and through imports', async (t) => {
  // The history tool reads diff itself, and htmlparser2 through the storage converter it imports.
  const { libraries } = librariesReachedFrom([join(SRC, 'tools/confluence/history.ts')]);
  t.ok(libraries.has('diff'), 'diff, read in the module');
  t.ok(libraries.has('htmlparser2'), 'htmlparser2, read by an imported converter');
  t.same(
    [...librariesReachedFrom(tsFiles('atlassian/format')).libraries, 'diff'].sort(),
    [...ALL_FORMAT_LIBRARIES].sort(),
    'the converters read every other library',
  );
});

t.test('a library is read only once loaded, and loading one loads no other', async (t) => {
  t.throws(() => formatLibraries().diff, {
    message: 'the diff format library is not loaded: await loadFormatLibraries() with it before converting text',
  });
  await loadFormatLibraries(['diff']);
  t.type(formatLibraries().diff.createTwoFilesPatch, 'function');
  t.throws(() => formatLibraries().marked, /the marked format library is not loaded/);
});
