/**
 * `npm run bench`: every benchmark against the sandbox on loopback, printed as markdown for docs/benchmarks.md.
 * The sandbox and each gateway run in their own processes; this process is the load generator.
 * `BENCH_ONLY=realistic,throughput,startup,sessions,stdio,soak,upstream,telemetry,redis,collections` picks sections; see each section for its knobs.
 */
import { cpus, totalmem } from 'node:os';
import { collectionsSection } from './collections.js';
import { startSandboxProcess, stopAll } from './processes.js';
import { realisticSection } from './realistic.js';
import { sessionsSection, soakSection, startupSection, stdioSection } from './resources.js';
import { sharedStateSection } from './shared-state.js';
import { telemetrySection } from './telemetry.js';
import { throughputSection } from './throughput.js';
import { upstreamSection } from './upstream-replicas.js';

const SECTIONS = {
  realistic: ['Realistic payloads', realisticSection],
  throughput: ['Throughput and latency', throughputSection],
  startup: ['Startup and idle memory', startupSection],
  sessions: ['Memory per session', sessionsSection],
  stdio: ['stdio', stdioSection],
  soak: ['Soak', soakSection],
  upstream: ['Slow and rate-limiting upstream', upstreamSection],
  telemetry: ['Metrics and tracing on vs off', telemetrySection],
  redis: ['Sessions in Redis vs in memory', sharedStateSection],
  collections: ["What outlives the young generation: a bare Node server vs the SDK's dispatch", collectionsSection],
} as const;

// The official client's 2025-era HTTP transport hands one session-long AbortSignal to every fetch, and undici
// drops each request's listener on it only when that request is garbage-collected: thousands of calls on one
// session trip Node's listener-count warning here, in the load generator. It says nothing about the gateway.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'MaxListenersExceededWarning') process.stderr.write(`${warning.name}: ${warning.message}\n`);
});

const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());

async function main(): Promise<void> {
  const sandbox = await startSandboxProcess(50);
  try {
    process.stdout.write(
      `Date: ${new Date().toISOString().slice(0, 10)} · Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`,
    );
    for (const [key, [title, section]] of Object.entries(SECTIONS)) {
      if (only && !only.includes(key)) continue;
      const lines = await section(sandbox);
      process.stdout.write(`\n### ${title}\n\n${lines.join('\n')}\n`);
    }
  } finally {
    await stopAll();
  }
}

await main();
