/**
 * Runs the real entry point as a child process, the way users start the gateway: `src/main.ts` under tsx, or
 * the entry a test passes (the built bundle).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
export const NODE_ARGS = ['--import', 'tsx', MAIN];

/** A minimal environment: nothing from the developer's or CI's shell leaks into the gateway's config. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...extra };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the gateway to completion; `entry` is the source entry point under tsx unless a test runs a built one. */
export function runGateway(
  args: string[],
  env: Record<string, string> = cleanEnv(),
  entry: readonly string[] = NODE_ARGS,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Starts the gateway over HTTP and resolves once it logs where it listens: on a random port (`--port 0`) unless
 * the test picks the port itself (`portFlag: false`, through `PORT` or the file).
 */
export function startGatewayProcess(
  args: string[],
  env: Record<string, string>,
  entry: readonly string[] = NODE_ARGS,
  { portFlag = true, startTimeoutMs = 20_000 }: { portFlag?: boolean; startTimeoutMs?: number } = {},
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, ...(portFlag ? ['--port', '0'] : []), ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`gateway did not start: ${stderr}`)), startTimeoutMs);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = /"url":"(http:\/\/[^"]+)"/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, stderr: () => stderr });
      }
    });
    child.on('close', (code) => reject(new Error(`gateway exited with ${code}: ${stderr}`)));
  });
}
