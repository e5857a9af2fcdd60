/**
 * Warms a scenario until its cost per call settles, before it is measured. A fresh gateway runs its first few
 * thousand calls largely in V8's interpreter and baseline tiers: on the 2-core machine, a 1-instance gateway spent
 * about 2.2 ms of CPU per call over its first 2,000 stateless calls and 1.1 ms from about 6,000 on. A server's
 * throughput is what it does once warm, so scenarios are measured from there, and how long the warm-up took (and
 * what the cold calls cost) is reported next to the result.
 */
import { cpuMsOf } from './cpu.js';
import { measure } from './stats.js';

const BATCH = Number(process.env.BENCH_WARMUP_BATCH ?? 1000);
const MAX_BATCHES = Number(process.env.BENCH_WARMUP_MAX_BATCHES ?? 20);
/**
 * Settled: the last three batches within 5% of each other. Two were not enough: a gateway can pause on an
 * intermediate tier (1.9 ms per call for two batches, then 1.3).
 */
const SETTLED_BATCHES = 3;
const TOLERANCE = 0.05;

export interface WarmUp {
  calls: number;
  /** Cost per call of the first and the last batch: the gateway's CPU ms when it has a process, else wall ms. */
  firstMs: number;
  lastMs: number;
  settled: boolean;
}

export async function warmUp(task: () => Promise<unknown>, concurrency: number, pid?: number): Promise<WarmUp> {
  const clock = () => (pid === undefined ? performance.now() : (cpuMsOf(pid) ?? performance.now()));
  const costs: number[] = [];
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const before = clock();
    await measure(BATCH, concurrency, task);
    costs.push((clock() - before) / BATCH);
    const recent = costs.slice(-SETTLED_BATCHES);
    if (recent.length === SETTLED_BATCHES && Math.max(...recent) <= (1 + TOLERANCE) * Math.min(...recent)) {
      return { calls: costs.length * BATCH, firstMs: costs[0]!, lastMs: costs.at(-1)!, settled: true };
    }
  }
  return { calls: costs.length * BATCH, firstMs: costs[0]!, lastMs: costs.at(-1)!, settled: false };
}

export const describeWarmUp = ({ calls, firstMs, lastMs, settled }: WarmUp) =>
  `${calls.toLocaleString('en')}${settled ? '' : ' (not settled)'}: ${firstMs.toFixed(2)} → ${lastMs.toFixed(2)}`;
