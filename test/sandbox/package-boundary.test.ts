/**
 * The sandbox is a package of its own: it imports nothing from the gateway's src/ (so it cannot borrow the
 * converters it is used to test), only its own files, Node's modules and the packages its manifest names; and the
 * gateway reaches it only through the package's index, never through the test controls' entry.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import t from 'tap';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SANDBOX = join(ROOT, 'sandbox');
const manifest = JSON.parse(readFileSync(join(SANDBOX, 'package.json'), 'utf8')) as {
  name: string;
  dependencies?: Record<string, string>;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : /\.[cm]?ts$/.test(entry.name) ? [path] : [];
  });
}

/** Every module a file names: static imports and re-exports, `import type`, and `import()` calls. */
function specifiers(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((reference) => reference.fileName);
}

/** The package name of a bare specifier (`fastify`, `@scope/name/sub` → `@scope/name`). */
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

t.test('the sandbox imports only its own files, Node modules and its declared dependencies', async (t) => {
  const files = sourceFiles(SANDBOX);
  t.ok(files.length > 10, `${files.length} source files under sandbox/`);
  const allowed = new Set(Object.keys(manifest.dependencies ?? {}));
  for (const file of files) {
    for (const specifier of specifiers(file)) {
      const where = `${relative(ROOT, file)} imports ${specifier}`;
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        t.ok(target.startsWith(SANDBOX + sep), `${where}: inside sandbox/`);
      } else if (specifier.startsWith('node:') || builtinModules.includes(specifier)) {
        t.pass(`${where}: a Node module`);
      } else {
        t.ok(allowed.has(packageOf(specifier)), `${where}: a dependency sandbox/package.json declares`);
      }
    }
  }
});

t.test('src/ imports the sandbox only through its index, and only for --demo', async (t) => {
  const importers = sourceFiles(join(ROOT, 'src')).filter((file) =>
    specifiers(file).some((specifier) => packageOf(specifier) === manifest.name),
  );
  t.same(
    importers.map((file) => relative(ROOT, file)).sort(),
    ['src/cli/demo-banner.ts', 'src/cli/demo.ts', 'src/main.ts'].map((path) => path.split('/').join(sep)),
  );
  for (const file of importers)
    t.same(
      specifiers(file).filter((specifier) => specifier.startsWith(`${manifest.name}/`)),
      [],
      `${relative(ROOT, file)} uses the index only`,
    );
});
