/**
 * Turns whatever a request to Atlassian threw (got's errors, a size limit, a redirect, an expired budget, a
 * credentials problem) into the one `AtlassianError`, and says so when a failed write may have happened anyway.
 */
import { SSRF_REFUSED_CODE } from '../security/ssrf.js';
import { expiredBudget, type CallDeadline } from './deadline.js';
import { isRequestFailure, type RequestFailure } from './direct-request.js';
import { AtlassianError, CredentialsError, failureForStatus, parseErrorBody, type AtlassianFailure } from './errors.js';
import { NotJson, Redirected, SizeLimitExceeded } from './response-body.js';
import { retryAfterSeconds } from './retry-policy.js';

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

export interface FailedCall {
  instance: string;
  method: string;
  path: string;
  hint?: string;
  budget: CallDeadline;
  /** The instance's timeout, which got's own per-attempt timer also uses. */
  timeoutMs: number;
  /** False for writes: a failure that leaves it open whether Atlassian acted says so. */
  repeatable: boolean;
}

const MAYBE_DONE = 'The change may have been made anyway: check before trying again.';

/** A write that timed out, lost its connection mid-way or met a gateway error may still have happened. */
function mayHaveHappened(error: AtlassianError, cause: unknown): boolean {
  const { failure, status } = error.details;
  if (failure === 'timeout' || status === 502 || status === 504) return true;
  const code = (cause as { code?: string } | undefined)?.code;
  return failure === 'unreachable' && (code === 'ECONNRESET' || code === 'EPIPE');
}

/** The one conversion point from a failed request to an `AtlassianError`. */
export function toAtlassianError(error: unknown, call: FailedCall): AtlassianError {
  const failure = classify(error, call);
  if (call.repeatable || failure.details.hint || !mayHaveHappened(failure, error)) return failure;
  return new AtlassianError({ ...failure.details, hint: MAYBE_DONE });
}

function classify(error: unknown, call: FailedCall): AtlassianError {
  const { instance, method, path, hint, budget } = call;
  if (error instanceof AtlassianError) return error;
  const where = { instance, method, path };
  if (error instanceof SizeLimitExceeded)
    return new AtlassianError({ ...where, failure: 'too_large', sizeLimit: error.limit });
  if (error instanceof Redirected)
    return new AtlassianError({ ...where, failure: 'redirected', status: error.status, targetHost: error.host });
  if (error instanceof NotJson) return new AtlassianError({ instance, method, path, failure: 'invalid_response' });
  const expiredMs = expiredBudget(budget.signal);
  if (expiredMs !== undefined)
    return new AtlassianError({ instance, method, path, failure: 'timeout', budgetMs: expiredMs });
  const credentialsProblem =
    error instanceof CredentialsError ? error : (error as { cause?: unknown } | undefined)?.cause;
  if (credentialsProblem instanceof CredentialsError)
    return new AtlassianError({ instance, method, path, failure: 'unauthorized', hint: credentialsProblem.message });
  if (!isRequestFailure(error)) return new AtlassianError({ instance, method, path, failure: 'unreachable' });
  const response = error.response;
  if (response && error.name === 'HTTPError') {
    const status = response.statusCode;
    const body: unknown = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.body;
    return new AtlassianError({
      instance,
      method,
      path,
      status,
      failure: failureForStatus(status),
      retryAfter: status === 429 || status === 503 ? retryAfterSeconds(response.headers['retry-after']) : undefined,
      hint: status === 401 ? hint : undefined,
      ...parseErrorBody(body),
    });
  }
  const failure = failureForCode(error);
  const budgetMs = failure === 'timeout' ? (expiredBudget(budget.signal) ?? call.timeoutMs) : undefined;
  return new AtlassianError({ instance, method, path, status: response?.statusCode, failure, budgetMs });
}

function failureForCode(error: RequestFailure): AtlassianFailure {
  if (error.code === SSRF_REFUSED_CODE) return 'refused_target';
  if (error.name === 'TimeoutError' || error.code === 'ETIMEDOUT') return 'timeout';
  if (error.name === 'AbortError' || error.code === 'ERR_ABORTED') return 'timeout';
  if (TLS_CODES.test(error.code ?? '')) return 'tls';
  return 'unreachable';
}
