/**
 * Drives Docker and Compose for the container tests: runs commands with their output kept for failure messages,
 * says why Docker cannot work when it cannot, and waits for a container's health.
 */
import { execFile, spawn } from 'node:child_process';

export const DOCKER = process.env.DOCKER ?? 'docker';

/** The classic builder: all Debian's engine needs, and it never fetches a Dockerfile frontend from a registry. */
export const BUILD_ENV = { ...process.env, DOCKER_BUILDKIT: '0', COMPOSE_DOCKER_CLI_BUILD: '0' };

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? BUILD_ENV,
        timeout: options.timeoutMs ?? 600_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr || (error && !stdout ? error.message : '')) });
      },
    );
  });
}

/** Runs a command and returns its stdout; a failure throws with the command and the tail of its output. */
export async function must(
  command: string,
  args: readonly string[],
  options: Parameters<typeof run>[2] = {},
): Promise<string> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-25).join('\n');
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}:\n${tail}`);
  }
  return result.stdout;
}

/** Why no container can run here, or undefined when a Docker engine answers. */
export async function dockerUnavailable(): Promise<string | undefined> {
  const version = await run(DOCKER, ['version', '--format', '{{.Server.Version}}'], { timeoutMs: 20_000 });
  if (version.code === 0 && version.stdout.trim()) return undefined;
  const reason = version.stderr.trim().split('\n')[0] ?? 'no answer';
  return /ENOENT|not found/.test(reason)
    ? `the ${DOCKER} command is not installed`
    : `no Docker engine answers (${reason})`;
}

/** The Compose command: Debian's docker-compose, else the `docker compose` plugin. */
export async function composeCommand(): Promise<[string, ...string[]] | undefined> {
  if ((await run('docker-compose', ['version'], { timeoutMs: 20_000 })).code === 0) return ['docker-compose'];
  if ((await run(DOCKER, ['compose', 'version'], { timeoutMs: 20_000 })).code === 0) return [DOCKER, 'compose'];
  return undefined;
}

/** Waits until Docker reports the container healthy; throws with its last health log otherwise. */
export async function waitHealthy(container: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = (await run(DOCKER, ['inspect', '--format', '{{json .State.Health}}', container])).stdout.trim();
    if (/"Status":"healthy"/.test(last)) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`${container} did not become healthy within ${timeoutMs / 1000} s: ${last}`);
}

/** Streams `docker save` of an image and says whether any of its bytes contain `needle`. */
export function imageContains(image: string, needle: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const save = spawn(DOCKER, ['save', image], { stdio: ['ignore', 'pipe', 'pipe'] });
    const wanted = Buffer.from(needle);
    let carry = Buffer.alloc(0);
    let found = false;
    save.stdout.on('data', (chunk: Buffer) => {
      const window = Buffer.concat([carry, chunk]);
      if (window.includes(wanted)) found = true;
      carry = window.subarray(Math.max(0, window.length - wanted.length));
    });
    save.on('error', reject);
    save.on('close', (code) =>
      code === 0 ? resolve(found) : reject(new Error(`docker save ${image} exited ${code}`)),
    );
  });
}
