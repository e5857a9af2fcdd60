/**
 * The JS heap a gateway process retains, from a V8 heap snapshot: the process writes one on SIGUSR2
 * (`--heapsnapshot-signal`), after a full garbage collection, so the total counts live objects only.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './processes.js';

export const HEAP_SNAPSHOT_ARGS = ['--heapsnapshot-signal=SIGUSR2'];

export function snapshotDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'gateway-heap-'));
}

/** Asks the process for a snapshot in `dir` (its working directory) and returns the live heap in bytes. */
export async function retainedHeapBytes(child: ChildProcess, dir: string, url: string): Promise<number> {
  const before = new Set(readdirSync(dir));
  child.kill('SIGUSR2');
  // Writing the snapshot blocks the event loop: once /healthz answers again, the file is complete.
  await sleep(100);
  await fetch(`${url}/healthz`);
  const file = readdirSync(dir).find((name) => name.endsWith('.heapsnapshot') && !before.has(name));
  if (!file) throw new Error('the gateway wrote no heap snapshot');
  const path = join(dir, file);
  const total = totalSelfSize(JSON.parse(readFileSync(path, 'utf8')) as HeapSnapshot);
  rmSync(path);
  return total;
}

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[] } };
  nodes: number[];
}

function totalSelfSize(snapshot: HeapSnapshot): number {
  const fields = snapshot.snapshot.meta.node_fields;
  const selfSize = fields.indexOf('self_size');
  let total = 0;
  for (let index = selfSize; index < snapshot.nodes.length; index += fields.length) total += snapshot.nodes[index]!;
  return total;
}
