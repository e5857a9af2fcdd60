/**
 * The realistic payloads of bench/fixtures over stdio and streamable HTTP: a 22 KB Jira Cloud issue (ADF), the
 * same issue from Server/DC (wiki markup), a 50 KB Confluence page and a 50-result search, served by the fast
 * fake upstream (fake-jira.ts). Per build: start to the first `tools/list` and its size in tokens, the first 100
 * calls of a fresh stdio session, warm gateway CPU per call, RSS after 2,100 calls, and a CPU profile of the warm
 * calls by phase (cpu-profile.ts). `BENCH_BASELINE=/path/to/dist/main.js` measures a second build in the same
 * run, interleaved, and prints this build ÷ that one.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { stringify } from 'yaml';
import { phasesOfProfile, PHASES, profileSpans, type Phase } from './cpu-profile.js';
import { cpuMsOf } from './cpu.js';
import { startFakeJira } from './fake-jira.js';
import { REALISTIC } from './fixtures/routes.js';
import { GATEWAY_MAIN, rssMiB, startGateway, stopProcess, temporaryDir, type SandboxProcess } from './processes.js';
import { recordToolCall, replayer } from './replay.js';
import { measure, summarize } from './stats.js';

const TRIALS = Number(process.env.BENCH_REALISTIC_TRIALS ?? 3);
const HTTP_CALLS = Number(process.env.BENCH_REALISTIC_HTTP_CALLS ?? 2000);
/** Calls a stdio session makes in all before its RSS is read: the figure the published comparison uses. */
const SESSION_CALLS = 2100;
/** Of those, the last ones are the warm calls whose gateway CPU is measured. */
const WARM_CALLS = 1000;

/** The calls measured: one per payload. */
export const WORKLOADS = [
  {
    key: 'cloud',
    label: 'Jira Cloud issue, 22 KB, ADF',
    name: 'jira_get_issue',
    args: { issue_key: REALISTIC.issueKey },
  },
  {
    key: 'dc',
    label: 'Jira Server/DC issue, 22 KB, wiki markup',
    name: 'jira_dc_get_issue',
    args: { issue_key: REALISTIC.issueKey },
  },
  {
    key: 'page',
    label: 'Confluence page, 50 KB storage',
    name: 'confluence_get_page',
    args: { page_id: REALISTIC.pageId },
  },
  { key: 'search', label: 'Jira search, 50 results', name: 'jira_search', args: { jql: REALISTIC.jql, limit: 50 } },
] as const;

type WorkloadKey = (typeof WORKLOADS)[number]['key'];

/** Jira Cloud (the default), Jira Server/DC and Confluence Cloud, all at the fake upstream; default toolsets. */
/**
 * @param options.withoutServiceDesk leave out the `servicedesk` switch, for builds from before Service Management
 *   (they refuse keys they do not know; they have no Service Management tools to switch off).
 */
export function realisticConfigFile(upstream: string, options: { withoutServiceDesk?: boolean } = {}): string {
  const file = join(temporaryDir('gateway-realistic-'), 'instances.yaml');
  const basic = { type: 'basic', username: 'bench@example.com', token: 'bench-token' };
  const serviceDesk = options.withoutServiceDesk ? {} : { servicedesk: false };
  writeFileSync(
    file,
    stringify({
      log_level: 'warn',
      instances: [
        {
          name: 'cloud',
          product: 'jira',
          platform: 'cloud',
          default: true,
          url: `${upstream}/cloud`,
          auth: basic,
          ...serviceDesk,
        },
        {
          name: 'dc',
          product: 'jira',
          platform: 'server',
          url: `${upstream}/dc`,
          auth: { type: 'pat', token: 'bench-pat' },
          ...serviceDesk,
        },
        {
          name: 'wiki',
          product: 'confluence',
          platform: 'cloud',
          default: true,
          url: `${upstream}/site/wiki`,
          auth: basic,
        },
      ],
    }),
  );
  return file;
}

interface Build {
  label: string;
  main: string;
}

interface StdioTrial {
  startupMs: number;
  listTokens: number;
  first100PerSecond: number;
  rssAfterSession: number;
  /** Gateway CPU ms per warm call, per workload. */
  warmCpu: Record<WorkloadKey, number>;
  profile?: { file: string; fromUs: number; toUs: number; calls: number };
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** One fresh stdio session of `build`: the figures above, the cloud issue's 2,100 calls first. */
async function stdioTrial(build: Build, configFile: string, profileDir?: string): Promise<StdioTrial> {
  const started = performance.now();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [
      ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
      build.main,
      '--transport',
      'stdio',
      '--config',
      configFile,
    ],
    env: { PATH: process.env.PATH ?? '' },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench', version: '1' }, { versionNegotiation: { mode: 'auto' } });
  await client.connect(transport);
  const list = await client.listTools();
  const startupMs = performance.now() - started;
  const listTokens = encode(JSON.stringify(list)).length;
  const pid = transport.pid!;
  const callOf = (workload: (typeof WORKLOADS)[number]) => async () => {
    const result = await client.callTool({ name: workload.name, arguments: workload.args });
    if (result.isError) throw new Error(`${workload.name} failed: ${JSON.stringify(result.content).slice(0, 300)}`);
  };
  const cloud = callOf(WORKLOADS[0]);
  const first100PerSecond = summarize(await measure(100, 1, cloud)).perSecond;
  await measure(SESSION_CALLS - 100 - WARM_CALLS, 1, cloud);
  const cpuBefore = cpuMsOf(pid)!;
  const fromUs = nowUs();
  await measure(WARM_CALLS, 1, cloud);
  const toUs = nowUs();
  const warmCpu = { cloud: (cpuMsOf(pid)! - cpuBefore) / WARM_CALLS } as Record<WorkloadKey, number>;
  const rssAfterSession = rssMiB(pid);
  for (const workload of WORKLOADS.slice(1)) {
    const call = callOf(workload);
    await measure(500, 1, call);
    const before = cpuMsOf(pid)!;
    await measure(500, 1, call);
    warmCpu[workload.key] = (cpuMsOf(pid)! - before) / 500;
  }
  await client.close();
  await waitForExit(pid);
  // The client may start more than one process for a session (the first one answering the version probe):
  // the profile is the one that spans the measured calls.
  const profile = profileDir
    ? readdirSync(profileDir)
        .filter((name) => name.endsWith('.cpuprofile'))
        .find((name) => profileSpans(join(profileDir, name), fromUs, toUs))
    : undefined;
  return {
    startupMs,
    listTokens,
    first100PerSecond,
    rssAfterSession,
    warmCpu,
    ...(profile ? { profile: { file: join(profileDir!, profile), fromUs, toUs, calls: WARM_CALLS } } : {}),
  };
}

async function waitForExit(pid: number): Promise<void> {
  for (let waited = 0; waited < 5000; waited += 20) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Streamable HTTP (stateless, 2026-07-28): each workload's recorded call replayed, 8 in flight, after a warm-up. */
async function httpTrial(build: Build, configFile: string) {
  const gateway = await startGateway(configFile, [], { main: build.main });
  try {
    const results = {} as Record<WorkloadKey, { cpu: number; perSecond: number }>;
    for (const workload of WORKLOADS) {
      const task = replayer(await recordToolCall(`${gateway.url}/mcp`, 'auto', workload.name, workload.args));
      await measure(HTTP_CALLS, 8, task);
      const before = cpuMsOf(gateway.child.pid)!;
      const stats = summarize(await measure(HTTP_CALLS, 8, task));
      results[workload.key] = { cpu: (cpuMsOf(gateway.child.pid)! - before) / HTTP_CALLS, perSecond: stats.perSecond };
    }
    return results;
  } finally {
    await stopProcess(gateway.child);
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const range = (values: number[], digits: number) =>
  `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;

export async function realisticSection(sandbox: SandboxProcess): Promise<string[]> {
  const builds: Build[] = [{ label: 'this build', main: GATEWAY_MAIN }];
  if (process.env.BENCH_BASELINE) builds.push({ label: 'baseline', main: process.env.BENCH_BASELINE });
  const fake = await startFakeJira(sandbox.url);
  const configFile = realisticConfigFile(fake.url);
  const profileRoot = mkdtempSync(join(tmpdir(), 'gateway-profile-'));
  try {
    const stdio = new Map<string, StdioTrial[]>(builds.map((build) => [build.label, []]));
    const http = new Map<string, Array<Awaited<ReturnType<typeof httpTrial>>>>(
      builds.map((build) => [build.label, []]),
    );
    // Interleaved: each trial runs every build, starting with a different one each time.
    for (let trial = 0; trial < TRIALS; trial++) {
      for (const build of builds.map((_, index) => builds[(index + trial) % builds.length]!)) {
        const profileDir = trial === TRIALS - 1 ? mkdtempSync(join(profileRoot, 'p-')) : undefined;
        stdio.get(build.label)!.push(await stdioTrial(build, configFile, profileDir));
        http.get(build.label)!.push(await httpTrial(build, configFile));
      }
    }
    return report(builds, stdio, http);
  } finally {
    await fake.close();
    rmSync(profileRoot, { recursive: true, force: true });
  }
}

function report(
  builds: Build[],
  stdio: Map<string, StdioTrial[]>,
  http: Map<string, Array<Record<WorkloadKey, { cpu: number; perSecond: number }>>>,
): string[] {
  const lines: string[] = [
    `Payloads from bench/fixtures, served from memory by the fake upstream; one gateway with a Jira Cloud, a Jira Server/DC and a Confluence Cloud instance (default toolsets). ${TRIALS} trials per build, interleaved; median (lowest–highest).`,
    '',
  ];
  for (const build of builds) {
    const trials = stdio.get(build.label)!;
    const served = http.get(build.label)!;
    lines.push(
      `**${build.label}** (${build.main})`,
      '',
      '| measure | stdio | streamable HTTP, 8 in flight |',
      '| --- | --- | --- |',
      `| start to the first tools/list answer, ms | ${range(
        trials.map((trial) => trial.startupMs),
        0,
      )} | |`,
      `| tools/list tokens (o200k) | ${trials[0]!.listTokens} | |`,
      `| first 100 calls of a fresh session (Cloud issue), calls/s | ${range(
        trials.map((trial) => trial.first100PerSecond),
        0,
      )} | |`,
      `| RSS after ${SESSION_CALLS.toLocaleString('en')} calls (Cloud issue), MiB | ${range(
        trials.map((trial) => trial.rssAfterSession),
        1,
      )} | |`,
      ...WORKLOADS.map(
        (workload) =>
          `| gateway CPU per warm call, ms: ${workload.label} | ${range(
            trials.map((trial) => trial.warmCpu[workload.key]),
            2,
          )} | ${range(
            served.map((one) => one[workload.key].cpu),
            2,
          )} |`,
      ),
      ...WORKLOADS.map(
        (workload) =>
          `| calls/s, warm: ${workload.label} | | ${range(
            served.map((one) => one[workload.key].perSecond),
            0,
          )} |`,
      ),
      '',
    );
    const profiled = trials.find((trial) => trial.profile)?.profile;
    if (profiled) lines.push(...phaseTable(profiled), '');
  }
  if (builds.length === 2) lines.push(...ratios(builds, stdio, http));
  return lines;
}

function phaseTable(profile: NonNullable<StdioTrial['profile']>): string[] {
  const report = phasesOfProfile(profile.file, { fromUs: profile.fromUs, toUs: profile.toUs });
  const perCall = (ms: number) => ((1000 * ms) / profile.calls).toFixed(0);
  return [
    `Gateway CPU by phase over the ${profile.calls.toLocaleString('en')} warm stdio calls of the Cloud issue (self time from \`--cpu-prof\`, µs per call):`,
    '',
    '| phase | µs per call | share |',
    '| --- | --- | --- |',
    ...PHASES.map(
      (phase: Phase) =>
        `| ${phase} | ${perCall(report.phases.get(phase)!)} | ${((100 * report.phases.get(phase)!) / report.totalMs).toFixed(0)} % |`,
    ),
    `| in all | ${perCall(report.totalMs)} | |`,
    '',
    `Largest "other": ${report.otherSources.map(([source, ms]) => `${source} ${perCall(ms)} µs`).join(', ')}.`,
  ];
}

function ratios(
  builds: Build[],
  stdio: Map<string, StdioTrial[]>,
  http: Map<string, Array<Record<WorkloadKey, { cpu: number; perSecond: number }>>>,
): string[] {
  const [current, baseline] = builds.map((build) => ({ stdio: stdio.get(build.label)!, http: http.get(build.label)! }));
  const q = (pick: (trials: StdioTrial[]) => number[]) => median(pick(current!.stdio)) / median(pick(baseline!.stdio));
  const h = (key: WorkloadKey, field: 'cpu' | 'perSecond') =>
    median(current!.http.map((one) => one[key][field])) / median(baseline!.http.map((one) => one[key][field]));
  return [
    `This build ÷ baseline (medians), measured in this run:`,
    '',
    '| figure | ratio | target |',
    '| --- | --- | --- |',
    `| stdio: gateway CPU per warm call, Cloud issue | ${q((t) => t.map((x) => x.warmCpu.cloud)).toFixed(2)} | ≤ 0.5 |`,
    `| stdio: first 100 calls of a fresh session, calls/s | ${q((t) => t.map((x) => x.first100PerSecond)).toFixed(2)} | ≥ 1.5 |`,
    `| stdio: RSS after ${SESSION_CALLS.toLocaleString('en')} calls | ${q((t) => t.map((x) => x.rssAfterSession)).toFixed(2)} | (≤ 120 MiB) |`,
    `| stdio: start to first tools/list | ${q((t) => t.map((x) => x.startupMs)).toFixed(2)} | ≤ 1 (no worse) |`,
    `| tools/list tokens | ${q((t) => t.map((x) => x.listTokens)).toFixed(2)} | ≤ 1 |`,
    ...WORKLOADS.slice(1).map(
      (workload) =>
        `| stdio: gateway CPU per warm call, ${workload.label} | ${q((t) => t.map((x) => x.warmCpu[workload.key])).toFixed(2)} | |`,
    ),
    ...WORKLOADS.map(
      (workload) => `| HTTP: gateway CPU per warm call, ${workload.label} | ${h(workload.key, 'cpu').toFixed(2)} | |`,
    ),
    ...WORKLOADS.map(
      (workload) => `| HTTP: calls/s, ${workload.label} | ${h(workload.key, 'perSecond').toFixed(2)} | |`,
    ),
  ];
}
