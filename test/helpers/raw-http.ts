/**
 * Sends an HTTP/1.1 request exactly as written — request target included — over a plain socket. `fetch` and
 * `http.request` normalise URLs (dot segments, fragments), which is precisely what the route tests must not do.
 */
import net from 'node:net';

export interface RawRequest {
  method: string;
  /** The request target, sent byte for byte: `/%6dcp`, `/mcp#x`, `//mcp`. */
  target: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface RawAnswer {
  status: number;
  /** Status line and headers. */
  head: string;
  /** The body as far as it arrived: all of it for a sized answer, the first bytes of a stream. */
  body: string;
}

/** Resolves with the answer's status, headers and body (or the start of a stream); closes the socket after. */
export function rawRequest(baseUrl: string, request: RawRequest, timeoutMs = 5_000): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let received = '';
    let settled = false;
    let streamTimer: NodeJS.Timeout | undefined;
    const timer = setTimeout(
      () => fail(new Error(`no answer to ${request.method} ${request.target} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(streamTimer);
      socket.destroy();
      reject(error);
    };
    const answer = (): RawAnswer | undefined => {
      const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
      const end = received.indexOf('\r\n\r\n');
      if (!match || end < 0) return undefined;
      return { status: Number(match[1]), head: received.slice(0, end), body: received.slice(end + 4) };
    };
    const succeed = () => {
      const parsed = answer();
      if (settled || !parsed) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(streamTimer);
      socket.destroy();
      resolve(parsed);
    };
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const parsed = answer();
      if (!parsed) return;
      const length = /\r\ncontent-length: *(\d+)/i.exec(parsed.head);
      if (length && Buffer.byteLength(parsed.body, 'latin1') >= Number(length[1])) return succeed();
      if (parsed.status === 101 || request.method === 'HEAD') return succeed();
      // A stream (SSE) or a chunked answer: take what arrives in a moment.
      streamTimer ??= setTimeout(succeed, 300);
    });
    socket.on('error', fail);
    socket.on('close', () => {
      if (answer()) succeed();
      else
        fail(
          new Error(
            `connection closed without an answer to ${request.method} ${request.target}: ${JSON.stringify(received)}`,
          ),
        );
    });
    const body = request.body ?? '';
    const headers = {
      host: `${hostname}:${port}`,
      connection: 'close',
      ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
      ...request.headers,
    };
    const lines = [
      `${request.method} ${request.target} HTTP/1.1`,
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    socket.write(`${lines.join('\r\n')}\r\n\r\n${body}`);
  });
}

/** The headers of a WebSocket upgrade offering the MCP subprotocol. */
export const UPGRADE_HEADERS: Readonly<Record<string, string>> = {
  connection: 'Upgrade',
  upgrade: 'websocket',
  'sec-websocket-version': '13',
  'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
  'sec-websocket-protocol': 'mcp',
};
