/**
 * What one tool call is doing upstream, for whoever runs the call to pass on as it happens (the MCP layer turns it
 * into progress and log notifications). The call's runner installs an observer around the call; the HTTP client and
 * the paging loop report to it. Outside a call (startup probe, tests of the client alone) nothing is reported.
 *
 * Reports carry what is safe to show anyone: method, path without its query, status, timings and counts — never
 * headers, bodies or query strings. The one thing an observer may add to a request is trace context headers.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

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

const observers = new AsyncLocalStorage<CallObserver>();

/** Runs `work` (one tool call) with `observer` hearing what it does upstream. */
export function observeCall<T>(observer: CallObserver, work: () => Promise<T>): Promise<T> {
  return observers.run(observer, work);
}

/** The observer of the call this code runs in, if any. */
export function callObserver(): CallObserver | undefined {
  return observers.getStore();
}
