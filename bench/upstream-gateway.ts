/**
 * The pieces the upstream benchmarks share: the fake upstream's process (upstream-process.ts) and how to ask it what
 * it did, a gateway process in front of it with one instance, and a replayer of a recorded tool call that says
 * whether each call succeeded (remembering a few failed answers to explain a failure count).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import got from 'got';
import { parse, stringify } from 'yaml';
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';
import { gatewayConfigFile, startGateway, startProcess, stopProcess, type NodeOptions } from './processes.js';
import type { RecordedCall } from './replay.js';

const UPSTREAM_MAIN = fileURLToPath(new URL('./upstream-process.ts', import.meta.url));

/** The fake upstream's process (upstream-process.ts): its URL, what it answered and refused, and its holds. */
export interface FakeUpstream {
  url: string;
  counts(): Promise<{ refused: number; answered: number }>;
  reset(): Promise<unknown>;
  /** Tag → how long the upstream held each request carrying it, ms (held-time.ts); forgets them once read. */
  held(): Promise<Map<number, number[]>>;
  close(): Promise<unknown>;
}

export async function startFakeUpstream(sandboxUrl: string, delayMs: number, perSecond = 0): Promise<FakeUpstream> {
  const { child, match } = await startProcess(
    ['--import', 'tsx', UPSTREAM_MAIN, sandboxUrl, String(delayMs), String(perSecond)],
    /^(\{.*\})\n/m,
    'stdout',
  );
  const { url } = JSON.parse(match[1]!) as { url: string };
  return {
    url,
    counts: () => got(`${url}/__counts`).json<{ refused: number; answered: number }>(),
    reset: () => got.post(`${url}/__reset`),
    held: async () => {
      const holds = new Map<number, number[]>();
      for (const [tag, ms] of await got(`${url}/__held`).json<Array<[number, number]>>()) {
        holds.set(tag, [...(holds.get(tag) ?? []), ms]);
      }
      return holds;
    },
    close: () => stopProcess(child),
  };
}

/**
 * A gateway process with one instance (`site`) whose requests go to `upstreamUrl`; `settings` go into the instance,
 * `top` into the configuration (`state.redis_url`), `node` says how Node runs it.
 */
export async function gatewayFor(
  upstreamUrl: string,
  site: SiteDefinition,
  settings: Record<string, unknown>,
  top: Record<string, unknown> = {},
  node: NodeOptions = {},
) {
  const file = gatewayConfigFile(upstreamUrl, [site], top);
  // gatewayConfigFile writes plain instances; the settings under test are merged into the one instance.
  const config = parse(readFileSync(file, 'utf8')) as { instances: Array<Record<string, unknown>> };
  config.instances[0] = { ...config.instances[0], ...settings };
  writeFileSync(file, stringify(config));
  return startGateway(file, [], node);
}

/**
 * `callers` callers, caller `index` calling `callOf(index)` again as soon as it answers, for `seconds`: how many
 * calls were made, how many failed, and how long it took.
 */
export async function callForSeconds(
  callers: number,
  seconds: number,
  callOf: (index: number) => () => Promise<boolean>,
): Promise<{ calls: number; failed: number; seconds: number }> {
  let calls = 0;
  let failed = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async (_, index) => {
      const call = callOf(index);
      while (performance.now() < until) {
        calls++;
        if (!(await call())) failed++;
      }
    }),
  );
  return { calls, failed, seconds: (performance.now() - started) / 1000 };
}

/** The first few distinct failed answers, written to stderr at the end so a failure count can be explained. */
const failures = new Set<string>();

/**
 * Replays a recorded call and says whether it came back as a successful result; `args` replace some of the recorded
 * call's arguments (a tagged issue key, held-time.ts).
 */
export function outcomeReplayer(call: RecordedCall): (args?: Record<string, unknown>) => Promise<boolean> {
  const client = got.extend({ headers: call.headers, retry: { limit: 0 }, timeout: { request: 120_000 } });
  const params = (call.body.params ?? {}) as { arguments?: Record<string, unknown> };
  let id = 1_000;
  return async (args) => {
    const body = args
      ? { ...call.body, id: ++id, params: { ...params, arguments: { ...params.arguments, ...args } } }
      : { ...call.body, id: ++id };
    const text = (await client.post(call.url, { body: JSON.stringify(body) })).body;
    const json = text.startsWith('{') ? text : (/^data: (.*)$/m.exec(text)?.[1] ?? '');
    const ok = json.includes('"result"') && !json.includes('"isError":true');
    if (!ok && failures.size < 5) failures.add(json.slice(0, 400));
    return ok;
  };
}

/** Writes the failed answers noted so far to stderr, and forgets them. */
export function reportFailures(): void {
  for (const failure of failures) process.stderr.write(`failed call: ${failure}\n`);
  failures.clear();
}
