/**
 * Two gateway processes sharing one Redis, the way replicas behind a load balancer run: the same configuration
 * file, the same `REDIS_URL`, random ports. Each is stopped (SIGTERM) when the test ends.
 */
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Test } from 'tap';
import { cleanEnv, startGatewayProcess } from './process.js';

export interface Replica {
  url: string;
  child: ChildProcess;
  /** Everything it logged so far. */
  stderr(): string;
}

/** Starts `count` gateway processes on `config` (written as a file) and `redisUrl`. */
export async function startReplicas(
  t: Test,
  config: Record<string, unknown>,
  redisUrl: string,
  { count = 2, args = [], env = {} }: { count?: number; args?: string[]; env?: Record<string, string> } = {},
): Promise<Replica[]> {
  const file = join(t.testdir(), 'gateway.yaml');
  // JSON is YAML: the file is read by the same loader users' files are.
  writeFileSync(file, JSON.stringify(config));
  return Promise.all(
    Array.from({ length: count }, async () => {
      const started = await startGatewayProcess(['--config', file, ...args], cleanEnv({ REDIS_URL: redisUrl, ...env }));
      t.teardown(() => stopProcess(started.child));
      return { url: started.url, child: started.child, stderr: started.stderr };
    }),
  );
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  return exited;
}
