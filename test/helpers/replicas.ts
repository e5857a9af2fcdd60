/**
 * Two gateway processes sharing one Redis, the way replicas behind a load balancer run: the same configuration
 * file, the same `REDIS_URL`, random ports (or, without a Redis URL, replicas that share nothing, for comparison).
 * Each is stopped (SIGTERM) when the test ends.
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

export interface ReplicaOptions {
  count?: number;
  args?: string[];
  /** Environment of each replica by its index, on top of `REDIS_URL`: replicas run on machines of their own. */
  env?: Record<string, string> | ((index: number) => Record<string, string>);
}

/** Starts `count` gateway processes on `config` (written as a file) and `redisUrl` (none: they share nothing). */
export async function startReplicas(
  t: Test,
  config: Record<string, unknown>,
  redisUrl: string | undefined,
  { count = 2, args = [], env = {} }: ReplicaOptions = {},
): Promise<Replica[]> {
  const file = join(t.testdir(), 'gateway.yaml');
  // JSON is YAML: the file is read by the same loader users' files are.
  writeFileSync(file, JSON.stringify(config));
  // One after the other: two processes compiling under tsx at once on a loaded machine start slower than twice one.
  const replicas: Replica[] = [];
  for (let index = 0; index < count; index++) {
    const own = typeof env === 'function' ? env(index) : env;
    const started = await startGatewayProcess(
      ['--config', file, ...args],
      cleanEnv({ ...(redisUrl !== undefined && { REDIS_URL: redisUrl }), ...own }),
      undefined,
      { startTimeoutMs: 60_000 },
    );
    t.teardown(() => stopProcess(started.child));
    // Should the test process end before its teardown ran, the replica ends with it.
    const orphaned = () => started.child.kill('SIGKILL');
    process.once('exit', orphaned);
    started.child.once('exit', () => process.removeListener('exit', orphaned));
    replicas.push({ url: started.url, child: started.child, stderr: started.stderr });
  }
  return replicas;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  return exited;
}
