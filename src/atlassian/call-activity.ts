/**
 * What one tool call is doing upstream, for whoever runs the call to pass on as it happens (the MCP layer turns it
 * into progress and log notifications). The call's runner attaches an observer to the call's abort signal, which
 * every upstream request of the call carries already (it is the call's deadline); the HTTP client and the paging
 * loop look it up there. A request under any other signal, or none (startup probe, tests of the client alone), is
 * reported to no one.
 *
 * Why a signal and not an `AsyncLocalStorage`: on Node 20 (and 22 without its async context frames) a store that is
 * ever run makes Node hook every promise the process creates, for good; without it a tool call over HTTP allocates
 * about 8 % less and the gateway scavenges as much less often (docs/benchmarks.md, "Fifth run: the added latency
 * per call").
 *
 * Reports carry what is safe to show anyone: method, path without its query, status, timings and counts — never
 * headers, bodies or query strings. The one thing an observer may add to a request is trace context headers.
 */
export interface UpstreamRequest {
  instance: string;
  method: string;
  /** The REST path, without its query string. */
  path: string;
  /** The HTTP status, or the kind of failure when there was none (`timeout`, `network`…). */
  outcome: number | string;
  ms: number;
}

export interface UpstreamRetry {
  instance: string;
  method: string;
  path: string;
  /** The status that earned the retry, when there was one. */
  status?: number;
  /** How long the client waits before the next attempt. */
  waitMs: number;
}

/** What an observer does with one upstream request about to be sent. */
export interface UpstreamWatch {
  /** Headers the request carries to Atlassian (W3C trace context). */
  headers?: Record<string, string>;
  /** The request ended, with its status or the kind of failure. */
  done?(outcome: number | string): void;
}

export interface CallObserver {
  /** An upstream request is about to be sent (its retries go with it). */
  requestStarting?(request: { instance: string; method: string; path: string }): UpstreamWatch | undefined;
  /** An upstream request finished (answered or failed), retries included. */
  requestDone?(request: UpstreamRequest): void;
  /** An upstream request will be sent again after `waitMs`. */
  retrying?(retry: UpstreamRetry): void;
  /** A listing read one more page; `items` is how many it holds so far. */
  pageRead?(items: number): void;
}

/** Each running call's observer, by the call's signal; an entry goes when the call ends or its signal is collected. */
const observers = new WeakMap<AbortSignal, CallObserver>();

/**
 * Runs `work` (one tool call, whose upstream requests carry `signal`) with `observer` hearing what it does upstream.
 * A signal that already has an observer (a call run inside another under the same signal) keeps it.
 */
export async function observeCall<T>(signal: AbortSignal, observer: CallObserver, work: () => Promise<T>): Promise<T> {
  if (observers.has(signal)) return work();
  observers.set(signal, observer);
  try {
    return await work();
  } finally {
    observers.delete(signal);
  }
}

/** The observer of the call whose requests carry `signal`, if any. */
export function callObserver(signal: AbortSignal | undefined): CallObserver | undefined {
  return signal && observers.get(signal);
}
