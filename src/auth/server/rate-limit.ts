/**
 * Requests per minute per client address on every authorization-server route: a fixed one-minute window per
 * address, answered 429 with Retry-After beyond the limit. Enough to stop guessing codes and flooding sign-ins
 * without any state beyond one counter per address.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

const WINDOW_MS = 60_000;
const MAX_ADDRESSES = 100_000;

export function rateLimitHook(perMinute: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const time = now();
    let window = windows.get(request.ip);
    if (!window || time - window.start >= WINDOW_MS) {
      if (windows.size >= MAX_ADDRESSES)
        for (const [address, entry] of windows) if (time - entry.start >= WINDOW_MS) windows.delete(address);
      window = { start: time, count: 0 };
      windows.set(request.ip, window);
    }
    window.count += 1;
    if (window.count > perMinute) {
      const retryAfter = Math.max(1, Math.ceil((window.start + WINDOW_MS - time) / 1000));
      return reply
        .code(429)
        .header('retry-after', String(retryAfter))
        .send({ error: 'slow_down', error_description: `too many requests; retry in ${retryAfter} s` });
    }
  };
}
