/**
 * One got client per instance: base URL, credentials, User-Agent, TLS verification, keep-alive agents, every
 * request through its upstream's shared gate (instance-gate.ts: circuit breaker, Retry-After for every caller,
 * adaptive concurrency, request rate), bounded retries of what is safe to repeat (retry-policy.ts,
 * send-attempts.ts), one time budget per call (the instance's timeout covers every
 * attempt and every wait), bodies cut off while they stream in once they pass the size limit, and redirects refused
 * (response-body.ts). Downloads are in http-download.ts. Every failure leaves here as an `AtlassianError`
 * (http-failure.ts).
 */
import type { ExtendOptions, Got, Method } from 'got';
import type { Logger } from '../logging.js';
import { USER_AGENT } from '../version.js';
import { callObserver } from './call-activity.js';
import { destroyAgents, type Agents } from './connection.js';
import { credentialHooks } from './credential-hooks.js';
import type { Credentials } from './credentials/credentials.js';
import { startCallDeadline, type CallDeadline } from './deadline.js';
import { ACCEPT_ENCODING, sendDirect, type UpstreamAnswer } from './direct-request.js';
import { loadGot } from './got.js';
import { createDownload } from './http-download.js';
import { toAtlassianError } from './http-failure.js';
import { DEFAULT_UPSTREAM_LIMITS, type UpstreamLimits } from './instance-gate.js';
import { parseJsonBody, readWithin, refuseRedirect } from './response-body.js';
import { isRepeatable } from './retry-policy.js';
import { toSearchParams, type Query } from './search-params.js';
import { sendAttempts } from './send-attempts.js';
import { UpstreamGates } from './upstream-gates.js';

export type { Query } from './search-params.js';
export { retryAfterSeconds } from './retry-policy.js';

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Multipart upload instead of a JSON body. */
  form?: FormData;
  headers?: Record<string, string>;
  /** Marks a POST that only reads (JQL search), so it may be retried like a GET; other POSTs are never retried. */
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
  /** Concurrency, rate and circuit-breaker settings of the upstream (the first client of a base URL sets them). */
  limits?: UpstreamLimits;
}

/**
 * `gates` is where the upstream's shared state lives: pass the registry's, so every client of the same target (the
 * configured instance and its tenants) shares one; without it the client gets a gate of its own.
 */
export function createHttpClient(
  target: HttpTarget,
  logger: Logger,
  tuning: HttpTuning = {},
  gates: UpstreamGates = new UpstreamGates(),
): AtlassianHttp {
  const { retryLimit = 2, maxRetryAfterMs = 10_000, backoffBaseMs = 500 } = tuning;
  const retrySettings = { retryLimit, maxRetryAfterMs, backoffBaseMs };
  const gate = gates.gateFor(target.instance, target.baseUrl, target.limits ?? DEFAULT_UPSTREAM_LIMITS);
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
    // Retries are sent by send-attempts.ts, through the gate; got only repeats a 401 that renewed the credentials.
    retry: { limit: 0 },
  };
  /**
   * With one fixed credentials header, JSON requests go over node:http directly (direct-request.ts), with the
   * headers got would send: got's per-request work costs as much CPU as the rest of a call's upstream work.
   * Credentials that renew themselves (OAuth hooks), uploads and downloads go through got.
   */
  const directHeaders: Record<string, string> | undefined =
    credentials.fixedHeader === undefined
      ? undefined
      : {
          ...lowerCaseKeys(target.headers ?? {}),
          'user-agent': USER_AGENT,
          accept: 'application/json',
          authorization: credentials.fixedHeader,
          'accept-encoding': ACCEPT_ENCODING,
        };
  const prefixUrl = target.baseUrl.endsWith('/') ? target.baseUrl : `${target.baseUrl}/`;
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
    const observer = callObserver(options.signal);
    const report = { instance: instance.name, method, path: `/${relative}` };
    const repeatable = isRepeatable(method, options.idempotent);
    const watch = observer?.requestStarting?.(report);
    const done = (outcome: number | string) => {
      watch?.done?.(outcome);
      observer?.requestDone?.({ ...report, outcome, ms: Math.round(performance.now() - started) });
    };
    try {
      const limit = { bytes: target.maxResponseBytes, setting: 'MAX_RESPONSE_BYTES' };
      const headers = watch?.headers ? { ...options.headers, ...watch.headers } : options.headers;
      let send: () => Promise<UpstreamAnswer>;
      if (directHeaders && !options.form) {
        const url = new URL(`${prefixUrl}${relative}`);
        const search = toSearchParams(options.query);
        if (search) url.search = search.toString();
        const body = options.body === undefined ? undefined : JSON.stringify(options.body);
        const merged = headers ? { ...directHeaders, ...lowerCaseKeys(headers) } : directHeaders;
        send = () =>
          sendDirect({
            url,
            method,
            headers: merged,
            body,
            agents: agent,
            timeoutMs: target.timeoutMs,
            signal: budget.signal,
            limit,
          });
      } else {
        const client = await clientReady();
        send = () =>
          readWithin(
            client(relative, {
              method,
              searchParams: toSearchParams(options.query),
              ...(options.form ? { body: options.form } : { json: options.body }),
              headers,
              signal: budget.signal,
            }),
            limit,
          );
      }
      const response = await sendAttempts(gate, { ...report, repeatable, budget, observer }, retrySettings, send);
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
      const failure = toAtlassianError(error, { ...failedCall(method, relative, budget), repeatable });
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

  const download = createDownload({ target, gate, retrySettings, clientReady, mediaClientReady, failedCall });

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

/** Header names as got sends them: lower case, later names winning. */
function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  const lowered: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) lowered[name.toLowerCase()] = value;
  return lowered;
}
