/**
 * One request to Atlassian over node:http(s) without got, for clients whose credentials are one fixed header
 * (API token, personal access token, a given bearer token): every JSON request their tools make. got's
 * per-request work (normalising and merging options, hooks, its stream and promise wrappers, progress events) cost
 * about as much CPU per call as the rest of the gateway's upstream work on a 22 KB issue; this does what these
 * requests need and no more.
 *
 * It behaves as the got client does for them: the instance's keep-alive agents (proxy, CA bundle, mTLS, the SSRF
 * guard's lookup), compressed answers accepted and decompressed, the per-attempt timeout, abort by the call's signal,
 * redirects returned rather than followed, the size limit (an announced length over it refused before the body is
 * read, otherwise reading stops once the count passes it), and failures shaped like got's (`HTTPError` carrying the
 * answer, `RequestError` with the socket's code, `TimeoutError`, `AbortError`), so the retry policy and the error
 * mapping treat both paths alike. OAuth (hooks), uploads and downloads keep using got.
 */
import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { Agents } from './connection.js';
import type { SizeLimit } from './errors.js';
import { isGotError } from './got.js';
import { SizeLimitExceeded } from './response-body.js';

/** An answer as the request path reads it; got's `Response<Buffer>` has the same fields. */
export interface UpstreamAnswer {
  statusCode: number;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  url: string;
}

/** A failed request as the retry policy and the error mapping read it, from either path. */
export interface RequestFailure extends Error {
  code?: string;
  response?: { statusCode: number; headers: IncomingHttpHeaders; body: unknown };
}

/** A failure of the direct path, named and coded as got names and codes the same failure. */
export class DirectRequestFailure extends Error implements RequestFailure {
  constructor(
    name: 'HTTPError' | 'RequestError' | 'TimeoutError' | 'AbortError',
    message: string,
    readonly code: string | undefined,
    readonly response?: RequestFailure['response'],
  ) {
    super(message);
    this.name = name;
  }
}

/** True for a failure of either request path (got's `RequestError` family or the direct path's). */
export function isRequestFailure(error: unknown): error is RequestFailure {
  return error instanceof DirectRequestFailure || isGotError(error);
}

export interface DirectRequest {
  url: URL;
  method: string;
  /** Lower-case names, merged as the got client merges them (instance headers, then the request's). */
  headers: Record<string, string>;
  /** A JSON body, already serialised. */
  body?: string;
  agents: Agents;
  /** Per attempt, as got's `timeout.request`. */
  timeoutMs: number;
  signal: AbortSignal;
  limit: SizeLimit;
}

/** What got asks for and decompresses (zstd where this Node has it). */
const ZSTD_DECOMPRESS = (zlib as { zstdDecompressSync?: (buffer: Buffer, options: zlib.ZlibOptions) => Buffer })
  .zstdDecompressSync;
const DECODED = new Set(['gzip', 'deflate', 'br', ...(ZSTD_DECOMPRESS ? ['zstd'] : [])]);
export const ACCEPT_ENCODING = [...DECODED].join(', ');

/** Sends the request and resolves with the whole answer (2xx or 3xx); 4xx and 5xx reject as `HTTPError`. */
export function sendDirect(request: DirectRequest): Promise<UpstreamAnswer> {
  const { url, signal, limit } = request;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(aborted());
    const secure = url.protocol === 'https:';
    const headers = request.body === undefined ? request.headers : withJsonBody(request.headers, request.body);
    const outgoing = (secure ? https : http).request(url, {
      method: request.method,
      headers,
      agent: secure ? request.agents.https : request.agents.http,
    });
    let settled = false;
    const finish = (error: Error | undefined, answer?: UpstreamAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (error) {
        outgoing.destroy();
        reject(error);
      } else resolve(answer!);
    };
    const onAbort = () => finish(aborted());
    const timer = setTimeout(
      () =>
        finish(
          new DirectRequestFailure(
            'TimeoutError',
            `Timeout awaiting 'request' for ${request.timeoutMs}ms`,
            'ETIMEDOUT',
          ),
        ),
      request.timeoutMs,
    );
    signal.addEventListener('abort', onAbort, { once: true });
    outgoing.on('error', (error: NodeJS.ErrnoException) => finish(networkFailure(error)));
    outgoing.on('response', (incoming) => {
      const announced = Number(incoming.headers['content-length']);
      if (announced > limit.bytes) return finish(new SizeLimitExceeded({ ...limit, announced }));
      const parts: Buffer[] = [];
      let received = 0;
      incoming.on('data', (chunk: Buffer) => {
        received += chunk.length;
        // Compressed bytes past the limit mean more than the limit once decompressed.
        if (received > limit.bytes) finish(new SizeLimitExceeded(limit));
        else parts.push(chunk);
      });
      incoming.on('error', (error: NodeJS.ErrnoException) => finish(networkFailure(error)));
      incoming.on('end', () => {
        if (settled) return;
        const statusCode = incoming.statusCode ?? 0;
        let rawBody: Buffer;
        try {
          // An answer that arrived in one chunk is that chunk: nothing to copy.
          const body = parts.length === 1 ? parts[0]! : Buffer.concat(parts, received);
          rawBody = decompress(body, incoming.headers['content-encoding'], limit);
        } catch (error) {
          return finish(error instanceof SizeLimitExceeded ? error : networkFailure(error as NodeJS.ErrnoException));
        }
        const encoded = DECODED.has((incoming.headers['content-encoding'] ?? '').toLowerCase());
        const answerHeaders = encoded ? decodedHeaders(incoming.headers) : incoming.headers;
        const answer = { statusCode, headers: answerHeaders, rawBody, url: url.toString() };
        if (statusCode < 400) return finish(undefined, answer);
        const reason = incoming.statusMessage || http.STATUS_CODES[statusCode] || '';
        finish(
          new DirectRequestFailure('HTTPError', `Response code ${statusCode} (${reason})`, 'ERR_NON_2XX_3XX_RESPONSE', {
            statusCode,
            headers: answerHeaders,
            body: rawBody,
          }),
        );
      });
    });
    outgoing.end(request.body);
  });
}

function withJsonBody(headers: Record<string, string>, body: string): Record<string, string> {
  return {
    ...headers,
    'content-type': headers['content-type'] ?? 'application/json',
    'content-length': String(Buffer.byteLength(body)),
  };
}

/** The body as sent, decompressed by its `content-encoding` as got does; no more than the limit is ever produced. */
function decompress(body: Buffer, encoding: string | undefined, limit: SizeLimit): Buffer {
  const kind = (encoding ?? '').toLowerCase();
  const options = { maxOutputLength: limit.bytes + 1 };
  let plain: Buffer;
  try {
    if (body.length === 0) return body;
    if (kind === 'gzip') plain = zlib.unzipSync(body, options);
    // Raw deflate (no zlib header) is what some servers send as `deflate`.
    else if (kind === 'deflate')
      plain = (body[0]! & 0x08) === 0 ? zlib.inflateRawSync(body, options) : zlib.unzipSync(body, options);
    else if (kind === 'br') plain = zlib.brotliDecompressSync(body, options);
    else if (kind === 'zstd' && ZSTD_DECOMPRESS) plain = ZSTD_DECOMPRESS(body, options);
    else return body;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new SizeLimitExceeded(limit);
    throw error;
  }
  if (plain.length > limit.bytes) throw new SizeLimitExceeded(limit);
  return plain;
}

/** Once decompressed, the answer no longer has the encoding or length it was sent with (got drops both too). */
function decodedHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const { 'content-encoding': _encoding, 'content-length': _length, ...rest } = headers;
  return rest;
}

function aborted(): DirectRequestFailure {
  return new DirectRequestFailure('AbortError', 'This operation was aborted.', 'ERR_ABORTED');
}

function networkFailure(error: NodeJS.ErrnoException, response?: RequestFailure['response']): DirectRequestFailure {
  return new DirectRequestFailure('RequestError', error.message, error.code, response);
}
