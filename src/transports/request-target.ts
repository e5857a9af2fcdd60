/**
 * HTTP/1.1 servers must accept a request target in absolute form (`POST http://host/mcp HTTP/1.1`, as proxies
 * send it). The router maps it to its path, but the SDK rebuilds the URL from `Host` and the target and got the
 * origin twice, answering 500. The MCP routes see the target reduced to its path and query first.
 */
import type { FastifyRequest } from 'fastify';

const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\//i;

export async function useOriginForm(request: FastifyRequest): Promise<void> {
  const target = request.raw.url;
  if (!target || !ABSOLUTE_FORM.test(target) || !URL.canParse(target)) return;
  const url = new URL(target);
  request.raw.url = `${url.pathname}${url.search}`;
}
