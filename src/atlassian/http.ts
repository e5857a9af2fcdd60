/**
 * One got client per instance: base URL, credentials, User-Agent, TLS verification, keep-alive agents, bounded
 * retries that honour `Retry-After`, one time budget per call (the instance's timeout covers every attempt and
 * every wait), bodies cut off while they stream in once they pass the size limit, and redirects refused.
 * Every failure leaves here as an `AtlassianError`.
 */
import type { CancelableRequest, ExtendOptions, Got, Hooks, Method, RequestError, Response } from 'got';
import type { Logger } from '../logging.js';
import { SSRF_REFUSED_CODE } from '../security/ssrf.js';
import { USER_AGENT } from '../version.js';
import { callObserver, type CallObserver } from './call-activity.js';
import { destroyAgents, type Agents } from './connection.js';
import type { Credentials } from './credentials/credentials.js';
import { expiredBudget, startCallDeadline, type CallDeadline } from './deadline.js';
import {
  AtlassianError,
  CredentialsError,
  failureForStatus,
  parseErrorBody,
  type AtlassianFailure,
  type SizeLimit,
} from './errors.js';
import { isGotError, loadGot } from './got.js';

export type Query = Record<string, string | number | boolean | undefined | ReadonlyArray<string | number>>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Multipart upload instead of a JSON body. */
  form?: FormData;
  headers?: Record<string, string>;
  /** Marks a POST that only reads (JQL search), so it may be retried like a GET. */
  idempotent?: boolean;
  signal?: AbortSignal;
}

/** The HTTP surface the product clients use; knows nothing about MCP. */
export interface AtlassianHttp {
  readonly instance: string;
  request<T>(method: Method, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T>;
  /**
   * Downloads raw bytes (attachments). A body larger than `maxBytes` is refused by its `Content-Length` before
   * it is read, or cut off after `maxBytes + 1` bytes when the length is not announced.
   */
  download(
    path: string,
    options: { query?: Query; maxBytes: number; signal?: AbortSignal },
  ): Promise<{ data: Buffer; contentType: string | undefined }>;
  close(): void;
}

export interface HttpTuning {
  /** Retries after the first attempt for retryable failures. */
  retryLimit?: number;
  /** Longest `Retry-After` honoured; a longer wait is reported instead of slept through. */
  maxRetryAfterMs?: number;
  /** Base for exponential backoff when Atlassian sends no `Retry-After`. */
  backoffBaseMs?: number;
}

/** Where and how one client talks to Atlassian. */
export interface HttpTarget {
  /** The instance name errors and logs carry. */
  instance: string;
  /** API base URL: the site, or `api.atlassian.com/ex/<product>/<cloud id>` for OAuth on Cloud. */
  baseUrl: string;
  /** The whole call's budget: every attempt, every wait between retries. */
  timeoutMs: number;
  /** Largest JSON answer read; a bigger one is cut off while it streams in (`MAX_RESPONSE_BYTES`). */
  maxResponseBytes: number;
  credentials: Credentials;
  agents: Agents;
  /** Closed with the client when it owns them; shared agents are closed by their owner. */
  ownsAgents: boolean;
  /** The operator's custom headers. */
  headers?: Readonly<Record<string, string>>;
  /**
   * Origins an attachment download may be redirected to and followed without credentials: Atlassian's media
   * service, where Confluence Cloud sends its downloads with a signed address. Every other redirect is refused.
   */
  mediaOrigins?: readonly string[];
}

/** Redirects one download may follow (the instance's own, then the media service's). */
const MAX_DOWNLOAD_REDIRECTS = 3;

const RETRY_STATUS = [429, 502, 503, 504];
const SAFE_METHODS: Method[] = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];
const READ_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS'];
/** Answers that say the request was turned away before anything happened, so even a write may be sent again. */
const REFUSED_STATUS = [429, 503];

/** What the retry policy needs to know about one call; travels in got's per-request `context`. */
type CallContext = {
  /** Epoch milliseconds when the call's budget runs out; no retry is started that could not finish before. */
  deadline: number;
  /** Reads (and the read-only JQL POST) may be repeated after any retryable failure; writes only after a refusal. */
  repeatable: boolean;
  /** Who hears about a retry: the observer of the tool call the request belongs to. */
  observer?: CallObserver;
  /** The request as reports name it. */
  report?: { instance: string; method: string; path: string };
};

export function createHttpClient(target: HttpTarget, logger: Logger, tuning: HttpTuning = {}): AtlassianHttp {
  const { retryLimit = 2, maxRetryAfterMs = 10_000, backoffBaseMs = 500 } = tuning;
  const { credentials, agents: agent } = target;
  const instance = { name: target.instance };
  const options: ExtendOptions = {
    prefixUrl: target.baseUrl,
    headers: {
      ...target.headers,
      'user-agent': USER_AGENT,
      accept: 'application/json',
      ...(credentials.fixedHeader ? { authorization: credentials.fixedHeader } : {}),
    },
    timeout: { request: target.timeoutMs },
    agent,
    hooks: credentials.fixedHeader === undefined ? credentialHooks(credentials) : {},
    // Bytes, parsed here: a redirect or an oversized answer must be seen before anything tries to read it as JSON.
    responseType: 'buffer',
    followRedirect: false,
    retry: {
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
    },
  };
  let client: Promise<Got> | undefined;
  /** The instance's got client, built with the first request (see got.ts). */
  const clientReady = (): Promise<Got> => (client ??= loadGot().then(({ default: got }) => got.extend(options)));
  let mediaClient: Promise<Got> | undefined;
  /** For signed media addresses: the same network path and retries, none of the instance's headers or credentials. */
  const mediaClientReady = (): Promise<Got> =>
    (mediaClient ??= loadGot().then(({ default: got }) =>
      got.extend({
        headers: { 'user-agent': USER_AGENT, accept: '*/*' },
        agent,
        responseType: 'buffer',
        followRedirect: false,
        retry: options.retry,
      }),
    ));
  const log = logger.child({ instance: instance.name });

  const failedCall = (method: string, relative: string, budget: CallDeadline) => ({
    instance: instance.name,
    method,
    path: `/${relative}`,
    hint: credentials.unauthorizedHint,
    budget,
    timeoutMs: target.timeoutMs,
  });

  async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    const relative = path.replace(/^\/+/, '');
    const started = performance.now();
    const budget = startCallDeadline(target.timeoutMs, options.signal);
    const observer = callObserver();
    const report = { instance: instance.name, method, path: `/${relative}` };
    const context: CallContext = {
      deadline: budget.at,
      repeatable: READ_METHODS.includes(method) || Boolean(options.idempotent),
      observer,
      report,
    };
    const watch = observer?.requestStarting?.(report);
    const done = (outcome: number | string) => {
      watch?.done?.(outcome);
      observer?.requestDone?.({ ...report, outcome, ms: Math.round(performance.now() - started) });
    };
    try {
      const pending = (await clientReady())(relative, {
        method,
        searchParams: toSearchParams(options.query),
        ...(options.form ? { body: options.form } : { json: options.body }),
        headers: watch?.headers ? { ...options.headers, ...watch.headers } : options.headers,
        signal: budget.signal,
        context,
        retry: options.idempotent ? { methods: [...SAFE_METHODS, method] } : undefined,
      });
      const response = await readWithin(pending, { bytes: target.maxResponseBytes, setting: 'MAX_RESPONSE_BYTES' });
      refuseRedirect(response);
      const body = parseJsonBody(response.rawBody) as T;
      done(response.statusCode);
      if (log.isLevelEnabled('debug'))
        log.debug(
          { method, path: `/${relative}`, status: response.statusCode, ms: Math.round(performance.now() - started) },
          'atlassian request',
        );
      return body;
    } catch (error) {
      const failure = toAtlassianError(error, {
        ...failedCall(method, relative, budget),
        repeatable: context.repeatable,
      });
      done(failure.details.status ?? failure.failure);
      log.debug(
        { method, path: `/${relative}`, failure: failure.failure, status: failure.details.status },
        'atlassian request failed',
      );
      throw failure;
    } finally {
      budget.end();
    }
  }

  async function download(path: string, options: { query?: Query; maxBytes: number; signal?: AbortSignal }) {
    const relative = path.replace(/^\/+/, '');
    const budget = startCallDeadline(target.timeoutMs, options.signal);
    const limit = { bytes: options.maxBytes, setting: 'ATTACHMENT_MAX_BYTES' };
    const context: CallContext = { deadline: budget.at, repeatable: true };
    try {
      const client = await clientReady();
      let response = await readWithin(
        client(relative, {
          searchParams: toSearchParams(options.query),
          headers: { accept: '*/*' },
          signal: budget.signal,
          context,
        }),
        limit,
      );
      for (let hops = 0; isRedirect(response) && hops < MAX_DOWNLOAD_REDIRECTS; hops++) {
        const next = followable(response, target);
        if (!next) break;
        // The instance's own address keeps its credentials; the media service's signed one gets none.
        const pending = next.own
          ? client(next.relative, { headers: { accept: '*/*' }, signal: budget.signal, context })
          : (await mediaClientReady())(next.url, { signal: budget.signal, context });
        response = await readWithin(pending, limit);
      }
      refuseRedirect(response);
      return { data: response.rawBody, contentType: response.headers['content-type'] };
    } catch (error) {
      throw toAtlassianError(error, { ...failedCall('GET', relative, budget), repeatable: true });
    } finally {
      budget.end();
    }
  }

  return {
    instance: target.instance,
    request,
    download,
    get: (path, query, signal) => request('GET', path, { query, signal }),
    close: () => {
      if (target.ownsAgents) destroyAgents(agent);
    },
  };
}

/**
 * Credentials that can change (OAuth): the header is set per request, and a 401 earns exactly one retry
 * after the credentials renewed themselves (or found that a concurrent call already had).
 */
function credentialHooks(credentials: Credentials): Partial<Hooks> {
  return {
    beforeRequest: [
      async (options) => {
        const header = await credentials.authorization();
        if (header) options.headers.authorization = header;
      },
    ],
    afterResponse: [
      async (response, retryWithMergedOptions) => {
        const options = response.request.options;
        if (response.statusCode !== 401 || !credentials.renew || options.context.renewed) return response;
        const rejected = options.headers.authorization as string | undefined;
        if (!(await credentials.renew(rejected))) return response;
        const header = await credentials.authorization();
        return retryWithMergedOptions({ context: { renewed: true }, headers: header ? { authorization: header } : {} });
      },
    ],
  };
}

function toSearchParams(query: Query | undefined): URLSearchParams | undefined {
  if (!query) return undefined;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  return params;
}

/** Parses `Retry-After` as seconds or an HTTP date. */
export function retryAfterSeconds(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Raised when a body passes its limit; carries the limit so the error can name it and the setting that raises it. */
class SizeLimitExceeded extends Error {
  constructor(readonly limit: SizeLimit) {
    super(`over the ${limit.bytes}-byte limit`);
  }
}

/**
 * Awaits a response whose body may not pass `limit`: an announced `Content-Length` over it is refused before the
 * body is read, otherwise reading stops (and the connection is dropped) as soon as the count passes it.
 */
async function readWithin(pending: CancelableRequest<Response<string>>, limit: SizeLimit): Promise<Response<Buffer>> {
  let over: SizeLimit | undefined;
  void pending.on('downloadProgress', ({ transferred, total }) => {
    if (over) return;
    if (total !== undefined && total > limit.bytes) over = { ...limit, announced: total };
    else if (transferred > limit.bytes) over = limit;
    if (over) pending.cancel();
  });
  try {
    return (await pending) as unknown as Response<Buffer>;
  } catch (error) {
    if (over) throw new SizeLimitExceeded(over);
    throw error;
  }
}

/** The redirect's target host, never its path or query (they may carry tokens); `undefined` without a Location. */
class Redirected extends Error {
  constructor(
    readonly status: number,
    readonly host: string | undefined,
  ) {
    super(`redirected (HTTP ${status})`);
  }
}

function isRedirect(response: Response<Buffer>): boolean {
  return response.statusCode >= 300 && response.statusCode < 400 && Boolean(response.headers.location);
}

/**
 * Where a download's redirect leads, when the gateway follows it: back into the instance (a path under its base
 * URL, with credentials) or to one of its media origins (the absolute URL, without). Undefined otherwise.
 */
function followable(
  response: Response<Buffer>,
  target: HttpTarget,
): { own: true; relative: string } | { own: false; url: string } | undefined {
  let location: URL;
  try {
    location = new URL(response.headers.location!, response.url);
  } catch {
    return undefined;
  }
  const base = new URL(`${target.baseUrl.replace(/\/+$/, '')}/`);
  if (
    location.origin === base.origin &&
    location.pathname.startsWith(base.pathname) &&
    !location.username &&
    !location.password
  ) {
    return { own: true, relative: `${location.pathname.slice(base.pathname.length)}${location.search}` };
  }
  if (target.mediaOrigins?.includes(location.origin) && !location.username && !location.password) {
    return { own: false, url: location.href };
  }
  return undefined;
}

/** Redirects are not followed, and a 3xx is never a result: a login page in front of Jira must not read as success. */
function refuseRedirect(response: Response<Buffer>): void {
  if (response.statusCode < 300 || response.statusCode >= 400) return;
  const location = response.headers.location;
  let host: string | undefined;
  try {
    host = location ? new URL(location, response.url).host : undefined;
  } catch {
    host = undefined;
  }
  throw new Redirected(response.statusCode, host);
}

class NotJson extends Error {}

/** An empty body reads as `''`, as got's JSON mode did; anything else must be JSON. */
function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return '';
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new NotJson('not JSON');
  }
}

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

interface FailedCall {
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

function toAtlassianError(error: unknown, call: FailedCall): AtlassianError {
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
  if (!isGotError(error)) return new AtlassianError({ instance, method, path, failure: 'unreachable' });
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

function failureForCode(error: RequestError): AtlassianFailure {
  if (error.code === SSRF_REFUSED_CODE) return 'refused_target';
  if (error.name === 'TimeoutError' || error.code === 'ETIMEDOUT') return 'timeout';
  if (error.name === 'AbortError' || error.code === 'ERR_ABORTED') return 'timeout';
  if (TLS_CODES.test(error.code ?? '')) return 'tls';
  return 'unreachable';
}
