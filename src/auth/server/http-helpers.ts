/**
 * The small HTTP vocabulary of the authorization server: OAuth error answers (RFC 6749 §5.2), HTML pages with
 * the anti-framing headers, the sign-in cookie, and form-or-JSON request bodies.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SIGN_IN_COOKIE = 'gateway_sign_in';

/** An OAuth error as JSON, never cached. */
export function oauthError(reply: FastifyReply, status: number, error: string, description: string) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('application/json')
    .send({ error, error_description: description });
}

/** An HTML page that no other site may frame (clickjacking) and no cache keeps. */
export function htmlPage(reply: FastifyReply, status: number, html: string) {
  return reply
    .code(status)
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    )
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}

export function signInCookie(id: string, secure: boolean): string {
  return `${SIGN_IN_COOKIE}=${id}; Path=/authorize; Max-Age=600; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export function clearedCookie(secure: boolean): string {
  return `${SIGN_IN_COOKIE}=; Path=/authorize; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

export function cookieValue(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** A request body's string fields, whether it came as a form or as JSON. */
export function bodyFields(request: FastifyRequest): Record<string, string | undefined> {
  const body = request.body;
  if (!body || typeof body !== 'object') return {};
  const fields: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>))
    if (typeof value === 'string') fields[key] = value;
  return fields;
}

/** Client credentials from `Authorization: Basic` (RFC 6749 §2.3.1) or the body. */
export function clientCredentials(
  request: FastifyRequest,
  fields: Record<string, string | undefined>,
): { clientId?: string; secret?: string; method?: 'client_secret_basic' | 'client_secret_post' } {
  const header = request.headers.authorization;
  if (header?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0)
      return {
        clientId: decodeURIComponent(decoded.slice(0, colon)),
        secret: decodeURIComponent(decoded.slice(colon + 1)),
        method: 'client_secret_basic',
      };
  }
  if (fields.client_secret !== undefined)
    return { clientId: fields.client_id, secret: fields.client_secret, method: 'client_secret_post' };
  return { clientId: fields.client_id };
}
