/**
 * `npm run bench:peers` (optional, never in CI or `npm test`): the gateway beside two published Atlassian MCP
 * servers, `mcp-atlassian@2.1.0` and `@aaronsb/jira-cloud-mcp@0.11.3`, installed from npm into a temporary folder
 * (removed afterwards). The same official client drives each over stdio against the same fake upstream serving the
 * realistic Jira Cloud issue (bench/fixtures), in interleaved trials, and the gateway's figures are printed as
 * ratios to each peer's: startup to the first `tools/list`, its size in tokens, the answer's size, gateway CPU per
 * warm call, calls/s over the first 100 calls of a fresh session and once warm, and RSS after 2,100 calls.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { stringify } from 'yaml';
import { textOf } from '../test/helpers/clients.js';
import { cpuMsOf } from './cpu.js';
import { startFakeJira } from './fake-jira.js';
import { REALISTIC } from './fixtures/routes.js';
import { GATEWAY_MAIN, rssMiB, startSandboxProcess, stopAll } from './processes.js';
import { measure, summarize } from './stats.js';

const TRIALS = Number(process.env.BENCH_PEERS_TRIALS ?? 3);
const SESSION_CALLS = 2100;
const WARM_CALLS = 1000;
const PEER_PACKAGES = ['mcp-atlassian@2.1.0', '@aaronsb/jira-cloud-mcp@0.11.3'];
const CREDENTIALS = { email: 'bench@example.com', token: 'bench-token-1' };

interface Server {
  label: string;
  command: string[];
  env: Record<string, string>;
  tool: string;
  args: Record<string, unknown>;
}

function servers(peersDir: string, site: string): Server[] {
  const config = join(peersDir, 'gateway.yaml');
  writeFileSync(
    config,
    stringify({
      log_level: 'warn',
      instances: [
        {
          name: 'cloud',
          product: 'jira',
          platform: 'cloud',
          url: site,
          servicedesk: false,
          auth: { type: 'basic', username: CREDENTIALS.email, token: CREDENTIALS.token },
        },
      ],
    }),
  );
  const modules = join(peersDir, 'node_modules');
  return [
    {
      label: 'gateway',
      command: [GATEWAY_MAIN, '--transport', 'stdio', '--config', config],
      env: {},
      tool: 'jira_get_issue',
      args: { issue_key: REALISTIC.issueKey },
    },
    {
      label: 'mcp-atlassian 2.1.0',
      command: [join(modules, 'mcp-atlassian', 'dist', 'index.js')],
      env: { ATLASSIAN_BASE_URL: site, ATLASSIAN_EMAIL: CREDENTIALS.email, ATLASSIAN_API_TOKEN: CREDENTIALS.token },
      tool: 'read_jira_issue',
      args: { issueKey: REALISTIC.issueKey },
    },
    {
      label: '@aaronsb/jira-cloud-mcp 0.11.3',
      command: [join(modules, '@aaronsb', 'jira-cloud-mcp', 'build', 'index.js')],
      env: { JIRA_HOST: site, JIRA_EMAIL: CREDENTIALS.email, JIRA_API_TOKEN: CREDENTIALS.token },
      tool: 'manage_jira_issue',
      args: { operation: 'get', issueKey: REALISTIC.issueKey },
    },
  ];
}

interface Trial {
  startupMs: number;
  listTokens: number;
  answerTokens: number;
  first100PerSecond: number;
  warmPerSecond: number;
  warmCpuMs: number;
  rssMiB: number;
}

async function trial(server: Server): Promise<Trial> {
  const started = performance.now();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: server.command,
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...server.env },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bench', version: '1' }, { versionNegotiation: { mode: 'auto' } });
  await client.connect(transport);
  const list = await client.listTools();
  const startupMs = performance.now() - started;
  const pid = transport.pid!;
  let answer = '';
  const call = async () => {
    const result = await client.callTool({ name: server.tool, arguments: server.args });
    answer = textOf(result);
    if (result.isError || !answer.includes('Refunds stay pending'))
      throw new Error(`${server.label}: ${server.tool} did not answer with the issue: ${answer.slice(0, 300)}`);
  };
  const first100PerSecond = summarize(await measure(100, 1, call)).perSecond;
  await measure(SESSION_CALLS - 100 - WARM_CALLS, 1, call);
  const before = cpuMsOf(pid)!;
  const warm = summarize(await measure(WARM_CALLS, 1, call));
  const warmCpuMs = (cpuMsOf(pid)! - before) / WARM_CALLS;
  const rss = rssMiB(pid);
  await client.close();
  return {
    startupMs,
    listTokens: encode(JSON.stringify(list)).length,
    answerTokens: encode(answer).length,
    first100PerSecond,
    warmPerSecond: warm.perSecond,
    warmCpuMs,
    rssMiB: rss,
  };
}

/** Installs the published servers with npm into `dir`; their own install scripts are not run. */
function installPeers(dir: string): void {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'gateway-bench-peers', private: true }));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const installed = spawnSync(
    npm,
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...PEER_PACKAGES],
    { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (installed.status !== 0) throw new Error(`npm install ${PEER_PACKAGES.join(' ')} failed`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const FIGURES: Array<{ label: string; pick: (trial: Trial) => number; digits: number; lowerIsBetter: boolean }> = [
  { label: 'start to the first tools/list, ms', pick: (t) => t.startupMs, digits: 0, lowerIsBetter: true },
  { label: 'tools/list tokens', pick: (t) => t.listTokens, digits: 0, lowerIsBetter: true },
  { label: 'answer tokens (the issue)', pick: (t) => t.answerTokens, digits: 0, lowerIsBetter: true },
  { label: 'server CPU per warm call, ms', pick: (t) => t.warmCpuMs, digits: 2, lowerIsBetter: true },
  { label: 'calls/s, first 100 calls of a session', pick: (t) => t.first100PerSecond, digits: 0, lowerIsBetter: false },
  { label: 'calls/s, warm', pick: (t) => t.warmPerSecond, digits: 0, lowerIsBetter: false },
  {
    label: `RSS after ${SESSION_CALLS.toLocaleString('en')} calls, MiB`,
    pick: (t) => t.rssMiB,
    digits: 1,
    lowerIsBetter: true,
  },
];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-peers-'));
  const sandbox = await startSandboxProcess(1);
  const fake = await startFakeJira(sandbox.url);
  try {
    installPeers(dir);
    const all = servers(dir, `${fake.url}/sites/${sandbox.sites[0]!.id}`);
    const results = new Map<string, Trial[]>(all.map((server) => [server.label, []]));
    for (let round = 0; round < TRIALS; round++) {
      for (const server of all.map((_, index) => all[(index + round) % all.length]!)) {
        results.get(server.label)!.push(await trial(server));
      }
    }
    const gateway = results.get('gateway')!;
    const peers = all.slice(1);
    const lines = [
      `Date: ${new Date().toISOString().slice(0, 10)} · Node ${process.version} · ${TRIALS} interleaved trials, medians; one stdio session per trial, the realistic Jira Cloud issue (${REALISTIC.issueKey}) from the fake upstream.`,
      '',
      `| figure | ${all.map((server) => server.label).join(' | ')} | ${peers.map((peer) => `gateway ÷ ${peer.label}`).join(' | ')} |`,
      `| --- | ${all.map(() => '---').join(' | ')} | ${peers.map(() => '---').join(' | ')} |`,
      ...FIGURES.map((figure) => {
        const values = all.map((server) => median(results.get(server.label)!.map(figure.pick)));
        const ours = median(gateway.map(figure.pick));
        return `| ${figure.label} | ${values.map((value) => value.toFixed(figure.digits)).join(' | ')} | ${values
          .slice(1)
          .map((value) => (ours / value).toFixed(2))
          .join(' | ')} |`;
      }),
      '',
      'Ratios are gateway ÷ peer: below 1 is better for times, tokens, CPU and memory; above 1 is better for calls/s.',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await fake.close();
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
