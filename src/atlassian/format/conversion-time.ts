/**
 * How long one tool call may spend converting text. Size caps bound the input, but some wiki markup makes jira2md
 * slower than quadratic (2,000 characters of `[a|` take over 100 ms), and a call may convert a hundred comments:
 * the time is what other callers wait for. Each call gets one budget (call.ts starts it); converters that work
 * in pieces check it between pieces and pass the rest through unconverted, with a note, once it is spent.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Conversion time one tool call may spend, in milliseconds. */
export const CONVERSION_MS_PER_CALL = 300;

const budgets = new AsyncLocalStorage<{ until: number }>();

/** Runs `work` (a tool call) with its own conversion budget. */
export function withConversionBudget<T>(work: () => Promise<T>, ms = CONVERSION_MS_PER_CALL): Promise<T> {
  return budgets.run({ until: performance.now() + ms }, work);
}

/** True once the current call's conversion budget is spent; never outside a call (tests, the sandbox). */
export function conversionTimeSpent(): boolean {
  const budget = budgets.getStore();
  return budget !== undefined && performance.now() >= budget.until;
}

export const UNCONVERTED_NOTE =
  '\n\n[… the rest is shown as it was written: converting it took longer than one call may spend]';
