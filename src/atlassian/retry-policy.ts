/**
 * When a request to Atlassian is sent again and how long the client waits first: which statuses, errors and
 * methods earn a retry, `Retry-After` honoured up to a ceiling, exponential backoff without it, and no wait the
 * call's time budget cannot cover. Only requests that are safe to repeat are retried: reads (and reads sent as
 * POST, like a JQL search) after any retryable failure; PUT and DELETE only after Atlassian refused them outright
 * (429, 503), since then nothing happened; other POSTs never, since sending a create twice creates two.
 */
import type { Method } from 'got';

const RETRY_STATUS = [429, 502, 503, 504];
const RETRY_CODES = ['ECONNRESET', 'EPIPE', 'ETIMEDOUT'];
/** Methods that may be sent again at all; POST only when the caller marks it idempotent. */
const SAFE_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];
const READ_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS'];
/** Answers that say the request was turned away before anything happened, so even a write may be sent again. */
const REFUSED_STATUS = [429, 503];

export interface RetrySettings {
  /** Retries after the first attempt. */
  retryLimit: number;
  /** Longest `Retry-After` honoured; a longer wait is reported instead of slept through. */
  maxRetryAfterMs: number;
  /** Base for exponential backoff when Atlassian sends no `Retry-After`. */
  backoffBaseMs: number;
}

/** Whether any failure of this request may be repeated (reads, and POSTs marked as reads). */
export function isRepeatable(method: Method, idempotent: boolean | undefined): boolean {
  return READ_METHODS.includes(method) || Boolean(idempotent);
}

/** How one attempt failed, as far as the retry decision cares. */
export interface FailedAttempt {
  /** Number of attempts made so far, the failed one included. */
  attempts: number;
  method: Method;
  repeatable: boolean;
  status?: number;
  /** The network error code, when there was no answer. */
  code?: string;
  /** Atlassian's `Retry-After`, in seconds. */
  retryAfter?: number;
}

/**
 * Milliseconds to wait before the next attempt, or `undefined` for none: not retryable, out of retries, a
 * `Retry-After` over the ceiling, or a wait that would end after the call's `deadline` (epoch ms).
 */
export function retryDelay(failed: FailedAttempt, settings: RetrySettings, deadline: number): number | undefined {
  const { attempts, method, repeatable, status, code, retryAfter } = failed;
  if (attempts > settings.retryLimit) return undefined;
  if (!repeatable && !SAFE_METHODS.includes(method)) return undefined;
  const retryable = status !== undefined ? RETRY_STATUS.includes(status) : RETRY_CODES.includes(code ?? '');
  if (!retryable) return undefined;
  // A write that timed out, lost its connection or met a gateway error may have happened: never send it twice.
  if (!repeatable && !(status !== undefined && REFUSED_STATUS.includes(status))) return undefined;
  let delay: number;
  if (retryAfter !== undefined) {
    if (retryAfter * 1000 > settings.maxRetryAfterMs) return undefined;
    delay = Math.max(1, retryAfter * 1000);
  } else {
    delay = Math.min(settings.backoffBaseMs * 2 ** (attempts - 1), settings.maxRetryAfterMs);
  }
  // A wait the call's budget cannot cover is reported (with its Retry-After) instead of slept through.
  if (Date.now() + delay >= deadline) return undefined;
  return delay;
}

/** Parses `Retry-After` as seconds or an HTTP date. */
export function retryAfterSeconds(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
