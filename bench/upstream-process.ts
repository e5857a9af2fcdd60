/**
 * A fake Atlassian for the upstream benchmarks, in its own process so neither the load generator nor the gateway
 * shares its event loop: every request is answered with the sandbox's own answer (fetched once, then served from
 * memory) after a fixed delay, optionally within a request budget enforced with 429s and Atlassian's rate-limit
 * headers. `GET /__counts` tells how many requests it answered and refused, `POST /__reset` zeroes them.
 * A request for a tagged issue key (held-time.ts) is answered as issue 1 and its hold is kept: `GET /__held` returns
 * and forgets them, as `[tag, ms]` pairs.
 *
 * Arguments: sandbox URL, delay in ms, budget in requests per second (0: none). Prints `{"url": …}` when ready.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tagOf, untaggedPath } from './held-time.js';

/** A token bucket the way Atlassian reports one: limit, remaining, near-limit under a fifth, Retry-After on a 429. */
function budget(perSecond: number) {
  let tokens = perSecond;
  let last = performance.now();
  return () => {
    const now = performance.now();
    tokens = Math.min(perSecond, tokens + ((now - last) / 1000) * perSecond);
    last = now;
    const headers: Record<string, string> = { 'x-ratelimit-limit': String(perSecond) };
    if (tokens < 1) return { ok: false, headers: { ...headers, 'x-ratelimit-remaining': '0', 'retry-after': '1' } };
    tokens--;
    const remaining = Math.floor(tokens);
    return {
      ok: true,
      headers: {
        ...headers,
        'x-ratelimit-remaining': String(remaining),
        ...(remaining < perSecond * 0.2 ? { 'x-ratelimit-nearlimit': 'true' } : {}),
      },
    };
  };
}

async function startFakeUpstream(sandboxUrl: string, delayMs: number, perSecond?: number): Promise<string> {
  const answers = new Map<string, { status: number; body: Buffer }>();
  const counts = { refused: 0, answered: 0 };
  const take = perSecond ? budget(perSecond) : undefined;
  let held: Array<[number, number]> = [];
  const server: Server = createServer((request, response) => {
    const received = process.hrtime.bigint();
    if (request.url === '/__counts') return void response.end(JSON.stringify(counts));
    if (request.url === '/__held') {
      response.end(JSON.stringify(held));
      return void (held = []);
    }
    if (request.url === '/__reset') {
      Object.assign(counts, { refused: 0, answered: 0 });
      return void response.end('{}');
    }
    const verdict = take?.();
    if (verdict && !verdict.ok) {
      counts.refused++;
      const body = Buffer.from('{"errorMessages":["Rate limit exceeded."]}');
      response.writeHead(429, {
        ...verdict.headers,
        'content-type': 'application/json',
        'content-length': body.length,
      });
      return void response.end(body);
    }
    const path = untaggedPath(request.url ?? '/');
    const tag = tagOf(request.url ?? '/');
    const key = `${request.method} ${path} ${request.headers.authorization ?? ''}`;
    const answer = async () => {
      let kept = answers.get(key);
      if (!kept) {
        const upstream = await fetch(`${sandboxUrl}${path}`, {
          method: request.method,
          headers: { authorization: request.headers.authorization ?? '', accept: 'application/json' },
        });
        kept = { status: upstream.status, body: Buffer.from(await upstream.arrayBuffer()) };
        answers.set(key, kept);
      }
      const { status, body } = kept;
      setTimeout(() => {
        counts.answered++;
        response
          .writeHead(status, { ...verdict?.headers, 'content-type': 'application/json', 'content-length': body.length })
          .end(body);
        if (tag !== undefined) held.push([tag, Number(process.hrtime.bigint() - received) / 1e6]);
      }, delayMs);
    };
    answer().catch(() => response.writeHead(502).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const [sandboxUrl, delay, perSecond] = process.argv.slice(2);
const url = await startFakeUpstream(sandboxUrl!, Number(delay ?? 0), Number(perSecond ?? 0) || undefined);
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.on('SIGTERM', () => process.exit(0));
