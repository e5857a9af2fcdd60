/** Request recording for tests: every request a site answered, as the site saw it, for assertions on what was sent. */
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface RecordedRequest {
  site: string;
  method: string;
  /** Path relative to the site, e.g. `/rest/api/3/issue/WEB-1`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
  userAgent: string | undefined;
  /** Every header as received (custom headers, tenant isolation checks). */
  headers: Record<string, string | string[] | undefined>;
}

/** Appends every request the site's scope answers to `requests`. */
export function recordRequests(
  requests: RecordedRequest[],
  scope: FastifyInstance,
  site: { id: string; prefix: string },
): void {
  scope.addHook('onResponse', async (request) => void requests.push(recorded(site.id, site.prefix, request)));
}

function recorded(site: string, prefix: string, request: FastifyRequest): RecordedRequest {
  const parsed = new URL(request.url, 'http://sandbox');
  return {
    site,
    method: request.method,
    path: parsed.pathname.replace(prefix, ''),
    query: Object.fromEntries(parsed.searchParams),
    body: request.body,
    authorization: request.headers.authorization,
    userAgent: request.headers['user-agent'],
    headers: request.headers,
  };
}
