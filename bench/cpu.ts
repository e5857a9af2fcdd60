/** CPU time a process has used so far, from /proc (Linux); undefined elsewhere. */
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

export function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
