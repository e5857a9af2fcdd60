/**
 * `npm run conformance`: runs the official MCP conformance suite's server scenarios against the demo (the embedded
 * sandbox, loopback only, stateful sessions and resource polling on), checked against expected-failures.yaml. The
 * suite itself is fetched by npx on the first run; after that nothing leaves the machine.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SUITE = '@modelcontextprotocol/conformance@0.1.16';
const root = fileURLToPath(new URL('../..', import.meta.url));
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

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

const major = Number(process.versions.node.split('.')[0]);
const nodeOptions = major < 22 ? `--import=${new URL('./node20-glob.mjs', import.meta.url).href}` : '';
const suite = spawn(
  'npx',
  ['--yes', SUITE, 'server', '--url', `${url}/mcp`, '--expected-failures', here('./expected-failures.yaml')],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: nodeOptions } },
);
const code = await new Promise<number>((resolve) => suite.once('exit', (exit) => resolve(exit ?? 1)));
demo.kill();
process.exit(code);
