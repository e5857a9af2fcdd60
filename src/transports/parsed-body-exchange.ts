/**
 * Serves one streamable HTTP request whose JSON body Fastify has already parsed, through the SDK's web-standard
 * handler, with less per-request machinery than the SDK's general `toNodeHandler`: the web `Request` it builds
 * carries the headers and the client's disconnect signal but no body (the SDK is handed the parsed body and never
 * reads it), and a JSON answer is written in one piece with its length instead of being pumped chunk by chunk.
 * `text/event-stream` answers are streamed as the SDK streams them, honouring backpressure.
 *
 * Why: every object a request leaves behind that the young-generation collector cannot free makes the collections
 * that pause the event loop longer; a request body stream, the per-chunk pump and undici's registration of the
 * request's signal were three of them (docs/benchmarks.md, "Slow and rate-limiting upstream" and "Eighth run").
 * Behaviour is the adapter's: a client that disconnects aborts the request, a handler that throws is reported to
 * `onerror` and answered 500 with the request's id.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthInfo } from '@modelcontextprotocol/server';

/** The SDK's fetch-like handler, as `createMcpHandler` returns it. */
export interface FetchHandler {
  fetch(request: Request, options?: { authInfo?: AuthInfo; parsedBody?: unknown }): Promise<Response>;
}

/** Serves `raw` (its `auth`, when set, is passed on as the handler's `authInfo`) with `body` as its parsed body. */
export type ParsedBodyExchange = (
  raw: IncomingMessage & { auth?: AuthInfo },
  response: ServerResponse,
  body: unknown,
) => Promise<void>;

/** Headers that describe a body; the web request built here has none. */
const BODY_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding']);

export function parsedBodyExchange(handler: FetchHandler, onerror: (error: Error) => void): ParsedBodyExchange {
  return async (raw, response, body) => {
    const disconnected = new AbortController();
    const onClose = () => disconnected.abort();
    response.once('close', onClose);
    // A client that left while the request waited (authentication, the session lookup) has closed already.
    if (response.destroyed) disconnected.abort();
    let answer: Response;
    try {
      answer = await handler.fetch(webRequestOf(raw, disconnected.signal), {
        ...(raw.auth !== undefined && { authInfo: raw.auth }),
        parsedBody: body,
      });
    } catch (error) {
      onerror(error instanceof Error ? error : new Error(String(error)));
      answer = Response.json(
        { jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: echoableId(body) },
        { status: 500 },
      );
    }
    try {
      await writeAnswer(answer, response, disconnected.signal);
    } finally {
      response.off('close', onClose);
    }
  };
}

/**
 * The web request the SDK reads: method, URL and headers of `raw`, aborted when the client disconnects. The signal
 * is set on the request after it is made, not passed to `new Request`: undici registers every request given a
 * signal with a `FinalizationRegistry`, and V8 keeps what a registration holds (the signal, its abort listeners and
 * through them the whole exchange) through every young-generation collection until the next mark-compact.
 */
function webRequestOf(raw: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw.headers)) {
    if (value === undefined || name.startsWith(':') || BODY_HEADERS.has(name)) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  const request = new Request(`http://${raw.headers.host ?? 'localhost'}${raw.url ?? '/'}`, {
    method: raw.method ?? 'POST',
    headers,
  });
  return Object.defineProperty(request, 'signal', { value: signal, enumerable: true });
}

async function writeAnswer(answer: Response, response: ServerResponse, disconnected: AbortSignal): Promise<void> {
  const headers: Record<string, string> = {};
  answer.headers.forEach((value, name) => (headers[name] = value));
  if (answer.body === null) return void response.writeHead(answer.status, headers).end();
  if (!headers['content-type']?.toLowerCase().startsWith('text/event-stream')) {
    let bytes: Buffer;
    try {
      bytes = Buffer.from(await answer.arrayBuffer());
    } catch {
      // The answer's body failed before it was read: end the response rather than leave it open.
      return void response.end();
    }
    return void response.writeHead(answer.status, { ...headers, 'content-length': String(bytes.length) }).end(bytes);
  }
  response.writeHead(answer.status, headers);
  const reader = answer.body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  disconnected.addEventListener('abort', stop, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || disconnected.aborted) break;
      if (!response.write(value)) await drained(response, disconnected);
    }
  } catch {
    // The stream failed or was cancelled by a disconnect: end what was written.
  } finally {
    disconnected.removeEventListener('abort', stop);
    response.end();
  }
}

/** Resolves once `response` can take more, or the client is gone. */
function drained(response: ServerResponse, disconnected: AbortSignal): Promise<void> {
  if (disconnected.aborted || response.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      disconnected.removeEventListener('abort', done);
      resolve();
    };
    response.once('drain', done);
    disconnected.addEventListener('abort', done, { once: true });
  });
}

/** The JSON-RPC id an error answer may echo: a single request's string or number id, else null. */
function echoableId(body: unknown): string | number | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const { method, id } = body as { method?: unknown; id?: unknown };
  if (typeof method !== 'string') return null;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}
