/**
 * What an Atlassian answer says about the rate-limit budget left. Jira and Confluence Cloud send `Retry-After`
 * (seconds) on 429 and on some 503s, `X-RateLimit-Limit` / `X-RateLimit-Remaining`, `X-RateLimit-Reset` (an ISO 8601
 * time), `X-RateLimit-NearLimit: true` once less than a fifth of the budget is left, and for the points-based quota
 * `RateLimit` / `Beta-RateLimit` in the IETF draft's form (`"policy";r=<remaining>;t=<seconds to reset>`). The older
 * draft's `RateLimit-Limit` / `RateLimit-Remaining` / `RateLimit-Reset` (seconds) are read too. Data Center's rate
 * limiting sends `X-RateLimit-*` and `Retry-After` as well.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { retryAfterSeconds } from './retry-policy.js';

export interface RateLimitSignal {
  /** The size of the budget, when announced. */
  limit?: number;
  /** What is left of it, when announced. */
  remaining?: number;
  /** Epoch milliseconds when the budget fills up again, when announced. */
  resetAt?: number;
  /** How long Atlassian asked to wait before the next request, in milliseconds. */
  retryAfterMs?: number;
  /** Atlassian says the budget is nearly spent (explicitly, or less than a fifth of it is left). */
  nearLimit: boolean;
}

/** The share of the budget below which the gateway starts to slow down, as Atlassian's `NearLimit` does. */
export const NEAR_LIMIT_SHARE = 0.2;

/** Reads every rate-limit header the answer carries; `undefined` when it carries none (the common case). */
export function readRateLimit(headers: IncomingHttpHeaders, now = Date.now()): RateLimitSignal | undefined {
  const limit = firstNumber(headers['x-ratelimit-limit'], headers['ratelimit-limit']);
  const draft = structured(headers['ratelimit']) ?? structured(headers['beta-ratelimit']);
  const remaining = firstNumber(headers['x-ratelimit-remaining'], headers['ratelimit-remaining']) ?? draft?.r;
  const resetAt =
    resetTime(headers['x-ratelimit-reset'], now) ??
    secondsFrom(firstNumber(headers['ratelimit-reset']), now) ??
    secondsFrom(draft?.t, now);
  const retryAfter = retryAfterSeconds(headers['retry-after']);
  const flagged = [headers['x-ratelimit-nearlimit'], headers['x-beta-ratelimit-nearlimit']].some(
    (value) => single(value)?.trim().toLowerCase() === 'true',
  );
  if (limit === undefined && remaining === undefined && resetAt === undefined && retryAfter === undefined && !flagged)
    return undefined;
  const low = remaining !== undefined && limit !== undefined && limit > 0 && remaining < limit * NEAR_LIMIT_SHARE;
  return {
    limit,
    remaining,
    resetAt,
    retryAfterMs: retryAfter === undefined ? undefined : retryAfter * 1000,
    nearLimit: flagged || low || remaining === 0,
  };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function firstNumber(...values: Array<string | string[] | undefined>): number | undefined {
  for (const value of values) {
    const text = single(value)?.trim();
    if (text && /^\d+(\.\d+)?$/.test(text)) return Number(text);
  }
  return undefined;
}

function secondsFrom(seconds: number | undefined, now: number): number | undefined {
  return seconds === undefined ? undefined : now + seconds * 1000;
}

/**
 * `X-RateLimit-Reset`: Atlassian's ISO 8601 time (`2026-03-26T16:00Z`); some proxies send epoch seconds or
 * seconds from now instead, told apart by size.
 */
function resetTime(value: string | string[] | undefined, now: number): number | undefined {
  const text = single(value)?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) {
    const number = Number(text);
    return number > 1e9 ? number * 1000 : now + number * 1000;
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** `"policy";r=12;t=30` (the first item of a structured list) into its numeric parameters. */
function structured(value: string | string[] | undefined): { r?: number; t?: number } | undefined {
  const text = single(value);
  if (!text) return undefined;
  const first = text.split(',')[0] ?? '';
  const parameters: { r?: number; t?: number } = {};
  for (const piece of first.split(';')) {
    const [key, raw] = piece.split('=').map((part) => part.trim());
    if ((key === 'r' || key === 't') && raw && /^\d+$/.test(raw)) parameters[key] = Number(raw);
  }
  return parameters.r === undefined && parameters.t === undefined ? undefined : parameters;
}
