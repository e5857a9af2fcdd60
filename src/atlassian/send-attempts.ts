/**
 * Sends one request to Atlassian through its upstream's gate, attempt after attempt: each attempt waits for its
 * turn at the gate (a pause Atlassian asked for, a free slot, the request rate), reports how it went so the gate
 * learns from it (status, rate-limit headers, health for the circuit breaker), and failed attempts are retried as
 * the retry policy allows, within the call's one time budget.
 */
import type { Method } from 'got';
import { sleep } from './abortable-sleep.js';
import type { CallObserver } from './call-activity.js';
import type { AttemptHealth } from './circuit-breaker.js';
import { expiredBudget, type CallDeadline } from './deadline.js';
import { isRequestFailure, type UpstreamAnswer } from './direct-request.js';
import type { InstanceGate } from './instance-gate.js';
import { retryAfterSeconds, retryDelay, type RetrySettings } from './retry-policy.js';

export interface AttemptedCall {
  instance: string;
  method: Method;
  /** The path as errors and reports name it (no query). */
  path: string;
  repeatable: boolean;
  budget: CallDeadline;
  /** Who hears about a retry: the observer of the tool call the request belongs to. */
  observer?: CallObserver;
}

/** Network failures that say the upstream is down or overloaded, as opposed to a problem of this gateway's setup. */
const DOWN_CODES = ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'];

/** Runs `send` until it answers, or fails in a way the retry policy does not retry. */
export async function sendAttempts(
  gate: InstanceGate,
  call: AttemptedCall,
  settings: RetrySettings,
  send: () => Promise<UpstreamAnswer>,
): Promise<UpstreamAnswer> {
  const { budget } = call;
  for (let attempts = 1; ; attempts++) {
    const permit = await gate.acquire({ ...call, deadline: budget.at, signal: budget.signal });
    let response: UpstreamAnswer;
    try {
      response = await send();
    } catch (error) {
      const answer = isRequestFailure(error) ? error.response : undefined;
      permit.release({ status: answer?.statusCode, headers: answer?.headers, health: healthOf(error, budget, answer) });
      const delay = isRequestFailure(error)
        ? retryDelay(
            {
              attempts,
              method: call.method,
              repeatable: call.repeatable,
              status: answer?.statusCode,
              code: error.code,
              retryAfter: answer ? retryAfterSeconds(answer.headers['retry-after']) : undefined,
            },
            settings,
            budget.at,
          )
        : undefined;
      if (delay === undefined || budget.signal.aborted) throw error;
      call.observer?.retrying?.({
        instance: call.instance,
        method: call.method,
        path: call.path,
        status: answer?.statusCode,
        waitMs: delay,
      });
      await sleep(delay, budget.signal);
      continue;
    }
    permit.release({ status: response.statusCode, headers: response.headers, health: 'healthy' });
    return response;
  }
}

/** What a failed attempt says about the upstream: 5xx, timeouts and lost connections count against it. */
function healthOf(error: unknown, budget: CallDeadline, answer: { statusCode: number } | undefined): AttemptHealth {
  if (answer) return answer.statusCode >= 500 ? 'failing' : answer.statusCode === 429 ? 'unknown' : 'healthy';
  if (expiredBudget(budget.signal) !== undefined) return 'failing';
  if (budget.signal.aborted || !isRequestFailure(error)) return 'unknown';
  if (error.name === 'TimeoutError') return 'failing';
  return DOWN_CODES.includes(error.code ?? '') ? 'failing' : 'unknown';
}
