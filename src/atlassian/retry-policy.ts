/**
 * When a request to Atlassian is sent again and how long the client waits first: which statuses, errors and
 * methods earn a retry, `Retry-After` honoured up to a ceiling, exponential backoff without it, and no wait the
 * call's time budget cannot cover.
 */
import type { Method, RetryOptions } from 'got';
import type { CallObserver } from './call-activity.js';

const RETRY_STATUS = [429, 502, 503, 504];
export const SAFE_METHODS: Method[] = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];
export const READ_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS'];
/** Answers that say the request was turned away before anything happened, so even a write may be sent again. */
const REFUSED_STATUS = [429, 503];

/** What the retry policy needs to know about one call; travels in got's per-request `context`. */
export type CallContext = {
  /** Epoch milliseconds when the call's budget runs out; no retry is started that could not finish before. */
  deadline: number;
  /** Reads (and the read-only JQL POST) may be repeated after any retryable failure; writes only after a refusal. */
  repeatable: boolean;
  /** Who hears about a retry: the observer of the tool call the request belongs to. */
  observer?: CallObserver;
  /** The request as reports name it. */
  report?: { instance: string; method: string; path: string };
};

export interface RetrySettings {
  retryLimit: number;
  maxRetryAfterMs: number;
  backoffBaseMs: number;
}

/** got's retry options for one instance's client. */
export function retryOptions({ retryLimit, maxRetryAfterMs, backoffBaseMs }: RetrySettings): Partial<RetryOptions> {
  return {
    limit: retryLimit,
    methods: SAFE_METHODS,
    statusCodes: RETRY_STATUS,
    errorCodes: ['ECONNRESET', 'EPIPE', 'ETIMEDOUT'],
    maxRetryAfter: maxRetryAfterMs,
    backoffLimit: maxRetryAfterMs,
    calculateDelay: ({ attemptCount, retryOptions, error, computedValue }) => {
      // A 401 that renewed the credentials: Atlassian did nothing, so the request goes again at once.
      if (error.name === 'RetryError') return 1;
      if (attemptCount > retryOptions.limit) return 0;
      const context = error.options.context as Partial<CallContext>;
      const status = error.response?.statusCode;
      // A write that timed out, lost its connection or met a gateway error may have happened: never send it twice.
      if (!context.repeatable && !(status !== undefined && REFUSED_STATUS.includes(status))) return 0;
      const retryAfter = retryAfterSeconds(error.response?.headers['retry-after']);
      // got reports `Retry-After: 0` as "do not retry"; for a retryable status and method it means "now".
      const retryableNow =
        retryAfter === 0 &&
        status !== undefined &&
        retryOptions.statusCodes.includes(status) &&
        retryOptions.methods.includes(error.options.method);
      if (computedValue === 0 && !retryableNow) return 0;
      const delay =
        retryAfter !== undefined
          ? retryAfter * 1000 > maxRetryAfterMs
            ? 0
            : Math.max(1, retryAfter * 1000)
          : Math.min(backoffBaseMs * 2 ** (attemptCount - 1), maxRetryAfterMs);
      // A wait the call's budget cannot cover is reported (with its Retry-After) instead of slept through.
      if (context.deadline !== undefined && Date.now() + delay >= context.deadline) return 0;
      if (context.report) context.observer?.retrying?.({ ...context.report, status, waitMs: delay });
      return delay;
    },
  };
}

/** Parses `Retry-After` as seconds or an HTTP date. */
export function retryAfterSeconds(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
