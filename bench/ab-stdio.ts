/**
 * `npm run bench:ab -- base/dist/main.js dist/main.js`: the figures issue 20 sets targets for, for two or more
 * builds in interleaved rounds (`AB_ROUNDS`, 4), each round starting with a different build. Per build and round, a
 * fresh stdio session against the fast fake upstream (fake-jira.ts) serving the realistic Cloud issue: start to the
 * first `tools/list`, the first 100 calls (calls/s), 1,000 more, then the gateway's CPU per call over the next
 * `AB_WARM` (1,000) from /proc (user and system), and RSS after the 2,100. Quicker than `BENCH_ONLY=realistic` for
 * trying a change. A build may carry Node options after `|` (`dist/main.js|--max-semi-space-size=1`); `AB_NODE_ARGS`
 * adds options to every build (`--cpu-prof`), `AB_TOOL` and `AB_ARGS` call another tool, `AB_SHOW_FIRST=1` prints the
 * first calls' latencies. A build from before Service Management is marked `#legacy` (`base/dist/main.js#legacy`): its
 * configuration leaves out the `servicedesk` switch it would refuse.
 */
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { cpuMsOf, cpuTimesOf, threadCpuTimes } from './cpu.js';
import { startFakeJira } from './fake-jira.js';
import { REALISTIC } from './fixtures/routes.js';
import { rssMiB, startSandboxProcess, stopAll } from './processes.js';
import { realisticConfigFile } from './realistic.js';
import { measure, summarize } from './stats.js';

const [, , ...rest] = process.argv;
const sysMsOf = (pid: number) => cpuTimesOf(`/proc/${pid}/stat`)!.systemMs;
/** CPU ms so far of each thread of a process, by thread id: the main thread, and the rest (V8's, libuv's). */
function threadCpuMs(pid: number): Map<string, { name: string; ms: number }> {
  const threads = new Map<string, { name: string; ms: number }>();
  for (const [tid, { name: comm, userMs, systemMs }] of threadCpuTimes(pid)) {
    const name =
      tid === String(pid)
        ? 'main'
        : process.env.AB_THREADS === 'each'
          ? `${comm}#${tid}`
          : comm === 'node'
            ? 'other'
            : comm.replace(/[0-9]+$/, '');
    threads.set(tid, { name, ms: userMs + systemMs });
  }
  return threads;
}
const rounds = Number(process.env.AB_ROUNDS ?? 4);
const builds = rest;
const warmCalls = Number(process.env.AB_WARM ?? 1000);
const extraArgs = (process.env.AB_NODE_ARGS ?? '').split(' ').filter(Boolean);

const sandbox = await startSandboxProcess(1);
const fake = await startFakeJira(sandbox.url);
const config = realisticConfigFile(fake.url);
const legacyConfig = realisticConfigFile(fake.url, { withoutServiceDesk: true });
const results = new Map<string, { first: number[]; cpu: number[]; rss: number[]; start: number[] }>();
for (const b of builds) results.set(b, { first: [], cpu: [], rss: [], start: [] });
try {
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < builds.length; i++) {
      const build = builds[(i + r) % builds.length]!;
      const started = performance.now();
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [
          ...extraArgs,
          ...build.split('|').slice(1),
          build.split('|')[0]!.replace(/#legacy$/, ''),
          '--transport',
          'stdio',
          '--config',
          build.split('|')[0]!.endsWith('#legacy') ? legacyConfig : config,
        ],
        env: { PATH: process.env.PATH ?? '' },
        stderr: 'inherit',
      });
      const client = new Client({ name: 'bench', version: '1' }, { versionNegotiation: { mode: 'auto' } });
      await client.connect(transport);
      await client.listTools();
      const start = performance.now() - started;
      const pid = transport.pid!;
      const call = async () => {
        const result = await client.callTool(
          process.env.AB_TOOL
            ? { name: process.env.AB_TOOL, arguments: JSON.parse(process.env.AB_ARGS ?? '{}') }
            : { name: 'jira_get_issue', arguments: { issue_key: REALISTIC.issueKey } },
        );
        if (result.isError) throw new Error(JSON.stringify(result.content).slice(0, 300));
      };
      const firstSamples = await measure(100, 1, call);
      const first = summarize(firstSamples).perSecond;
      if (process.env.AB_SHOW_FIRST)
        process.stdout.write(
          `first calls ms: ${firstSamples.latenciesMs
            .slice(0, 8)
            .map((x) => x.toFixed(1))
            .join(' ')} … sum of 10-100: ${firstSamples.latenciesMs
            .slice(10)
            .reduce((a, b) => a + b, 0)
            .toFixed(0)}\n`,
        );
      await measure(2100 - 100 - 1000, 1, call);
      const before = cpuMsOf(pid)!;
      const sysBefore = sysMsOf(pid);
      const threadsBefore = threadCpuMs(pid);
      await measure(warmCalls, 1, call);
      const cpu = (cpuMsOf(pid)! - before) / warmCalls;
      const sys = (sysMsOf(pid) - sysBefore) / warmCalls;
      if (process.env.AB_THREADS) {
        const after = threadCpuMs(pid);
        const byName = new Map<string, number>();
        for (const [tid, { name, ms }] of after)
          byName.set(name, (byName.get(name) ?? 0) + (ms - (threadsBefore.get(tid)?.ms ?? 0)) / warmCalls);
        process.stdout.write(`  threads: ${[...byName].map(([name, ms]) => `${name} ${ms.toFixed(3)}`).join(', ')}\n`);
      }
      const rss = rssMiB(pid);
      await client.close();
      const entry = results.get(build)!;
      entry.first.push(first);
      entry.cpu.push(cpu);
      entry.rss.push(rss);
      entry.start.push(start);
      process.stdout.write(
        `${build}: start ${start.toFixed(0)} ms, first100 ${first.toFixed(0)}/s, cpu ${cpu.toFixed(3)} ms (sys ${sys.toFixed(3)}), rss ${rss.toFixed(1)}\n`,
      );
    }
  }
} finally {
  await fake.close();
  await stopAll();
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
for (const [build, r] of results)
  process.stdout.write(
    `${build}: median start ${median(r.start).toFixed(0)}, first100 ${median(r.first).toFixed(0)}/s, cpu ${median(r.cpu).toFixed(3)} ms, rss ${median(r.rss).toFixed(1)} MiB\n`,
  );
if (builds.length === 2) {
  const [a, b] = builds.map((x) => results.get(x)!);
  process.stdout.write(
    `ratio second/first: start ${(median(b!.start) / median(a!.start)).toFixed(2)}, first100 ${(median(b!.first) / median(a!.first)).toFixed(2)}, cpu ${(median(b!.cpu) / median(a!.cpu)).toFixed(2)}, rss ${(median(b!.rss) / median(a!.rss)).toFixed(2)}\n`,
  );
}
