/**
 * The one way a value becomes part of a REST path. Every segment built from a caller's argument (or from an id
 * Atlassian returned) goes through `segment`, which percent-encodes it and refuses the values that would change
 * which endpoint is addressed: empty, `.` and `..` (URL parsers resolve them, climbing out of the endpoint).
 */
import { ToolInputError } from './input-error.js';

const DOT_SEGMENT = /^\.{1,2}$/;

/** `value` as one encoded path segment; `/`, `?`, `#` and `%` are encoded, dot segments and '' refused. */
export function segment(value: string | number): string {
  const text = String(value);
  if (text === '' || DOT_SEGMENT.test(text)) {
    throw new ToolInputError(
      `${text === '' ? 'an empty value' : `"${text}"`} cannot be part of a request path; pass the key or id itself`,
    );
  }
  return encodeURIComponent(text);
}
