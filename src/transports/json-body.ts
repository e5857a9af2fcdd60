/**
 * The JSON body parser of the MCP routes: Fastify's own parser (which refuses prototype poisoning), behind a
 * nesting-depth check, and tolerant of an empty body on requests that carry none. Clients send
 * `DELETE /mcp` with `content-type: application/json` and no body to end a session; refusing that as bad
 * JSON left the session open.
 */
import type { FastifyInstance } from 'fastify';
import { nestsDeeperThan, tooDeepError } from './json-text.js';

export function useMcpJsonParser(scope: FastifyInstance): void {
  const parseJson = scope.getDefaultJsonParser('error', 'error');
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.trim() === '' && request.method !== 'POST') return done(null, undefined);
    if (nestsDeeperThan(text)) return done(tooDeepError(), undefined);
    void parseJson(request, text, done);
  });
}
