/** CPU time a process, one of its threads, or the whole machine has used so far, from /proc (Linux); else undefined. */
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

/** The whole machine's CPU time so far, every CPU together: in all, and what the hypervisor ran others in instead. */
export interface MachineCpu {
  totalMs: number;
  /** `steal`: time a virtual CPU wanted to run and the host ran something else (another guest) instead. */
  stolenMs: number;
}

/** The `cpu` line of a `/proc/stat` text; undefined when there is none. */
export function machineCpuOf(procStat: string): MachineCpu | undefined {
  const line = /^cpu +(.*)$/m.exec(procStat)?.[1];
  if (!line) return undefined;
  // user nice system idle iowait irq softirq steal (guest time is inside user already, so it is left out).
  const ticks = line.split(/ +/).slice(0, 8).map(Number);
  const toMs = (value: number) => (value * 1000) / TICKS_PER_SECOND;
  return { totalMs: toMs(ticks.reduce((sum, value) => sum + value, 0)), stolenMs: toMs(ticks[7] ?? 0) };
}

/** The machine's CPU time so far (Linux); undefined elsewhere. */
export function machineCpu(): MachineCpu | undefined {
  try {
    return machineCpuOf(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
}

/** The share of the machine's CPU time between two readings that the host took, in percent. */
export function stolenPercent(before: MachineCpu | undefined, after: MachineCpu | undefined): number | undefined {
  if (!before || !after || after.totalMs <= before.totalMs) return undefined;
  return (100 * (after.stolenMs - before.stolenMs)) / (after.totalMs - before.totalMs);
}
