/**
 * The garbage-collection trace reader of the benchmarks (bench/gc-trace.ts), on a trace V8 itself printed: objects
 * kept through two scavenges are promoted by the second, and the sums name them.
 */
import { spawnSync } from 'node:child_process';
import t from 'tap';
import { GC_TRACE_ARGS, summarizeGc } from '../../bench/gc-trace.js';

/** Allocates 20,000 objects and keeps them through two young collections and a full one. */
const KEEP_THROUGH_COLLECTIONS = `
const keep = [];
for (let i = 0; i < 20000; i++) keep.push({ i });
gc({ type: 'minor' });
gc({ type: 'minor' });
gc();
process.stderr.write(String(keep.length));
`;

t.test('a trace V8 printed: what survives two scavenges is promoted by the second', async (t) => {
  const run = spawnSync(process.execPath, ['--expose-gc', ...GC_TRACE_ARGS, '-e', KEEP_THROUGH_COLLECTIONS], {
    encoding: 'utf8',
  });
  t.equal(run.status, 0, run.stderr);
  const summary = summarizeGc(run.stdout);
  t.ok(summary.scavenges >= 2, `${summary.scavenges} scavenges`);
  t.ok(summary.markCompacts >= 1, 'the full collection is a mark-compact');
  // 20,000 small objects are a few hundred KiB; the first scavenge keeps them young, a later one promotes them.
  const promoted = summary.promotedPerScavenge * summary.scavenges;
  t.ok(promoted > 200_000 && promoted < 5_000_000, `${promoted} bytes promoted`);
  t.ok(summary.copiedPerScavenge > summary.promotedPerScavenge, 'copied counts survivors kept young as well');
  t.ok(summary.scavengePauseMaxMs > 0 && summary.pauseTotalMs >= summary.scavengePauseMaxMs);
});

t.test('the sums of hand-written lines', async (t) => {
  const line = (gc: string, pause: number, promoted: number, survived: number) =>
    `[1:0x1]  10 ms: pause=${pause} mutator=1.0 gc=${gc} time_to_pause=9.0 allocated=1000 promoted=${promoted} nodes_promoted=7 new_space_survived=${survived}`;
  const summary = summarizeGc(
    [line('s', 2, 100, 50), line('s', 4, 300, 150), line('mc', 8, 0, 0), 'not a trace line'].join('\n'),
  );
  t.equal(summary.scavenges, 2);
  t.equal(summary.promotedPerScavenge, 200, 'nodes_promoted is not promoted');
  t.equal(summary.copiedPerScavenge, 300);
  t.equal(summary.scavengePauseMaxMs, 4, 'time_to_pause is not the pause');
  t.equal(summary.pauseTotalMs, 14);
  t.equal(summary.markCompacts, 1);
  t.equal(summary.allocated, 2000);
});
