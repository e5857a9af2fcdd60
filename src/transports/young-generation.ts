/**
 * A stdio gateway serves one person's desktop client, yet V8 sizes its young generation for throughput: once calls
 * flow, its two semi-spaces grow to 16 MiB each, about a fifth of the process's memory. Node takes
 * `--max-semi-space-size` only on its command line, which a client's server entry rarely passes, so a stdio process
 * holds the growth itself: after each garbage collection it reads the young generation's size, and once that reaches
 * `YOUNG_GENERATION_CAP_BYTES` it sets V8's growth factor to 1, which V8 reads each time it would grow it again.
 * With Node's own option at 4 MiB instead, RSS after 2,100 calls on the realistic Cloud issue was 116 MiB against
 * 139 MiB (docs/benchmarks.md). A `--max-semi-space-size` given to Node is left to decide.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';

/** Both semi-spaces together; V8 doubles them, so they end at this size or twice it. */
export const YOUNG_GENERATION_CAP_BYTES = 4 * 1024 * 1024;

/** Starts watching; returns what stops it (it stops by itself once the cap is set). */
export function holdYoungGeneration(options: { execArgv?: readonly string[]; nodeOptions?: string } = {}): () => void {
  const { execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? '' } = options;
  if ([...execArgv, nodeOptions].some((option) => option.includes('semi-space'))) return () => undefined;
  const observer = new PerformanceObserver(() => {
    if (youngGenerationBytes() < YOUNG_GENERATION_CAP_BYTES) return;
    v8.setFlagsFromString('--semi-space-growth-factor=1');
    observer.disconnect();
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}

function youngGenerationBytes(): number {
  return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
}
