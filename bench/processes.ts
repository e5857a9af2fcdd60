/**
 * The processes a benchmark measures: the sandbox and gateways, each in its own process so the load generator
 * (this process) never shares their event loop. Gateways run the built `dist/main.js`, as users run it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';

export const GATEWAY_MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const SANDBOX_MAIN = fileURLToPath(new URL('./sandbox-process.ts', import.meta.url));

/** `BENCH_PROFILE=dir` writes a CPU profile of every gateway process and paced floor there, for finding hot spots. */
export const PROFILE_DIR = process.env.BENCH_PROFILE || undefined;
export const PROFILE = PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [];

const children = new Set<ChildProcess>();

/**
 * `BENCH_GATEWAY_CPUS=1` runs every gateway process (and the paced rows' two floors) on those CPUs only, and
 * `BENCH_LOAD_CPUS=0` this process and the others it starts (load generator, fake upstream, sandbox) on those (Linux
 * `taskset` lists). On a small machine the load generator and the upstream otherwise take the gateway's core at
 * random moments, and that wait shows up in the gateway's latency tail; separated, the tail is the gateway's own. A
 * gateway started with only `BENCH_LOAD_CPUS` set shares the load's CPUs, as every child of this process does.
 */
const GATEWAY_CPUS = process.env.BENCH_GATEWAY_CPUS;
const LOAD_CPUS = process.env.BENCH_LOAD_CPUS;
if (LOAD_CPUS) pinToCpus(process.pid, LOAD_CPUS);

/** Runs `pid` where gateway processes run (`BENCH_GATEWAY_CPUS`); nothing when it is unset. */
export function pinAsGateway(pid: number | undefined): void {
  if (GATEWAY_CPUS) pinToCpus(pid, GATEWAY_CPUS);
}

/** Pins every thread of process `pid` to `cpus` (threads it starts later inherit it). */
function pinToCpus(pid: number | undefined, cpus: string): void {
  if (pid) execFileSync('taskset', ['--all-tasks', '--cpu-list', '--pid', cpus, String(pid)], { stdio: 'ignore' });
}

/** Spawns `node args…` and resolves once `stream` matches `ready`. */
export function startProcess(
  args: string[],
  ready: RegExp,
  stream: 'stdout' | 'stderr',
  cwd?: string,
  env: Record<string, string> = {},
  node = process.execPath,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', ...env },
      cwd,
    });
    children.add(child);
    let output = '';
    child[stream].on('data', (chunk) => {
      output += chunk;
      const match = ready.exec(output);
      if (match) resolve({ child, match });
    });
    child.on('exit', (code) => {
      children.delete(child);
      reject(new Error(`${args.join(' ')} exited with ${code}: ${output}`));
    });
  });
}

export interface SandboxProcess {
  url: string;
  sites: SiteDefinition[];
  child: ChildProcess;
}

export async function startSandboxProcess(siteCount: number): Promise<SandboxProcess> {
  const { child, match } = await startProcess(
    ['--import', 'tsx', SANDBOX_MAIN, String(siteCount)],
    /^(\{.*\})\n/m,
    'stdout',
  );
  const { url, sites } = JSON.parse(match[1]!) as { url: string; sites: SiteDefinition[] };
  return { url, sites, child };
}

/** Temporary folders this process wrote into (configuration files, bundles): removed when it exits. */
const temporaryDirs = new Set<string>();
process.once('exit', () => {
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder whose name starts with `prefix`, removed when this process exits. */
export function temporaryDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporaryDirs.add(dir);
  return dir;
}

/** A YAML file configuring the sites as Jira Cloud instances (the first is the default), all toolsets. */
export function gatewayConfigFile(
  sandboxUrl: string,
  sites: readonly SiteDefinition[],
  extra: Record<string, unknown> = {},
): string {
  const file = join(temporaryDir('gateway-bench-'), 'instances.yaml');
  const instances = sites.map((site, index) => ({
    name: site.id,
    product: 'jira',
    platform: 'cloud',
    default: index === 0,
    url: `${sandboxUrl}/sites/${site.id}`,
    auth: site.credentials,
  }));
  writeFileSync(file, stringify({ toolsets: ['all'], log_level: 'warn', ...extra, instances }));
  return file;
}

export interface GatewayProcess {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to `/readyz` answering 200 (the startup probe done). */
  readyMs: number;
}

/** Node options and working directory for one gateway process (heap snapshots are written to its directory). */
export interface NodeOptions {
  nodeArgs?: string[];
  cwd?: string;
  /** Another build's `dist/main.js`, for measuring two builds in one run. */
  main?: string;
  /** Environment variables besides PATH (e.g. `OTEL_EXPORTER_OTLP_ENDPOINT`). */
  env?: Record<string, string>;
  /** Another Node binary to run it with (another Node release); this process's by default. */
  node?: string;
}

/** Starts `dist/main.js` over HTTP on a free port and waits until `/readyz` says ready. */
export async function startGateway(
  configFile: string,
  extraArgs: string[] = [],
  node: NodeOptions = {},
): Promise<GatewayProcess> {
  const started = performance.now();
  const { child, match } = await startProcess(
    [
      ...PROFILE,
      ...(node.nodeArgs ?? []),
      node.main ?? GATEWAY_MAIN,
      '--config',
      configFile,
      '--port',
      '0',
      '--log-level',
      'info',
      ...extraArgs,
    ],
    /"url":"(http:\/\/[^"]+)"/,
    'stderr',
    node.cwd,
    node.env,
    node.node,
  );
  const url = match[1]!;
  pinAsGateway(child.pid);
  for (;;) {
    const response = await fetch(`${url}/readyz`).catch(() => undefined);
    if (response?.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return { child, url, readyMs: performance.now() - started };
}

/** Resident set size of a process in MiB, from /proc (Linux). */
export function rssMiB(pid: number | undefined | null): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  return kib / 1024;
}

/** Stops one process and waits for it to exit. */
export function stopProcess(child: ChildProcess): Promise<unknown> {
  return new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'));
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map(stopProcess));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
