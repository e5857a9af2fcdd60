/**
 * Where bench/bundled-script.ts puts a bundle: a temporary folder removed at exit; with `BENCH_PROFILE=dir`, beside
 * the CPU profiles with its source map, kept, so that a profile of the bundle can be read back to its sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';

const BUNDLED_SCRIPT = fileURLToPath(new URL('../../bench/bundled-script.ts', import.meta.url));

/** Bundles a one-line entry in a process of its own, with `env` added; returns the bundle's path. */
function bundleInChild(entry: string, env: Record<string, string> = {}): string {
  const script =
    `import { bundledScript } from ${JSON.stringify(BUNDLED_SCRIPT)};\n` +
    `process.stdout.write((await bundledScript(${JSON.stringify(entry)}, { likeTheGateway: true })).file);`;
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_PROFILE: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

/** A folder of the test's own (removed after it) holding a one-line entry to bundle. */
function entryToBundle(t: Test): { dir: string; entry: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bundled-script-test-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, "process.stdout.write('hello');\n");
  return { dir, entry };
}

t.test('a bundle lives in a temporary folder that is gone once the process exits', async (t) => {
  const { entry } = entryToBundle(t);
  const file = bundleInChild(entry);
  t.match(file, /bench-bundle-[^/]+\/script\.mjs$/);
  t.notOk(existsSync(dirname(file)), 'the folder is removed at exit');
});

t.test('with BENCH_PROFILE, the bundle and its source map are written beside the profiles and kept', async (t) => {
  const { dir, entry } = entryToBundle(t);
  const profiles = join(dir, 'profiles');
  mkdirSync(profiles);
  const file = bundleInChild(entry, { BENCH_PROFILE: profiles });
  t.equal(dirname(dirname(file)), profiles);
  t.ok(existsSync(file), 'the bundle is kept');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] };
  t.ok(
    map.sources.some((source) => source.endsWith('entry.ts')),
    'its source map points back to the entry',
  );
  t.match(readFileSync(file, 'utf8'), /sourceMappingURL=script\.mjs\.map/);
});
