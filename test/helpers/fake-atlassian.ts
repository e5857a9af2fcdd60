/**
 * An HTTP-level fake of Atlassian on loopback for what the sandbox cannot do: hang, stream huge bodies, count the
 * bytes a client actually read before hanging up. Each test supplies the handler; a gateway built on the real
 * config loader points at the fake, and the official MCP client talks to it.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@modelcontextprotocol/client';
import type { Test } from 'tap';
import { buildApp } from '../../src/app.js';
import type { HttpTuning } from '../../src/atlassian/http.js';
import { createGatewayCore, type CoreOptions, type GatewayCore } from '../../src/gateway.js';
import { configOf } from './catalog.js';
import { connectClient, textOf } from './clients.js';
import { captureLogger } from './gateway.js';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Epoch milliseconds when it arrived. */
  at: number;
}

export type FakeHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => void | Promise<void>;

export interface FakeAtlassian {
  url: string;
  /** Every request as it arrived (before any answer). */
  readonly requests: FakeRequest[];
  /** Replaces the handler for the requests that follow. */
  handle(handler: FakeHandler): void;
}

/** Starts the fake on 127.0.0.1 (random port); the test's teardown stops it, cutting any connection left open. */
export async function startFakeAtlassian(t: Test, handler: FakeHandler): Promise<FakeAtlassian> {
  let current = handler;
  const requests: FakeRequest[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    requests.push({ method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, at: Date.now() });
    Promise.resolve(current(request, response, url)).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    handle: (next) => void (current = next),
  };
}

export function sendJson(response: ServerResponse, body: unknown, status = 200): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/**
 * Streams `total` bytes (`head` + filler + `tail`, so the whole is valid JSON when they make it so), waiting for
 * the socket to drain; resolves with how many bytes were handed to the socket before it finished or was closed.
 */
export function streamBody(
  response: ServerResponse,
  options: { total: number; head?: string; tail?: string; announce?: boolean; contentType?: string },
): Promise<number> {
  const head = Buffer.from(options.head ?? '');
  const tail = Buffer.from(options.tail ?? '');
  const chunk = Buffer.alloc(64 * 1024, 'x');
  response.writeHead(200, {
    'content-type': options.contentType ?? 'application/json',
    ...(options.announce ? { 'content-length': options.total } : {}),
  });
  return new Promise((resolve) => {
    let written = 0;
    let closed = false;
    response.once('close', () => {
      closed = true;
      resolve(written);
    });
    const write = (buffer: Buffer) => {
      written += buffer.length;
      return response.write(buffer);
    };
    const pump = () => {
      if (written === 0 && !write(head)) return void response.once('drain', pump);
      while (!closed && written + tail.length < options.total) {
        const size = Math.min(chunk.length, options.total - tail.length - written);
        if (!write(size === chunk.length ? chunk : chunk.subarray(0, size))) return void response.once('drain', pump);
      }
      if (!closed) {
        write(tail);
        response.end();
      }
    };
    pump();
  });
}

export interface FakeGateway {
  /** The gateway's base URL, for more clients (tenants, other transports). */
  url: string;
  core: GatewayCore;
  client: Client;
  logs: string[];
  call(
    name: string,
    args: Record<string, unknown>,
  ): Promise<{ isError: boolean; text: string; structured: Record<string, unknown> | undefined }>;
}

/** A gateway over `instances` (raw config entries, usually pointing at a fake), with a connected MCP client. */
export async function startGatewayFor(
  t: Test,
  raw: Record<string, unknown>,
  httpTuning?: HttpTuning,
  endpoints: Pick<CoreOptions, 'atlassianMediaUrl'> = {},
): Promise<FakeGateway> {
  const { logger, logs } = captureLogger('warn');
  const core = await createGatewayCore(configOf({ output_schemas: true, ...raw }), {
    logger,
    httpTuning,
    ...endpoints,
  });
  const { app } = await buildApp(core);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const client = await connectClient(url, 'http-2026');
  t.teardown(async () => {
    await client.close();
    await app.close();
    core.close();
  });
  return {
    url,
    core,
    client,
    logs,
    call: async (name, args) => {
      const result = await client.callTool({ name, arguments: args });
      return {
        isError: Boolean(result.isError),
        text: textOf(result),
        structured: result.structuredContent as Record<string, unknown> | undefined,
      };
    },
  };
}

/** A Jira Server/DC instance entry for a fake at `url`. */
export function fakeJira(url: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'fake',
    product: 'jira',
    platform: 'server',
    url,
    auth: { type: 'pat', token: 'fake-pat-0000' },
    ...extra,
  };
}

/** A Confluence Server/DC instance entry for a fake at `url`. */
export function fakeConfluence(url: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'fakewiki',
    product: 'confluence',
    platform: 'server',
    url,
    auth: { type: 'pat', token: 'fake-pat-1111' },
    ...extra,
  };
}

/** The smallest Jira issue the gateway reads, with optional fields merged in. */
export function jiraIssue(key: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '10001',
    key,
    fields: {
      summary: `Issue ${key}`,
      status: { name: 'Open' },
      issuetype: { name: 'Task' },
      project: { key: key.split('-')[0] },
      ...fields,
    },
  };
}

/**
 * A Jira Cloud where OPS-1 exists, any other issue does not, and the project listing answers 429 once (with
 * `Retry-After: retryAfterSeconds`) before it lists one project.
 */
export function startRateLimitedJira(t: Test, retryAfterSeconds: number): Promise<FakeAtlassian> {
  let limited = false;
  return startFakeAtlassian(t, (_request, response, url) => {
    if (url.pathname === '/rest/api/3/issue/OPS-1') return sendJson(response, jiraIssue('OPS-1'));
    if (url.pathname === '/rest/api/3/project/search') {
      if (!limited) {
        limited = true;
        response.writeHead(429, { 'retry-after': String(retryAfterSeconds), 'content-type': 'application/json' });
        response.end('{}');
        return;
      }
      return sendJson(response, { values: [{ id: '1', key: 'OPS', name: 'Ops' }], startAt: 0, total: 1, isLast: true });
    }
    sendJson(response, { errorMessages: ['Issue does not exist'] }, 404);
  });
}
