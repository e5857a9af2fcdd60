/** Latency and throughput arithmetic for the benchmarks. */

export interface RunStats {
  calls: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** Raw samples of one or more measured runs of the same scenario. */
export interface Samples {
  latenciesMs: number[];
  seconds: number;
}

/** The value at `quantile` (0–1) of `sorted` (ascending): the nearest rank below, as every table here takes it. */
export function quantileOf(sorted: readonly number[], quantile: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? 0;
}

export function summarize(samples: Samples): RunStats {
  const sorted = [...samples.latenciesMs].sort((a, b) => a - b);
  return {
    calls: sorted.length,
    seconds: samples.seconds,
    perSecond: sorted.length / samples.seconds,
    p50: quantileOf(sorted, 0.5),
    p99: quantileOf(sorted, 0.99),
  };
}

/** Runs `task` `total` times with `concurrency` in flight, timing each, and adds the samples to `into`. */
export async function measure(
  total: number,
  concurrency: number,
  task: () => Promise<unknown>,
  into: Samples = { latenciesMs: [], seconds: 0 },
): Promise<Samples> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const begin = performance.now();
        await task();
        into.latenciesMs.push(performance.now() - begin);
      }
    }),
  );
  into.seconds += (performance.now() - started) / 1000;
  return into;
}
