/**
 * What outlives the young generation, and so what the scavenges that pause the event loop copy: a bare Node HTTP
 * server against the official SDK's stateless dispatch, both holding each call 150 ms and answering with the same
 * text (collections-server.ts), under the paced load of the slow-upstream benchmark (200 callers, 100 calls/s).
 *
 * A scavenge copies what is alive in the young generation; what was alive at the scavenge before too is promoted to
 * the old generation, where it stays until a mark-compact. A call held 150 ms cannot be alive at two scavenges a
 * second or more apart, so bytes promoted per call are bytes something kept past their call. The bare server shows
 * what Node itself keeps; the SDK rows, what its dispatch keeps on top, at two answer sizes. A second table runs each
 * way found to keep a finished call, and what the build writes instead, in plain JavaScript (collections-closure.ts).
 *
 * Knobs: BENCH_COLLECTION_ROUNDS (5, after 3 of warm-up), BENCH_COLLECTION_BYTES (`4096,40960`: answer text sizes).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bundledScript } from './bundled-script.js';
import { GC_TRACE_ARGS, summarizeGc, watchGc, type GcSummary } from './gc-trace.js';
import { startProcess, stopProcess } from './processes.js';
import { recordToolCall, type RecordedCall } from './replay.js';
import { outcomeReplayer } from './upstream-gateway.js';
import { measurePaced, PACE_MS, PACED_CALLERS } from './upstream-paced.js';

const SERVER_MAIN = fileURLToPath(new URL('./collections-server.ts', import.meta.url));
const CLOSURE_MAIN = fileURLToPath(new URL('./collections-closure.ts', import.meta.url));
const ROUNDS = Number(process.env.BENCH_COLLECTION_ROUNDS ?? 5);
const WARM_UP_ROUNDS = 3;
/** How long each call is held: the slow-upstream benchmark's Atlassian answers in this. */
const HOLD_MS = 150;
const ANSWER_BYTES = (process.env.BENCH_COLLECTION_BYTES ?? '4096,40960').split(',').map(Number);
/** The tool collections-server.ts serves. */
const TOOL = 'hold';
/** The plain-JavaScript loop (collections-closure.ts): this many calls, five every 10 ms, each with this answer. */
const CLOSURE_CALLS = 8_000;
const CLOSURE_ANSWER_BYTES = 40 * 1024;
const VARIANTS = { node: 'bare Node HTTP server', sdk: 'SDK stateless handler' } as const;
const CLOSURE_VARIANTS = {
  none: 'nothing else',
  stored: 'a closure referring to it, assigned to a property',
  literal: 'the same closure, written in an object literal',
  defined: 'the same closure, added with `Object.defineProperty`',
  wrapped: "the same closure, assigned as `(0, closure)` (the build's rewrite)",
  accessor: 'an object with a getter of its own returning it',
  'prototype-accessor': "a class instance whose prototype's getter returns it (the build's zod edit)",
  set: 'an entry in a long-lived `Set` of the last 16, the oldest deleted',
  list: "the same in the array-backed list (the build's SDK edit)",
  registry: 'a `FinalizationRegistry` entry holding it',
  prototype: 'an object whose prototype it is',
  'abort-signal': "an `AbortController` whose signal's listener refers to it",
} as const;

export async function collectionsSection(): Promise<string[]> {
  const rows: string[] = [];
  for (const bytes of ANSWER_BYTES) {
    for (const variant of Object.keys(VARIANTS) as Array<keyof typeof VARIANTS>) {
      rows.push(await measureServer(variant, bytes));
    }
  }
  return [
    `${PACED_CALLERS} callers, one call each every ${PACE_MS} ms, each call held ${HOLD_MS} ms and answered with one text block; ${ROUNDS} rounds after ${WARM_UP_ROUNDS} of warm-up. Promoted: bytes a scavenge moved to the old generation because they had survived the scavenge before.`,
    '',
    '| server | answer KiB | calls | failed | scavenges per 1,000 calls | KiB promoted per scavenge | KiB promoted per call | scavenge pause p50 / max ms | mark-compacts |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
    ...rows,
    '',
    `The same pattern in plain JavaScript (collections-closure.ts): ${CLOSURE_CALLS} calls, each wrapping a ${kib(CLOSURE_ANSWER_BYTES)} KiB answer in a small object, serialising it and dropping it, 500 calls a second. What else each call makes:`,
    '',
    '| each call also makes | scavenges | KiB promoted per scavenge | KiB promoted per call | scavenge pause p50 / max ms |',
    '| --- | ---: | ---: | ---: | --- |',
    ...(await closureRows()),
  ];
}

/** The loop runs bundled, under plain Node, as the gateway does (bundled-script.ts). */
async function closureRows(): Promise<string[]> {
  const run = promisify(execFile);
  const loop = await bundledScript(CLOSURE_MAIN);
  const rows: string[] = [];
  try {
    for (const [variant, label] of Object.entries(CLOSURE_VARIANTS)) {
      rows.push(await closureRow(run, loop.file, variant, label));
    }
  } finally {
    loop.dispose();
  }
  return rows;
}

async function closureRow(
  run: (file: string, args: string[]) => Promise<{ stdout: string; stderr: string }>,
  loop: string,
  variant: string,
  label: string,
): Promise<string> {
  const args = [variant, String(CLOSURE_CALLS), String(CLOSURE_ANSWER_BYTES)];
  const { stdout, stderr } = await run(process.execPath, [...GC_TRACE_ARGS, loop, ...args]);
  const { calls } = JSON.parse(stderr) as { calls: number };
  const gc = summarizeGc(stdout);
  return `| ${label} | ${gc.scavenges} | ${kib(gc.promotedPerScavenge)} | ${kib(promotedPerCall(gc, calls))} | ${pauses(gc)} |`;
}

async function measureServer(variant: keyof typeof VARIANTS, bytes: number): Promise<string> {
  const { child, match } = await startProcess(
    [...GC_TRACE_ARGS, '--import', 'tsx', SERVER_MAIN, variant, String(bytes), String(HOLD_MS)],
    /^(\{.*\})\n/m,
    'stderr',
  );
  try {
    const { url } = JSON.parse(match[1]!) as { url: string };
    const replay = outcomeReplayer(await callOf(variant, url));
    let failed = 0;
    const task = async () => {
      if (!(await replay())) failed++;
    };
    const gc = watchGc(child);
    await measurePaced(PACED_CALLERS, PACE_MS, WARM_UP_ROUNDS, task);
    failed = 0;
    gc.mark();
    const { calls } = await measurePaced(PACED_CALLERS, PACE_MS, ROUNDS, task);
    return row(VARIANTS[variant], bytes, calls, failed, gc.summary());
  } finally {
    await stopProcess(child);
  }
}

/** The SDK is called the way the official client calls it; the bare server only needs a JSON-RPC id. */
async function callOf(variant: keyof typeof VARIANTS, url: string): Promise<RecordedCall> {
  if (variant === 'sdk') return recordToolCall(url, 'auto', TOOL, {});
  const body = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: TOOL, arguments: {} } };
  return { url, headers: { 'content-type': 'application/json' }, body };
}

function row(label: string, bytes: number, calls: number, failed: number, gc: GcSummary): string {
  return `| ${label} | ${kib(bytes)} | ${calls} | ${failed} | ${((gc.scavenges * 1000) / calls).toFixed(1)} | ${kib(gc.promotedPerScavenge)} | ${kib(promotedPerCall(gc, calls))} | ${pauses(gc)} | ${gc.markCompacts} |`;
}

const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const promotedPerCall = (gc: GcSummary, calls: number) => (calls ? (gc.promotedPerScavenge * gc.scavenges) / calls : 0);
const pauses = (gc: GcSummary) => `${gc.scavengePauseP50Ms.toFixed(1)} / ${gc.scavengePauseMaxMs.toFixed(1)}`;
