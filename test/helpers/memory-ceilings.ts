/**
 * The gateway in a child process for memory-ceiling tests: every toolset of all four test sites (a tools/list answer
 * of about 200 KB), its RSS read from /proc, and the raw requests those tests send.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Test } from 'tap';
import { stringify } from 'yaml';
import { startSandbox } from '@atlassian-mcp-gateway/sandbox';
import { sandboxInstances } from '../../src/cli/demo.js';
import { TEST_SITES } from './gateway.js';
import { cleanEnv, NODE_ARGS, startGatewayProcess } from './process.js';

export const MiB = 1024 * 1024;
export const HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-11-25',
};
export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'ceilings', version: '1' } },
};

export function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match![1]) * 1024;
}

/** The gateway, configured with `server` settings and started with `nodeFlags`; stopped when `t` ends. */
export async function startGateway(t: Test, server: Record<string, unknown>, nodeFlags: readonly string[] = []) {
  const sandbox = await startSandbox({ sites: TEST_SITES });
  t.teardown(() => sandbox.close());
  const configFile = join(t.testdir({}), 'instances.yaml');
  writeFileSync(
    configFile,
    stringify({ toolsets: ['all'], server, instances: sandboxInstances(sandbox, TEST_SITES, ['prod', 'wiki']) }),
  );
  const gateway = await startGatewayProcess(['--config', configFile], cleanEnv(), [...nodeFlags, ...NODE_ARGS]);
  t.teardown(() => {
    if (gateway.child.exitCode === null) gateway.child.kill('SIGKILL');
  });
  return { ...gateway, pid: gateway.child.pid! };
}

/** Lets the process settle and returns its RSS. */
export async function settledRss(pid: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 500));
  return rssOf(pid);
}
