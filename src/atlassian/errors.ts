/**
 * The one error type for everything that goes wrong talking to Atlassian. Raw got errors never leave
 * `atlassian/`: they are turned into an `AtlassianError` that knows the instance, the request, the cause and
 * what Atlassian said, and can describe itself for a model without a stack trace or a credential.
 */

export type AtlassianFailure =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'server_error'
  | 'timeout'
  | 'unreachable'
  | 'tls'
  | 'invalid_response'
  | 'too_large'
  | 'refused_target'
  | 'unexpected_shape'
  | 'redirected'
  | 'outside_instance'
  | 'circuit_open'
  | 'held_back';

export interface AtlassianErrorDetails {
  instance: string;
  method: string;
  /** Request path relative to the instance URL, without the query string (it may hold user data). */
  path: string;
  failure: AtlassianFailure;
  status?: number;
  /** Atlassian's own messages (`errorMessages`, Confluence `message`/`errors[].title`). */
  messages?: string[];
  /** Per-field validation errors (`errors` map). */
  fieldErrors?: Record<string, string>;
  /** Seconds to wait, from `Retry-After`, when rate limited. */
  retryAfter?: number;
  /** What to do about it, when the gateway knows better than the generic cause (sign in again, renew a token). */
  hint?: string;
  /** For `unexpected_shape`: the operation whose answer was checked, and what was wrong with it. */
  shape?: { operation: string; problem: string };
  /** The host a 3xx or a foreign link pointed at: the host alone, since the full address may carry tokens. */
  targetHost?: string;
  /** The gateway's own limit that an answer or file went over, and the setting that raises it. */
  sizeLimit?: SizeLimit;
  /** The whole-call time budget that ran out, in milliseconds (the instance's `timeout`). */
  budgetMs?: number;
  /** For `circuit_open`: how long the breaker stays open, and after how many consecutive failures it opened. */
  breaker?: { cooldownLeftMs: number; failures: number };
  /** For `held_back`: why the gateway did not send the request, and how long it would have had to wait. */
  holdBack?: HoldBack;
}

/**
 * The gateway kept a request back instead of sending it: Atlassian asked every caller of the instance to pause
 * (`retry_after`), or the instance's request slots (`max_concurrency`) or rate (`requests_per_second`) stayed
 * taken for longer than the call had left.
 */
export interface HoldBack {
  cause: 'retry_after' | 'slots' | 'rate';
  /** How long the request would have had to wait, in milliseconds. */
  waitMs: number;
  /** What was left of the call's time budget, in milliseconds. */
  leftMs: number;
  /** The limit that held it (slots in use, requests per second). */
  limit?: number;
}

export interface SizeLimit {
  bytes: number;
  /** The environment variable (and YAML key) that sets it, e.g. `MAX_RESPONSE_BYTES`. */
  setting: string;
  /** What Atlassian announced in `Content-Length`, when it was refused before reading. */
  announced?: number;
}

/**
 * Credentials could not be produced or renewed (no OAuth tokens yet, a refused refresh). Thrown inside the
 * HTTP client, which turns it into an `unauthorized` `AtlassianError` carrying this message as its hint.
 */
export class CredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialsError';
  }
}

export class AtlassianError extends Error {
  readonly details: AtlassianErrorDetails;

  constructor(details: AtlassianErrorDetails) {
    super(
      `${details.method} ${details.path} failed: ${details.failure}${details.status ? ` (HTTP ${details.status})` : ''}`,
    );
    this.name = 'AtlassianError';
    this.details = details;
  }

  get failure(): AtlassianFailure {
    return this.details.failure;
  }

  /** One paragraph for the model and the user: which instance, what was attempted, why it failed, what to do. */
  describe(action: string): string {
    const { instance, status } = this.details;
    const head = `${action} failed on instance "${instance}"`;
    const said = atlassianSaid(this.details);
    const statusText = status ? ` (HTTP ${status})` : '';
    const hint = this.details.hint ? ` ${this.details.hint}` : '';
    return `${head}: ${CAUSES[this.details.failure](this.details)}${statusText}.${said}${hint}`;
  }
}

const CAUSES: Record<AtlassianFailure, (details: AtlassianErrorDetails) => string> = {
  bad_request: () => 'Atlassian rejected the request as invalid',
  unauthorized: () => 'authentication failed: the credentials for this instance are missing, wrong or expired',
  forbidden: () => 'permission denied: the configured account may not do this',
  not_found: () => 'not found, or not visible to the configured account',
  conflict: () => 'conflict: the item was changed by someone else (for example a newer version exists)',
  rate_limited: (details) =>
    `rate limited by Atlassian${details.retryAfter !== undefined ? `; retry after ${details.retryAfter} s` : '; retry later'}`,
  server_error: () => 'Atlassian had a server error; try again later',
  timeout: (details) =>
    details.budgetMs !== undefined
      ? `the call timed out: no complete answer from Atlassian within the instance's ${formatSeconds(details.budgetMs)} ` +
        'timeout, which covers the whole call (every request and retry)'
      : 'the request timed out waiting for Atlassian',
  unreachable: () => 'the instance could not be reached (DNS, connection refused or network error)',
  tls: () => 'the TLS connection failed (certificate not trusted or invalid)',
  invalid_response: () => 'Atlassian answered with something that is not valid JSON',
  too_large: ({ sizeLimit }) =>
    sizeLimit
      ? `the answer is larger than the gateway's ${sizeLimit.bytes}-byte limit` +
        `${sizeLimit.announced !== undefined ? ` (Atlassian announced ${sizeLimit.announced} bytes)` : ''}; ` +
        `ask for less (a smaller limit or page, fewer fields) or raise ${sizeLimit.setting}`
      : 'Atlassian refused the request as too large',
  refused_target: () =>
    'the gateway refused to connect: the target resolves to a private, loopback or link-local address (SSRF guard)',
  unexpected_shape: (details) =>
    `Atlassian answered in an unexpected shape (${details.shape ? `${details.shape.operation}: ${details.shape.problem}` : 'unknown operation'})`,
  redirected: ({ targetHost }) =>
    `Atlassian answered with a redirect ${targetHost ? `to ${targetHost}` : 'without a target'} instead of a result ` +
    '(a sign-in page or proxy in front of the instance, or a wrong instance URL); ' +
    'redirects are not followed, so treat the request as not carried out',
  outside_instance: ({ targetHost }) =>
    `the download link Atlassian gave points outside this instance${targetHost ? ` (to ${targetHost})` : ''}, ` +
    'so the gateway did not follow it',
  circuit_open: ({ breaker }) =>
    breaker && breaker.cooldownLeftMs > 0
      ? `the gateway stopped sending requests to this instance for ${formatSeconds(breaker.cooldownLeftMs)} after ` +
        `${breaker.failures} consecutive server errors, timeouts or connection failures (circuit breaker open); ` +
        `try again after that`
      : 'the gateway is checking with one trial request whether this instance recovered from consecutive server ' +
        'errors or timeouts (circuit breaker half-open); try again in a moment',
  held_back: ({ holdBack }) => (holdBack ? HOLD_BACK_CAUSES[holdBack.cause](holdBack) : 'the gateway held the request'),
};

const HOLD_BACK_CAUSES: Record<HoldBack['cause'], (hold: HoldBack) => string> = {
  retry_after: ({ waitMs, leftMs }) =>
    `rate limited by Atlassian: it asked for a pause of ${formatSeconds(waitMs)} on this instance (Retry-After, or a ` +
    `spent rate-limit budget, on an earlier answer), longer than the ${formatSeconds(leftMs)} left of this call's timeout, so the request was ` +
    `not sent; retry after ${Math.ceil(waitMs / 1000)} s`,
  slots: ({ waitMs, limit }) =>
    `every one of the ${limit ?? '?'} requests the gateway sends to this instance at once (max_concurrency, lowered ` +
    `while Atlassian reports its rate limit nearly spent) stayed busy for the ${formatSeconds(waitMs)} this call ` +
    `could wait; try again later`,
  rate: ({ waitMs, limit }) =>
    `the instance's request rate limit (${limit ?? '?'} per second) would have held the request for ` +
    `${formatSeconds(waitMs)}, longer than this call had left; try again later`,
};

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

function atlassianSaid(details: AtlassianErrorDetails): string {
  const parts = [...(details.messages ?? [])];
  for (const [field, message] of Object.entries(details.fieldErrors ?? {})) parts.push(`${field}: ${message}`);
  if (parts.length === 0) return '';
  return ` Atlassian said: ${parts.map((part) => truncate(part, 300)).join('; ')}`;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

/** Maps an HTTP status to the failure it means. */
export function failureForStatus(status: number): AtlassianFailure {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'too_large';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'bad_request';
}

/** Pulls Atlassian's messages out of the error body shapes of Jira, Service Management, Confluence v1 and Confluence v2. */
export function parseErrorBody(body: unknown): Pick<AtlassianErrorDetails, 'messages' | 'fieldErrors'> {
  if (typeof body === 'string') {
    const trimmed = body.trim();
    if (!trimmed || trimmed.startsWith('<')) return {};
    try {
      return parseErrorBody(JSON.parse(trimmed));
    } catch {
      return { messages: [trimmed.slice(0, 300)] };
    }
  }
  if (body === null || typeof body !== 'object') return {};
  const record = body as Record<string, unknown>;
  const messages: string[] = [];
  let fieldErrors: Record<string, string> | undefined;
  if (Array.isArray(record.errorMessages)) messages.push(...record.errorMessages.filter(isString));
  if (record.errors && typeof record.errors === 'object' && !Array.isArray(record.errors)) {
    fieldErrors = Object.fromEntries(Object.entries(record.errors).filter(([, value]) => isString(value)));
  }
  if (Array.isArray(record.errors)) {
    for (const item of record.errors as Array<Record<string, unknown>>) {
      const text = [item?.title, item?.detail].filter(isString).join(': ');
      if (text) messages.push(text);
      // Jira bulk operations: one entry per failed element, with its own errorMessages/errors.
      const element = item?.elementErrors as
        { errorMessages?: unknown[]; errors?: Record<string, unknown> } | undefined;
      if (element) {
        const details = [
          ...(element.errorMessages ?? []).filter(isString),
          ...Object.entries(element.errors ?? {})
            .filter(([, value]) => isString(value))
            .map(([field, value]) => `${field}: ${String(value)}`),
        ];
        messages.push(
          `item ${typeof item.failedElementNumber === 'number' ? item.failedElementNumber : '?'}: ${details.join('; ')}`,
        );
      }
    }
  }
  if (isString(record.message)) messages.push(record.message);
  // Service Management says it in one `errorMessage`.
  if (isString(record.errorMessage)) messages.push(record.errorMessage);
  return {
    messages: messages.length ? messages : undefined,
    fieldErrors: fieldErrors && Object.keys(fieldErrors).length ? fieldErrors : undefined,
  };
}

function isString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
