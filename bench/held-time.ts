/**
 * The added latency of each call, not a difference of two runs' tails. Every measured call asks for its own issue
 * key (`P1-1000042`: the project's issue 1 with a tag added), which the fake upstream (upstream-process.ts) answers
 * as issue 1 while timing how long it held that request: from its request handler running to the last byte of the
 * answer handed to the socket, on the upstream's own monotonic clock. The load generator times the whole call on
 * its own clock; the call's latency minus the hold of the request carrying its tag is what everything between the
 * caller and the upstream added to that call: the gateway's work, loopback both ways, and the caller's own
 * scheduling. Measured the same way for a bare request to the upstream, the same figure is that floor without a
 * gateway. No clock is compared across processes: each figure is a difference of two readings of one clock.
 */

import { quantileOf } from './stats.js';

/** Tags start here, above any issue number a fixture uses, so a tagged key never names a real issue. */
export const TAG_BASE = 1_000_000;

/** The issue key a call with `tag` asks for: `project`'s issue 1, told apart from every other call. */
export function taggedIssueKey(project: string, tag: number): string {
  return `${project}-${TAG_BASE + tag}`;
}

const TAGGED_PATH = /\/issue\/([A-Za-z][A-Za-z0-9_]*)-(\d+)(?=[/?]|$)/;

/** The tag a request path carries, or undefined for an untagged request. */
export function tagOf(path: string): number | undefined {
  return tagOfIssueNumber(TAGGED_PATH.exec(path)?.[2]);
}

/** The tag an issue number stands for: undefined for a real issue's number (or none). */
function tagOfIssueNumber(digits: string | undefined): number | undefined {
  const number = Number(digits);
  return number >= TAG_BASE ? number - TAG_BASE : undefined;
}

/** A tagged key as a request carries it: in an upstream request's path, or a tool call's `issue_key` argument. */
const TAGGED_KEY_IN_TEXT = /(?:\/issue\/|"issue_key":")[A-Za-z][A-Za-z0-9_]*-(\d+)/;

/** The tag in a request's text (its line, headers and body), or undefined for an untagged request (wire-time.ts). */
export function tagInText(text: string): number | undefined {
  return tagOfIssueNumber(TAGGED_KEY_IN_TEXT.exec(text)?.[1]);
}

/** The path a tagged request stands for: the same request for issue 1. */
export function untaggedPath(path: string): string {
  return tagOf(path) === undefined ? path : path.replace(TAGGED_PATH, '/issue/$1-1');
}

/** What the calls added beyond the upstream's hold, per call, and how many calls had no hold to subtract. */
export interface AddedPerCall {
  addedMs: number[];
  /** Calls whose tag the upstream never saw (the call failed before it got there), left out of `addedMs`. */
  unmatched: number;
  /** Tags the upstream held more than once (a retried request): their calls are left out of `addedMs`. */
  repeated: number;
}

/**
 * `latencyMs` (tag → the call's latency at the caller) minus `heldMs` (tag → each hold of a request carrying that
 * tag at the upstream). A call whose request was sent twice is left out rather than guessed at.
 */
export function addedPerCall(latencyMs: ReadonlyMap<number, number>, heldMs: ReadonlyMap<number, number[]>) {
  const result: AddedPerCall = { addedMs: [], unmatched: 0, repeated: 0 };
  for (const [tag, latency] of latencyMs) {
    const holds = heldMs.get(tag);
    if (!holds?.length) result.unmatched++;
    else if (holds.length > 1) result.repeated++;
    else result.addedMs.push(latency - holds[0]!);
  }
  return result;
}

/** p50, p99 and the largest of `values`, taken as `summarize` (stats.ts) takes its percentiles. */
export function percentiles(values: readonly number[]): { p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: quantileOf(sorted, 0.5), p99: quantileOf(sorted, 0.99), max: sorted.at(-1) ?? 0 };
}
