/**
 * A deliberately strict tokenizer for JQL and CQL, the two query languages a caller can send. It knows what
 * decides the structure of a query — quoted strings (both quote kinds, backslash escapes), parentheses, commas,
 * operators and bare words — and refuses whatever it cannot classify with certainty (a backslash or a comment
 * marker outside quotes, an unterminated string, unbalanced parentheses, invisible or control characters), so
 * the gateway never composes a query whose shape Atlassian could read differently from the way it was checked.
 */
import { ToolInputError } from '../input-error.js';

export type QueryLanguage = 'JQL' | 'CQL';

export type QueryTokenKind = 'string' | 'word' | 'open' | 'close' | 'comma' | 'operator';

export interface QueryToken {
  kind: QueryTokenKind;
  /** The token as written, quotes and escapes included. */
  text: string;
  /** Offsets into the query: `query.slice(start, end) === text`. */
  start: number;
  end: number;
  /** Parentheses around the token; a parenthesis itself counts the ones outside it. */
  depth: number;
}

/** Characters that separate tokens outside strings; only ASCII whitespace is whitespace here. */
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);
const OPERATOR_CHARS = new Set(['=', '!', '<', '>', '~', '&', '|']);
const COMMENT_MARKERS = ['/*', '*/', '//', '--'];

/** Thrown for a query that was not sent; the message says what is wrong and where. */
export function refuseQuery(language: QueryLanguage, reason: string): never {
  throw new ToolInputError(`the ${language} was not sent: ${reason}`);
}

export function tokenize(query: string, language: QueryLanguage): QueryToken[] {
  const tokens: QueryToken[] = [];
  const opened: number[] = [];
  let index = 0;
  const push = (kind: QueryTokenKind, end: number, depth = opened.length) => {
    tokens.push({ kind, text: query.slice(index, end), start: index, end, depth });
    index = end;
  };
  while (index < query.length) {
    const char = query[index]!;
    if (WHITESPACE.has(char)) {
      index++;
    } else if (char === '"' || char === "'") {
      push('string', stringEnd(query, index, language));
    } else if (char === '(') {
      push('open', index + 1);
      opened.push(tokens.at(-1)!.start);
    } else if (char === ')') {
      if (opened.length === 0)
        refuseQuery(language, `the ")" at character ${index + 1} closes a parenthesis that was never opened`);
      opened.pop();
      push('close', index + 1);
    } else if (char === ',') {
      push('comma', index + 1);
    } else if (OPERATOR_CHARS.has(char)) {
      let end = index + 1;
      while (end < query.length && OPERATOR_CHARS.has(query[end]!)) end++;
      push('operator', end);
    } else {
      push('word', wordEnd(query, index, language));
    }
  }
  if (opened.length > 0) refuseQuery(language, `the "(" at character ${opened[0]! + 1} is never closed`);
  return tokens;
}

/** The end of a quoted string starting at `start`: a backslash escapes the next character. */
function stringEnd(query: string, start: number, language: QueryLanguage): number {
  const quote = query[start]!;
  let index = start + 1;
  while (index < query.length && query[index] !== quote) {
    refuseInvisible(query, index, language, 'inside a string');
    index += query[index] === '\\' ? 2 : 1;
  }
  if (index >= query.length)
    refuseQuery(language, `the string opened with ${quote} at character ${start + 1} is never closed`);
  return index + 1;
}

/** The end of a bare word (a field, a value, a keyword, a function name) starting at `start`. */
function wordEnd(query: string, start: number, language: QueryLanguage): number {
  let index = start;
  while (index < query.length) {
    const char = query[index]!;
    if (WHITESPACE.has(char) || OPERATOR_CHARS.has(char) || '"\'(),'.includes(char)) break;
    const at = `character ${index + 1}`;
    if (char === '\\')
      refuseQuery(language, `the backslash at ${at} is outside quotes; put the value in "double quotes"`);
    refuseInvisible(query, index, language, 'outside quotes');
    if (/\s/u.test(char))
      refuseQuery(language, `${at} is a ${describeCodePoint(char)} space; use a plain space outside quotes`);
    index++;
  }
  const word = query.slice(start, index);
  const marker = COMMENT_MARKERS.find((candidate) => word.includes(candidate));
  const at = start + word.indexOf(marker ?? '') + 1;
  if (marker)
    refuseQuery(language, `"${marker}" at character ${at} looks like a comment marker; quote the value if it is one`);
  return index;
}

/** Control characters, invisible formatting characters and broken surrogate pairs are never sent. */
function refuseInvisible(query: string, index: number, language: QueryLanguage, where: string): void {
  const char = query[index]!;
  const code = char.charCodeAt(0);
  if (code >= 0xd800 && code <= 0xdbff && /[\uDC00-\uDFFF]/.test(query[index + 1] ?? '')) return;
  if (code >= 0xdc00 && code <= 0xdfff && /[\uD800-\uDBFF]/.test(query[index - 1] ?? '')) return;
  const invisible =
    /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u.test(char) && !(where === 'inside a string' && '\t\r\n'.includes(char));
  if (invisible) refuseQuery(language, `character ${index + 1} is an invisible ${describeCodePoint(char)} ${where}`);
}

function describeCodePoint(char: string): string {
  return `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}
