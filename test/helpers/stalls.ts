/**
 * Watches this process's event loop for stalls, and tells a blocked main thread from a busy machine: a tick that
 * comes late because the thread ran something long has spent that time on the CPU, while one that comes late
 * because other processes held the cores has not. So the longest stall is reported with the CPU time the main
 * thread used during it (Linux: `/proc/self/task/<pid>/stat`, the main thread's own utime and stime, in 10 ms
 * clock ticks), and tests bound the CPU, which a loaded machine does not stretch. Where there is no /proc, the
 * stall's wall time stands in for its CPU time (a stricter bound, as loaded machines go).
 */
import { existsSync, readFileSync } from 'node:fs';

const TICK_MS = 10;

const MAIN_THREAD_STAT = `/proc/self/task/${process.pid}/stat`;

/** CPU time the main thread has used, in ms (user + system); wall time where /proc is missing. */
function mainThreadCpuMs(): number {
  if (!existsSync(MAIN_THREAD_STAT)) return performance.now();
  const stat = readFileSync(MAIN_THREAD_STAT, 'utf8');
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export interface Stall {
  /** How late the tick came, in ms of wall time. */
  wallMs: number;
  /** CPU time the main thread used meanwhile, in ms (to 10 ms). */
  cpuMs: number;
}

/** Starts watching; `stop()` returns the stall in which the main thread used the most CPU. */
export function watchStalls(): { stop(): Stall } {
  let worst: Stall = { wallMs: 0, cpuMs: 0 };
  let lastAt = performance.now();
  let lastCpu = mainThreadCpuMs();
  const ticker = setInterval(() => {
    const at = performance.now();
    const cpu = mainThreadCpuMs();
    const stall = { wallMs: Math.max(0, at - lastAt - TICK_MS), cpuMs: cpu - lastCpu };
    if (stall.cpuMs > worst.cpuMs || (stall.cpuMs === worst.cpuMs && stall.wallMs > worst.wallMs)) worst = stall;
    lastAt = at;
    lastCpu = cpu;
  }, TICK_MS);
  return {
    stop() {
      clearInterval(ticker);
      return worst;
    },
  };
}
