/**
 * `npm run build`: bundles src/main.ts and everything it imports into dist/ with esbuild (type checking is
 * `tsc`'s job, run first by the npm script). One bundle loads much faster than ~330 ESM modules and the CommonJS
 * graphs of got and Fastify, and takes less memory: measured in docs/benchmarks.md.
 *
 * - ESM with code splitting, so what `main.ts` imports on demand (Fastify and the HTTP transports, stdio, the
 *   sandbox, the OAuth wizard) stays in chunks of its own and loads only when used.
 * - Every chunk sits directly in dist/, so `new URL('../package.json', import.meta.url)` finds the manifest.
 * - Bundled CommonJS packages call `require` for Node's built-in modules; the banner gives each chunk one.
 * - External source maps, for `node --enable-source-maps dist/main.js` when reading a trace.
 * - The SDK's Node shims are swapped for src/mcp/sdk-shims.ts, which spares startup the ajv load (its TSDoc says
 *   why that is safe).
 * - The tools' input schemas are converted here, once, and carried as JSON (`GATEWAY_INPUT_SCHEMAS`, read by
 *   src/mcp/schema.ts), so the gateway does not convert them at every start.
 * - http2-wrapper's JSStreamSocket lookup is swapped for src/atlassian/js-stream-socket.cjs, which does it on
 *   first use instead of at load (its comment says what that saves).
 * - Characters beyond Latin-1 are written as `\u` escapes (`latin1Only`): esbuild escapes them in strings but
 *   not in the comments it keeps, and one `…` in a comment made V8 hold that whole chunk's source, which it keeps
 *   for the life of the process, at two bytes a character.
 * - What V8 would keep through young-generation collections, though one exchange is done with it, is written so it
 *   need not: function literals assigned to properties, zod's failed-parse result and the SDK's set of in-flight
 *   servers (scripts/young-generation.ts says how and why).
 * - zod's `locales` namespace keeps English only. zod's messages are English unless `z.config()` picks another
 *   locale, which nothing here does; the other 40-odd locales were a third of zod's code in the bundle.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { inputSchemaOf, SCHEMA_VARIANTS, specKey } from '../src/mcp/schema.js';
import { TOOL_SPECS } from '../src/tools/catalog.js';
import { BUNDLE_TARGET, DEPENDENCY_EDITS, finishedChunk, REQUIRE_BANNER } from './dependency-edits.js';

/** Every spec's input schema in every variant, as src/mcp/schema.ts would convert it. */
function inputSchemas(): string {
  const schemas = Object.fromEntries(
    TOOL_SPECS.map((spec) => [
      specKey(spec),
      Object.fromEntries(
        SCHEMA_VARIANTS.map((variant) => [variant, inputSchemaOf(spec, variant === 'any' ? undefined : variant)]),
      ),
    ]),
  );
  return JSON.stringify(schemas);
}

/** Writes the bundle to `outDir` (emptied first); the tests build into a scratch directory with it. */
export async function bundle(outDir: string): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    // The conversion worker is an entry of its own: src/atlassian/format/written-text.ts starts it from dist/.
    entryPoints: {
      main: fileURLToPath(new URL('../src/main.ts', import.meta.url)),
      'conversion-worker': fileURLToPath(new URL('../src/atlassian/format/conversion-worker.ts', import.meta.url)),
    },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: BUNDLE_TARGET,
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: DEPENDENCY_EDITS,
    define: { GATEWAY_INPUT_SCHEMAS: JSON.stringify(inputSchemas()) },
    banner: { js: REQUIRE_BANNER },
  });
  for (const name of readdirSync(outDir).filter((file) => file.endsWith('.js'))) {
    const path = join(outDir, name);
    const code = readFileSync(path, 'utf8');
    const finished = finishedChunk(code);
    if (finished !== code) writeFileSync(path, finished);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle('dist');
