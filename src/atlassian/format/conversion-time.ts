/**
 * How long text conversion may hold the event loop. Size caps bound the input, but some wiki markup makes jira2md
 * slower than quadratic (2,000 characters of `[a|` take over 100 ms), and a call may convert a hundred comments:
 * the time is what other callers wait for. While tool calls run (call.ts marks them), each stretch of conversion
 * without a break for the event loop gets one budget: it starts at the stretch's first check, which queues a
 * microtask that ends it. Converters that work in pieces check it between pieces and pass the rest through
 * unconverted, with a note, once it is spent. A call formats its answer in one stretch, so that is one budget per
 * call; two calls whose answers are formatted in the same stretch share one, as they share the stall.
 *
 * Not an `AsyncLocalStorage` per call: on Node 20 one that is ever run has Node hook every promise the process
 * creates, about 8 % of what a call over HTTP allocates (docs/benchmarks.md, "Fifth run: the added latency per call").
 */

/** Conversion time one stretch (so one call's answer) may spend, in milliseconds. */
export const CONVERSION_MS_PER_CALL = 300;

/** Tool calls running now: conversions outside them (tests of the converters alone, the sandbox) are not bounded. */
let callsRunning = 0;
/** When the current stretch's budget runs out; undefined between stretches. */
let stretchEndsAt: number | undefined;

/** Runs `work` (a tool call) with its conversions bounded. */
export async function withConversionBudget<T>(work: () => Promise<T>): Promise<T> {
  callsRunning++;
  try {
    return await work();
  } finally {
    callsRunning--;
  }
}

/** True once the current stretch's conversion budget is spent; never while no tool call runs. */
export function conversionTimeSpent(): boolean {
  if (callsRunning === 0) return false;
  const now = performance.now();
  if (stretchEndsAt === undefined) {
    stretchEndsAt = now + CONVERSION_MS_PER_CALL;
    queueMicrotask(() => (stretchEndsAt = undefined));
  }
  return now >= stretchEndsAt;
}

export const UNCONVERTED_NOTE =
  '\n\n[… the rest is shown as it was written: converting it took longer than one call may spend]';
