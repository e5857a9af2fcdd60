/**
 * One got client per instance: base URL, credentials, User-Agent, timeout, TLS verification, keep-alive
 * agents, and bounded retries that honour `Retry-After`. Every failure leaves here as an `AtlassianError`.
 */
import type { ExtendOptions, Got, Hooks, Method, RequestError } from 'got';
import type { Logger } from '../logging.js';
import { SSRF_REFUSED_CODE } from '../security/ssrf.js';
import { USER_AGENT } from '../version.js';
import { destroyAgents, type Agents } from './connection.js';
import type { Credentials } from './credentials/credentials.js';
import { AtlassianError, CredentialsError, failureForStatus, parseErrorBody, type AtlassianFailure } from './errors.js';
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
  /** Downloads raw bytes (attachments), refusing bodies larger than `maxBytes`. */
  download(path: string, options: { query?: Query; maxBytes: number; signal?: AbortSignal }): Promise<{ data: Buffer; contentType: string | undefined }>;
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
  timeoutMs: number;
  credentials: Credentials;
  agents: Agents;
  /** Closed with the client when it owns them; shared agents are closed by their owner. */
  ownsAgents: boolean;
  /** The operator's custom headers. */
  headers?: Readonly<Record<string, string>>;
}

const RETRY_STATUS = [429, 502, 503, 504];
const SAFE_METHODS: Method[] = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];

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
    responseType: 'json',
    followRedirect: false,
    retry: {
      limit: retryLimit,
      methods: SAFE_METHODS,
      statusCodes: RETRY_STATUS,
      errorCodes: ['ECONNRESET', 'EPIPE', 'ETIMEDOUT'],
      maxRetryAfter: maxRetryAfterMs,
      backoffLimit: maxRetryAfterMs,
      calculateDelay: ({ attemptCount, retryOptions, error, computedValue }) => {
        if (attemptCount > retryOptions.limit) return 0;
        const retryAfter = retryAfterSeconds(error.response?.headers['retry-after']);
        const status = error.response?.statusCode;
        // got reports `Retry-After: 0` as "do not retry"; for a retryable status and method it means "now".
        const retryableNow = retryAfter === 0 && status !== undefined && retryOptions.statusCodes.includes(status) && retryOptions.methods.includes(error.options.method as Method);
        if (computedValue === 0 && !retryableNow) return 0;
        if (retryAfter !== undefined) return retryAfter * 1000 > maxRetryAfterMs ? 0 : Math.max(1, retryAfter * 1000);
        return Math.min(backoffBaseMs * 2 ** (attemptCount - 1), maxRetryAfterMs);
      },
    },
  };
  let client: Promise<Got> | undefined;
  /** The instance's got client, built with the first request (see got.ts). */
  const clientReady = (): Promise<Got> => (client ??= loadGot().then(({ default: got }) => got.extend(options)));
  const log = logger.child({ instance: instance.name });

  async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    const relative = path.replace(/^\/+/, '');
    const started = performance.now();
    try {
      const response = await (await clientReady())<T>(relative, {
        method,
        searchParams: toSearchParams(options.query),
        ...(options.form ? { body: options.form } : { json: options.body }),
        headers: options.headers,
        signal: options.signal,
        retry: options.idempotent ? { methods: [...SAFE_METHODS, method] } : undefined,
      });
      if (log.isLevelEnabled('debug')) log.debug({ method, path: `/${relative}`, status: response.statusCode, ms: Math.round(performance.now() - started) }, 'atlassian request');
      return response.body;
    } catch (error) {
      const failure = toAtlassianError(error, instance.name, method, `/${relative}`, credentials.unauthorizedHint);
      log.debug({ method, path: `/${relative}`, failure: failure.failure, status: failure.details.status }, 'atlassian request failed');
      throw failure;
    }
  }

  async function download(path: string, options: { query?: Query; maxBytes: number; signal?: AbortSignal }) {
    const relative = path.replace(/^\/+/, '');
    try {
      const response = await (await clientReady())(relative, { searchParams: toSearchParams(options.query), responseType: 'buffer', signal: options.signal, headers: { accept: '*/*' } });
      if (response.rawBody.length > options.maxBytes) {
        throw new AtlassianError({ instance: instance.name, method: 'GET', path: `/${relative}`, failure: 'too_large', messages: [`${response.rawBody.length} bytes, over the ${options.maxBytes}-byte limit`] });
      }
      return { data: response.rawBody, contentType: response.headers['content-type'] };
    } catch (error) {
      throw toAtlassianError(error, instance.name, 'GET', `/${relative}`, credentials.unauthorizedHint);
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

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

function toAtlassianError(error: unknown, instance: string, method: string, path: string, hint?: string): AtlassianError {
  if (error instanceof AtlassianError) return error;
  const credentialsProblem = error instanceof CredentialsError ? error : (error as { cause?: unknown } | undefined)?.cause;
  if (credentialsProblem instanceof CredentialsError) return new AtlassianError({ instance, method, path, failure: 'unauthorized', hint: credentialsProblem.message });
  if (!isGotError(error)) return new AtlassianError({ instance, method, path, failure: 'unreachable' });
  const response = error.response;
  if (response && error.name === 'HTTPError') {
    const status = response.statusCode;
    return new AtlassianError({
      instance,
      method,
      path,
      status,
      failure: failureForStatus(status),
      retryAfter: status === 429 || status === 503 ? retryAfterSeconds(response.headers['retry-after']) : undefined,
      hint: status === 401 ? hint : undefined,
      ...parseErrorBody(response.body),
    });
  }
  return new AtlassianError({ instance, method, path, status: response?.statusCode, failure: failureForCode(error) });
}

function failureForCode(error: RequestError): AtlassianFailure {
  if (error.code === SSRF_REFUSED_CODE) return 'refused_target';
  if (error.name === 'TimeoutError' || error.code === 'ETIMEDOUT') return 'timeout';
  if (error.name === 'ParseError') return 'invalid_response';
  if (error.name === 'AbortError' || error.code === 'ERR_ABORTED') return 'timeout';
  if (TLS_CODES.test(error.code ?? '')) return 'tls';
  return 'unreachable';
}
