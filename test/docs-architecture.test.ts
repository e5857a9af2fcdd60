/**
 * docs/architecture.md describes the house as it is: every folder of src/ has a row in its table, and every file a
 * row names exists in that row's folder, so a moved or deleted file makes this fail instead of leaving the page stale.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import t from 'tap';

const ROOT = resolve(import.meta.dirname, '..');
const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
const table = doc.slice(doc.indexOf('## Where things live'), doc.indexOf('## Rules the linter enforces'));

/** Table rows by the folder their first cell names (`src/` for the row of top-level files). */
const rows = new Map(
  table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => [/^\| `([^`]+)`/.exec(line)![1]!, line] as const),
);

function folders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => [join(dir, entry.name), ...folders(join(dir, entry.name))]);
}

t.test('every folder of src/ has a row', async (t) => {
  const all = folders(join(ROOT, 'src')).map((dir) => `${relative(ROOT, dir).split('\\').join('/')}/`);
  t.ok(all.length > 15, `${all.length} folders`);
  for (const folder of ['src/', ...all]) t.ok(rows.has(folder), `${folder} has a row`);
  for (const other of ['sandbox/', 'test/', 'bench/', 'scripts/']) t.ok(rows.has(other), `${other} has a row`);
});

t.test('every file a row names exists in its folder', async (t) => {
  let named = 0;
  for (const [folder, row] of rows) {
    if (!folder.startsWith('src/')) continue;
    for (const [, file] of row.matchAll(/`([\w.-]+\.(?:ts|cjs))`/g)) {
      named += 1;
      t.ok(existsSync(join(ROOT, folder, file!)), `${folder}${file} exists`);
    }
  }
  t.ok(named > 100, `${named} files named`);
});
