/** Extra HTTP headers an instance sends with every request: `K=V,K2=V2` (env) or a YAML map. */
import { z } from 'zod';

/** Header names a user may not override: the gateway owns them. */
const RESERVED_HEADERS = [
  'authorization',
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'cookie',
];

/** The characters of an HTTP header name (RFC 9110 token). */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * `Name=value,Name2=value2` (env) into a map. A piece without `=` continues the previous value (`X-Tags=a,b` is
 * one header); a first piece without `=` is refused without being echoed, since it may be a value (`Key: s3cret`).
 */
function parseHeaderList(text: string, ctx: { issues: unknown[] }): Record<string, string> | typeof z.NEVER {
  const headers: Record<string, string> = {};
  let last: string | undefined;
  for (const piece of text.split(',')) {
    const at = piece.indexOf('=');
    if (at >= 0) {
      last = piece.slice(0, at).trim();
      headers[last] = piece.slice(at + 1);
    } else if (last !== undefined) {
      headers[last] += `,${piece}`;
    } else if (piece.trim()) {
      ctx.issues.push({
        code: 'custom',
        message: 'expected Name=value pairs separated by commas (the text is not shown: it may hold a value)',
        input: '',
      });
      return z.NEVER;
    }
  }
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.trim()]));
}

/** `K=V,K2=V2` (env) or a YAML map; names must be valid header tokens and not ones the gateway sets. */
export const headerMap = z.preprocess(
  (value, ctx) => (typeof value === 'string' ? parseHeaderList(value, ctx) : value),
  z.record(
    z
      .string()
      .regex(HEADER_NAME, { error: 'not a valid header name' })
      .refine((name) => !RESERVED_HEADERS.includes(name.toLowerCase()), {
        error: `the gateway sets this header itself (${RESERVED_HEADERS.join(', ')})`,
      }),
    z
      .string()
      .min(1, { error: 'expected Name=value' })
      .regex(/^[^\r\n]*$/, { error: 'header values cannot contain line breaks' }),
  ),
);
