/**
 * Fault injection for tests: a site told to fail answers its next requests with a status (and Retry-After,
 * headers, a body, a delay) before its credentials are even checked, to exercise the gateway's error paths.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface Fault {
  status: number;
  /** Only requests with this method fail (e.g. the PUT of an update, not the GET before it). */
  method?: string;
  /** Only requests whose path (relative to the site, e.g. `/wiki/api/v2/spaces/1`) matches fail. */
  path?: RegExp;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  /** How many requests fail before the site recovers; default every request until cleared. */
  times?: number;
  /** Hold the answer this long (to provoke timeouts). */
  delayMs?: number;
  /**
   * Hold the answer until this settles: a call kept in flight for exactly as long as the test needs, however slow
   * the machine. `held` hears each request as it starts to wait, so the test knows the call reached the site.
   */
  holdUntil?: Promise<unknown>;
  held?: () => void;
  /** After the delay, answer the request normally instead of with `status`: a slow upstream, not a failing one. */
  thenServe?: boolean;
  /** Extra response headers, e.g. a redirect's `Location`. */
  headers?: Record<string, string>;
  /** The answer, or a function making it from the request (pages that never end, answers in the wrong shape). */
  body?: unknown;
}

/** What a fault's `body` function sees of the request it answers. */
export interface FaultRequest {
  path: string;
  query: Record<string, string>;
}

type ActiveFault = Fault & { remaining: number };

/** The faults of every site, and the hook that applies them to one site's scope. */
export function createFaults() {
  const faults = new Map<string, ActiveFault>();
  return {
    /** Sets a site's fault, or clears it with `undefined`. */
    set: (siteId: string, fault: Fault | undefined): void => {
      if (fault) faults.set(siteId, { ...fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
      else faults.delete(siteId);
    },
    install: (scope: FastifyInstance, site: { id: string; prefix: string }): void => {
      scope.addHook('onRequest', async (request, reply) => {
        const fault = faults.get(site.id);
        if (fault) return applyFault(fault, site.prefix, request, reply);
      });
    },
  };
}

async function applyFault(
  fault: ActiveFault,
  prefix: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const url = new URL(request.url, 'http://sandbox');
  const path = url.pathname.replace(prefix, '');
  if (
    fault.remaining <= 0 ||
    (fault.method && fault.method !== request.method) ||
    (fault.path && !fault.path.test(path))
  )
    return undefined;
  fault.remaining--;
  if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault.holdUntil) {
    fault.held?.();
    await fault.holdUntil.catch(() => undefined);
  }
  if (fault.thenServe) return undefined;
  if (fault.retryAfter !== undefined) reply.header('retry-after', String(fault.retryAfter));
  if (fault.headers) reply.headers(fault.headers);
  const body =
    typeof fault.body === 'function'
      ? (fault.body as (at: FaultRequest) => unknown)({ path, query: Object.fromEntries(url.searchParams) })
      : fault.body;
  return reply
    .code(fault.status)
    .type('application/json')
    .send(JSON.stringify(body ?? { errorMessages: [`Sandbox fault: HTTP ${fault.status}`], errors: {} }));
}
