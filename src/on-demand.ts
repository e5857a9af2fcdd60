/**
 * Code loaded on first use rather than at startup (got, the text-format libraries): nothing a stdio client's first
 * `tools/list` does not need should delay its answer. `load()` loads at once; `preload()` loads once the process is
 * idle, so what a call needs now never queues behind what later calls may need. `loaded` stays undefined until the
 * load has finished.
 *
 * Idle: a client usually lists the tools and then waits for its user, which is the time to load what calls will
 * need; one that calls at once would otherwise find its first calls queued behind loading code they do not use.
 * The event loop counts as idle when it was busy for under `IDLE_UTILIZATION` of the last `IDLE_CHECK_MS` (Node's
 * event-loop utilization), checked on an unref'd timer that never holds the process open.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** How often the loop's utilization is sampled while a preload waits. */
export const IDLE_CHECK_MS = 25;
/** Below this share of busy time over one check, the process counts as idle. */
export const IDLE_UTILIZATION = 0.1;

export interface OnDemand<T> {
  load(): Promise<T>;
  preload(): void;
  readonly loaded: T | undefined;
}

export function onDemand<T>(importer: () => Promise<T>): OnDemand<T> {
  let loading: Promise<T> | undefined;
  let loaded: T | undefined;
  let preloading = false;
  const load = (): Promise<T> => (loading ??= importer().then((value) => (loaded = value)));
  return {
    load,
    preload: () => {
      if (loading || preloading) return;
      preloading = true;
      whenIdle(() => void load());
    },
    get loaded() {
      return loaded;
    },
  };
}

const waiting: Array<() => void> = [];
let timer: NodeJS.Timeout | undefined;
let since: EventLoopUtilization | undefined;

/** Runs `work` once the process is idle (at the next check, at the soonest). */
function whenIdle(work: () => void): void {
  waiting.push(work);
  if (timer) return;
  since = performance.eventLoopUtilization();
  timer = setInterval(checkIdle, IDLE_CHECK_MS).unref();
}

function checkIdle(): void {
  const now = performance.eventLoopUtilization();
  const busy = performance.eventLoopUtilization(now, since).utilization;
  since = now;
  if (busy >= IDLE_UTILIZATION) return;
  clearInterval(timer);
  timer = undefined;
  for (const work of waiting.splice(0)) work();
}
