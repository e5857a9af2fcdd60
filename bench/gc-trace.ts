/**
 * Reads V8's garbage-collection trace of a gateway process (`--trace-gc --trace-gc-nvp`, one line per collection on
 * the process's stdout, which an HTTP gateway leaves otherwise empty) and sums what a stretch of it did. Allocation
 * does not depend on the machine's load; the bytes a scavenge copies grow with the calls in flight (so with their
 * latency), and pause times are wall time, stretched by a busy machine.
 */
import type { ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

/** Node options that make a process print the trace this module reads. */
export const GC_TRACE_ARGS = ['--trace-gc', '--trace-gc-nvp'];

export interface GcSummary {
  scavenges: number;
  /** Bytes each scavenge copied on average: survivors kept in the young generation plus those promoted. */
  copiedPerScavenge: number;
  /**
   * Bytes each scavenge promoted to the old generation on average: what survived the scavenge before too. What is
   * promoted stays until the next mark-compact, and every scavenge copies it once more before promoting it.
   */
  promotedPerScavenge: number;
  scavengePauseP50Ms: number;
  scavengePauseMaxMs: number;
  /** All pauses together (scavenges and the final pauses of mark-compacts), ms. */
  pauseTotalMs: number;
  markCompacts: number;
  markCompactPauseMaxMs: number;
  /** Bytes allocated in the young generation (between scavenges, as V8 reports it). */
  allocated: number;
}

/** `BENCH_GC_RAW=dir` keeps each watched process's trace there as `<pid>.gc`, with the phases of every scavenge. */
const RAW_DIR = process.env.BENCH_GC_RAW || undefined;

/** Collects the trace lines `child` prints; `mark()` starts a stretch and `summary()` sums it. */
export function watchGc(child: ChildProcess) {
  let text = '';
  const rawFile = RAW_DIR && join(RAW_DIR, `${child.pid}.gc`);
  child.stdout?.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    if (rawFile) appendFileSync(rawFile, chunk);
  });
  let from = 0;
  return {
    mark: () => void (from = text.length),
    summary: (): GcSummary => summarizeGc(text.slice(from)),
  };
}

export function summarizeGc(trace: string): GcSummary {
  const scavenges: Array<{ pause: number; copied: number; promoted: number; allocated: number }> = [];
  const markCompacts: number[] = [];
  for (const line of trace.split('\n')) {
    const pause = field(line, 'pause');
    if (pause === undefined) continue;
    if (line.includes(' gc=s ')) {
      const promoted = field(line, 'promoted') ?? 0;
      scavenges.push({
        pause,
        copied: promoted + (field(line, 'new_space_survived') ?? 0),
        promoted,
        allocated: field(line, 'allocated') ?? 0,
      });
    } else if (line.includes(' gc=mc ')) markCompacts.push(pause);
  }
  const pauses = scavenges.map((scavenge) => scavenge.pause).sort((a, b) => a - b);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const perScavenge = (values: number[]) => (scavenges.length ? sum(values) / scavenges.length : 0);
  return {
    scavenges: scavenges.length,
    copiedPerScavenge: perScavenge(scavenges.map((s) => s.copied)),
    promotedPerScavenge: perScavenge(scavenges.map((s) => s.promoted)),
    scavengePauseP50Ms: pauses[Math.floor(pauses.length / 2)] ?? 0,
    scavengePauseMaxMs: pauses.at(-1) ?? 0,
    pauseTotalMs: sum(pauses) + sum(markCompacts),
    markCompacts: markCompacts.length,
    markCompactPauseMaxMs: Math.max(0, ...markCompacts),
    allocated: sum(scavenges.map((s) => s.allocated)),
  };
}

/** `name=value` from an nvp trace line (` promoted=123`), so `pause=` does not match `time_to_pause=`. */
function field(line: string, name: string): number | undefined {
  const match = new RegExp(`(?:^|[\\s:])${name}=([\\d.]+)`).exec(line);
  return match ? Number(match[1]) : undefined;
}
