/**
 * Work worth doing ahead of need, done while the process has nothing else to do. A client usually lists the tools
 * and then waits for its user, which is the time to load what calls will need; one that calls at once would
 * otherwise find its first calls queued behind loading code they do not use. Idle means the event loop was busy
 * for under `IDLE_UTILIZATION` of the last `IDLE_CHECK_MS` (Node's event-loop utilization), checked on an unref'd
 * timer that never holds the process open.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** How often the loop's utilization is sampled while work waits. */
export const IDLE_CHECK_MS = 25;
/** Below this share of busy time over one check, the process counts as idle. */
export const IDLE_UTILIZATION = 0.1;

const waiting: Array<() => void> = [];
let timer: NodeJS.Timeout | undefined;
let since: EventLoopUtilization | undefined;

/** Runs `work` once the process is idle (the next check at the soonest). */
export function whenIdle(work: () => void): void {
  waiting.push(work);
  if (timer) return;
  since = performance.eventLoopUtilization();
  timer = setInterval(check, IDLE_CHECK_MS).unref();
}

function check(): void {
  const now = performance.eventLoopUtilization();
  const busy = performance.eventLoopUtilization(now, since).utilization;
  since = now;
  if (busy >= IDLE_UTILIZATION) return;
  clearInterval(timer);
  timer = undefined;
  for (const work of waiting.splice(0)) work();
}
