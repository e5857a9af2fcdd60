/**
 * A bench script bundled into one ES module for plain Node, as the gateway runs: under tsx's loader (whose module
 * hooks run on a thread of their own) V8's collections read differently (the collections loop's long-lived `Set` row
 * kept nothing under tsx and every entry under plain Node), so what is compared with the gateway's process must run
 * the way it does (docs/benchmarks.md, "Eighth run").
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { BUNDLE_TARGET, DEPENDENCY_EDITS, finishedChunk, REQUIRE_BANNER } from '../scripts/dependency-edits.js';
import { PROFILE_DIR, temporaryDir } from './processes.js';

export interface BundledScript {
  /** The bundle, to run with `node <file>`. */
  file: string;
  /** Removes the bundle's directory now (it is removed at this process's exit otherwise). */
  dispose(): void;
}

export interface BundleOptions {
  /**
   * Bundle the script's dependencies as the gateway's build does (scripts/dependency-edits.ts): with the same edits
   * and syntax target, so a script that runs the gateway's stack keeps what the gateway keeps, no more.
   */
  likeTheGateway?: boolean;
}

/**
 * Bundles `entry` and what it imports into one `.mjs` file in a temporary folder. With `BENCH_PROFILE`, the bundle is
 * written beside the CPU profiles instead, with its source map, and kept, so that a profile of it can be read back
 * to its sources as the gateway's can (bench/cpu-profile.ts).
 */
export async function bundledScript(entry: string, options: BundleOptions = {}): Promise<BundledScript> {
  const dir = PROFILE_DIR ? mkdtempSync(join(PROFILE_DIR, 'bundle-')) : temporaryDir('bench-bundle-');
  const file = join(dir, 'script.mjs');
  try {
    await build({
      entryPoints: [entry],
      outfile: file,
      bundle: true,
      format: 'esm',
      platform: 'node',
      logLevel: 'warning',
      sourcemap: Boolean(PROFILE_DIR),
      ...(options.likeTheGateway && {
        plugins: DEPENDENCY_EDITS,
        banner: { js: REQUIRE_BANNER },
        target: BUNDLE_TARGET,
      }),
    });
    if (options.likeTheGateway) writeFileSync(file, finishedChunk(readFileSync(file, 'utf8')));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const dispose = () => {
    if (!PROFILE_DIR) rmSync(dir, { recursive: true, force: true });
  };
  return { file, dispose };
}
