/** CPU time a process, or one of its threads, has used so far, from /proc (Linux); undefined elsewhere. */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

export interface CpuTimes {
  /** The process's or thread's name (`comm`). */
  name: string;
  userMs: number;
  systemMs: number;
}

/** User and system CPU from a `/proc/<pid>/stat` or `/proc/<pid>/task/<tid>/stat` file. */
export function cpuTimesOf(statFile: string): CpuTimes | undefined {
  try {
    const stat = readFileSync(statFile, 'utf8');
    // The name sits in parentheses and may hold spaces: the fields are what follows its closing one.
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return {
      name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      userMs: (Number(fields[11]) * 1000) / TICKS_PER_SECOND,
      systemMs: (Number(fields[12]) * 1000) / TICKS_PER_SECOND,
    };
  } catch {
    return undefined;
  }
}

/** User plus system CPU of a whole process, in ms. */
export function cpuMsOf(pid: number | undefined): number | undefined {
  const times = pid === undefined ? undefined : cpuTimesOf(`/proc/${pid}/stat`);
  return times && times.userMs + times.systemMs;
}

/** Each thread of a process, by thread id, with its CPU so far. */
export function threadCpuTimes(pid: number): Map<string, CpuTimes> {
  const threads = new Map<string, CpuTimes>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const times = cpuTimesOf(`/proc/${pid}/task/${tid}/stat`);
    if (times) threads.set(tid, times);
  }
  return threads;
}
