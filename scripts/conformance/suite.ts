/**
 * The official MCP conformance suite (`@modelcontextprotocol/conformance`, a devDependency installed from the
 * lockfile) run against the demo: the embedded sandbox on loopback, stateful sessions and resource polling on. The
 * suite's server scenarios are checked against expected-failures.yaml, so the run fails on any unexpected failure and
 * on an expected failure that now passes. Shared by `npm run conformance` and test/conformance.test.ts; nothing
 * leaves the machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** The suite's command line, from the installed package (its `bin`), never fetched. */
function suiteEntry(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@modelcontextprotocol/conformance/package.json');
  const { bin } = require(manifest) as { bin: Record<string, string> };
  return join(manifest, '..', bin.conformance!);
}

export interface ConformanceRun {
  /** The suite's exit code: 0 when every scenario passed or failed as expected. */
  code: number;
  /** What the suite printed (when captured). */
  output: string;
}

/** Starts the demo on a random loopback port and resolves with its URL once it listens. */
async function startDemo(): Promise<{ url: string; demo: ChildProcess }> {
  const demo = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--demo', '--port', '0', '--stateful'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      RESOURCE_POLL_INTERVAL: '1',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    demo.stderr.on('data', (chunk: Buffer) => {
      seen += String(chunk);
      const listening = /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*"msg":"gateway listening"/.exec(seen);
      if (listening) resolve(listening[1]!);
    });
    demo.once('exit', (code) => reject(new Error(`the demo exited (${code}) before listening:\n${seen}`)));
  });
  return { url, demo };
}

/**
 * Runs the suite's server scenarios against a fresh demo and stops the demo afterwards. `capture` keeps the suite's
 * output in the result instead of printing it.
 */
export async function runConformance(options: { capture?: boolean } = {}): Promise<ConformanceRun> {
  const { url, demo } = await startDemo();
  try {
    const major = Number(process.versions.node.split('.')[0]);
    // The suite imports `globSync` from `fs`, which Node has only from 22: node20-glob.mjs lends it one.
    const nodeArgs = major < 22 ? [`--import=${new URL('./node20-glob.mjs', import.meta.url).href}`] : [];
    const suite = spawn(
      process.execPath,
      [
        ...nodeArgs,
        suiteEntry(),
        'server',
        '--url',
        `${url}/mcp`,
        '--expected-failures',
        here('./expected-failures.yaml'),
      ],
      { cwd: root, stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env } },
    );
    let output = '';
    suite.stdout?.on('data', (chunk: Buffer) => (output += String(chunk)));
    suite.stderr?.on('data', (chunk: Buffer) => (output += String(chunk)));
    const code = await new Promise<number>((resolve) => suite.once('exit', (exit) => resolve(exit ?? 1)));
    return { code, output };
  } finally {
    const exited = new Promise((resolve) => demo.once('exit', resolve));
    demo.kill();
    await exited;
  }
}
