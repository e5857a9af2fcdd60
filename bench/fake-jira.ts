/**
 * A fast local fake Jira (and Confluence) for the benchmarks: the realistic payloads of bench/fixtures are served
 * from memory at their paths (routes.ts), whatever the instance prefix; for anything else, the first request for
 * each method, path and credential is answered by the sandbox (so every answer is the sandbox's, shaped by the
 * official specs), and every repeat is served from memory by a bare `node:http` server, which costs next to
 * nothing per request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { realisticAnswer } from './fixtures/routes.js';

export interface FakeJira {
  url: string;
  close(): Promise<void>;
}

export async function startFakeJira(sandboxUrl: string): Promise<FakeJira> {
  const answers = new Map<string, { status: number; contentType: string; body: Buffer }>();
  const server: Server = createServer((request, response) => {
    const realistic = realisticAnswer(request.method ?? 'GET', new URL(request.url ?? '/', 'http://fake').pathname);
    if (realistic) {
      // A body the client sent (the search's JQL) is read and dropped, as a server reads it before answering.
      request.resume();
      request.on('end', () =>
        response
          .writeHead(200, { 'content-type': 'application/json', 'content-length': realistic.length })
          .end(realistic),
      );
      return;
    }
    const key = `${request.method} ${request.url} ${request.headers.authorization ?? ''}`;
    const answer = async () => {
      let kept = answers.get(key);
      if (!kept) {
        const upstream = await fetch(`${sandboxUrl}${request.url}`, {
          method: request.method,
          headers: { authorization: request.headers.authorization ?? '', accept: 'application/json' },
        });
        kept = {
          status: upstream.status,
          contentType: upstream.headers.get('content-type') ?? 'application/json',
          body: Buffer.from(await upstream.arrayBuffer()),
        };
        answers.set(key, kept);
      }
      response
        .writeHead(kept.status, { 'content-type': kept.contentType, 'content-length': kept.body.length })
        .end(kept.body);
    };
    answer().catch(() => response.writeHead(502).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
