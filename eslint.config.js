// @ts-check
/**
 * Lint: typescript-eslint with type information, import order, and the layer rule (a lower layer never imports a
 * higher one), so a wrong import fails `npm test`. Formatting is prettier's job (eslint-config-prettier turns off
 * the stylistic rules that would disagree with it).
 */
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The layers of src/, lowest first: each may import the ones before it, never the ones after. */
const LAYERS = ['config', 'atlassian', 'instances', 'tools', 'mcp', 'auth', 'access', 'transports'];
/** What composes the layers: app.ts, gateway.ts, main.ts, the command line and configuration reloads; no layer imports them. */
const TOP = ['app.ts', 'gateway.ts', 'main.ts', 'cli', 'reload'];

/** Below every layer: anyone may import these, and they import nothing of the gateway. */
const FOUNDATIONS = ['logging.ts', 'on-demand.ts', 'version.ts', 'security', 'state', 'telemetry', 'types'];

const layerZones = [
  ...LAYERS.map((layer, index) => ({
    target: `./src/${layer}`,
    from: [...LAYERS.slice(index + 1), ...TOP].map((higher) => `./src/${higher}`),
    message: `src/${layer} is below what it imports here; see the layers in docs/architecture.md`,
  })),
  ...FOUNDATIONS.map((foundation) => ({
    target: `./src/${foundation}`,
    from: [...LAYERS, ...TOP].map((layer) => `./src/${layer}`),
    message: `src/${foundation} is a foundation: it imports no layer of the gateway; see docs/architecture.md`,
  })),
];

/**
 * The sandbox is a package of its own: it imports nothing from src/, and src/ reaches it only from the --demo wiring
 * (src/main.ts, src/cli/demo.ts, src/cli/demo-banner.ts), through the package's index (test/sandbox/package-boundary.test.ts
 * checks the package name is the way in).
 */
const sandboxZones = [
  { target: './sandbox', from: './src', message: 'the sandbox is a package of its own and imports nothing from src/' },
  {
    target: './src/{!(cli|main.ts)/**,!(cli|main.ts),cli/!(demo.ts|demo-banner.ts),cli/*/**}',
    from: './sandbox',
    message: 'only the --demo wiring (src/main.ts, src/cli/demo.ts, src/cli/demo-banner.ts) uses the sandbox',
  },
  {
    target: ['./src/main.ts', './src/cli/demo.ts', './src/cli/demo-banner.ts'],
    from: './sandbox',
    except: ['./index.ts'],
    message:
      "the --demo wiring uses the sandbox's index only (@atlassian-mcp-gateway/sandbox), never its test controls",
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.tap/', 'tap-snapshots/', 'coverage/', 'sandbox/node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'],
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones: [...layerZones, ...sandboxZones] }],
      'no-console': 'error',
      // Async hooks and interface methods (Fastify, the SDK's Transport) are async by contract, awaiting or not.
      '@typescript-eslint/require-await': 'off',
      // Comparing a library's string enum (domhandler's node types) with its string values is how it is meant to be used.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
    },
  },
  {
    // The Atlassian, instance and tool layers know nothing of MCP.
    files: ['src/config/**', 'src/atlassian/**', 'src/instances/**', 'src/tools/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@modelcontextprotocol/*'], message: 'only src/mcp and above talk to the MCP SDK' }] },
      ],
    },
  },
  {
    // Tests read answers as parsed JSON and follow tap's idioms (`t.test(...)` queues a subtest; callbacks are async
    // whether or not they await). A promise that must be awaited (`t.rejects`, a call) still has to be.
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafePromises: [{ from: 'package', name: 'PromiseWithSubtest', package: '@tapjs/core' }] },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
