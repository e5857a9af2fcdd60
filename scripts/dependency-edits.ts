/**
 * What the gateway's bundle does to its dependencies (scripts/build.ts lists why each is done), in a file of its own
 * so that other bundles that must run those dependencies as the gateway does can apply the same: the benchmarks' stack
 * floor (bench/stack-floor.ts, bundled by bench/bundled-script.ts) measures the gateway's stack without the gateway.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { keepClosuresYoung, sdkInflightList, zodFailureOnPrototype } from './young-generation.js';

const SDK_SHIMS = fileURLToPath(new URL('../src/mcp/sdk-shims.ts', import.meta.url));

const lightSdkShims: Plugin = {
  name: 'light-sdk-shims',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^@modelcontextprotocol\/server\/_shims$/ }, () => ({ path: SDK_SHIMS }));
  },
};

const JS_STREAM_SOCKET = fileURLToPath(new URL('../src/atlassian/js-stream-socket.cjs', import.meta.url));

const lazyJsStreamSocket: Plugin = {
  name: 'lazy-js-stream-socket',
  setup(esbuild) {
    esbuild.onResolve({ filter: /[\\/]utils[\\/]js-stream-socket\.js$/ }, ({ importer }) =>
      /[\\/]node_modules[\\/]http2-wrapper[\\/]/.test(importer) ? { path: JS_STREAM_SOCKET } : undefined,
    );
  },
};

const englishZodLocales: Plugin = {
  name: 'english-zod-locales',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, ({ importer, resolveDir }) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(importer)
        ? { path: join(resolveDir, '..', 'locales', 'en.js'), namespace: 'zod-locales' }
        : undefined,
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'zod-locales' }, ({ path }) => ({
      contents: `export { default as en } from ${JSON.stringify(path)};`,
      resolveDir: dirname(path),
    }));
  },
};

/** The Node release the bundle's syntax is written for (esbuild's `target`). */
export const BUNDLE_TARGET = 'node20';

/** The plugins that edit dependencies while they are bundled. */
export const DEPENDENCY_EDITS: Plugin[] = [
  lightSdkShims,
  lazyJsStreamSocket,
  englishZodLocales,
  zodFailureOnPrototype,
  sdkInflightList,
];

/** Gives bundled CommonJS dependencies the `require` an ES module lacks. */
export const REQUIRE_BANNER =
  "import { createRequire as __gatewayCreateRequire } from 'node:module'; const require = __gatewayCreateRequire(import.meta.url);";

/** A bundled chunk as the gateway ships it: closures kept young (young-generation.ts), and Latin-1 only. */
export function finishedChunk(code: string): string {
  return latin1Only(keepClosuresYoung(code));
}

/**
 * `code` with every character beyond Latin-1 as a `\u` escape (astral ones as their two surrogates), which means
 * the same in a comment, a string, a template, a regular expression or an identifier. Only the columns after such
 * a character on its line move, so the source map stays right to the line.
 */
export function latin1Only(code: string): string {
  return code.replace(/[^\t-\u00ff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
