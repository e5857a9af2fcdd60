/**
 * Debian's `redis-server` on a random loopback port, in a throwaway directory, persisting nothing; stopped (and its
 * directory removed) when the test ends. `findRedisServer` says whether the binary exists (.ci/run installs it);
 * `redisAvailable` skips a test file loudly where it does not, and fails it under CI. `launchRedis` is the same
 * server for code without a tap test (the benchmarks), which closes it itself.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'tap';

export function findRedisServer(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() || undefined : undefined;
}

/** True when the file may run; otherwise it has said why (and failed under CI). */
export function redisAvailable(t: Test, file: string): boolean {
  if (findRedisServer()) return true;
  process.stderr.write(
    `\n${'!'.repeat(100)}\n!! ${file} SKIPPED: redis-server is not installed; replicas sharing state were NOT tested.\n${'!'.repeat(100)}\n`,
  );
  if (process.env.CI || process.env.REQUIRE_SYSTEM_TESTS) t.fail('redis-server is required here (.ci/run installs it)');
  else t.plan(0, 'no redis-server');
  return false;
}

export interface RedisServer {
  url: string;
  port: number;
  /** Stops the server (SIGTERM) and waits until it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

/** A free loopback port, as the kernel hands one out. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A redis-server stopped and its directory removed when `t` ends. */
export async function startRedis(t: Test, options: { password?: string } = {}): Promise<RedisServer> {
  const server = await launchRedis(options);
  t.teardown(() => server.close());
  return server;
}

/** A redis-server whose owner calls `close()` (stops it and removes its directory). */
export async function launchRedis({ password }: { password?: string } = {}): Promise<
  RedisServer & { close(): Promise<void> }
> {
  const binary = findRedisServer();
  if (!binary) throw new Error('redis-server is not installed');
  const directory = mkdtempSync(join(tmpdir(), 'gateway-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', directory];
  if (password) args.push('--requirepass', password);

  const start = () =>
    new Promise<void>((resolve, reject) => {
      const started = spawn(binary, args, { cwd: directory, stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      // Should the test process end before its teardown ran, the server ends with it.
      const orphaned = () => started.kill('SIGKILL');
      process.once('exit', orphaned);
      started.once('exit', () => process.removeListener('exit', orphaned));
      let output = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 15_000);
      const read = (chunk: Buffer) => {
        output += String(chunk);
        if (/Ready to accept connections/i.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      started.stdout.on('data', read);
      started.stderr.on('data', read);
      started.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}): ${output}`));
      });
    });
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  const close = async () => {
    await stop();
    rmSync(directory, { recursive: true, force: true });
  };
  const auth = password ? `:${encodeURIComponent(password)}@` : '';
  return { url: `redis://${auth}127.0.0.1:${port}`, port, stop, start, close };
}
