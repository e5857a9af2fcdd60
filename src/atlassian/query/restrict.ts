/**
 * Composes a caller's JQL or CQL with a restriction (a project or space allow-list, a board filter) so that the
 * restriction always applies: the caller's whole condition becomes one parenthesised group ANDed with it, and an
 * ORDER BY may only be a trailing list of fields and directions. What the tokenizer cannot prove safe is refused.
 */
import { refuseQuery, tokenize, type QueryLanguage, type QueryToken } from './tokenize.js';

export interface CallerQuery {
  /** The condition exactly as the caller wrote it, or '' when there is none. */
  condition: string;
  /** `ORDER BY …` as the caller wrote it, or ''. */
  orderBy: string;
}

const RESERVED = new Set([
  'and',
  'or',
  'not',
  'in',
  'is',
  'was',
  'order',
  'by',
  'asc',
  'desc',
  'empty',
  'null',
  'changed',
]);
const FIELD_WORD = /^[\p{L}\p{N}_.[\]:-]+$/u;
const ONLY_SORT_TOKENS = 'after ORDER BY only fields, ASC/DESC and commas may follow';

/** Splits a caller's query into its condition and its ORDER BY, refusing anything whose structure is unclear. */
export function parseCallerQuery(query: string, language: QueryLanguage): CallerQuery {
  const tokens = tokenize(query, language);
  const orderBys = tokens.flatMap((token, index) =>
    isWord(token, 'order') && isWord(tokens[index + 1], 'by') ? [index] : [],
  );
  if (orderBys.length === 0) return { condition: textOf(query, tokens), orderBy: '' };
  const [first, second] = orderBys as [number, number | undefined];
  const at = (index: number) => tokens[index]!.start + 1;
  if (tokens[first]!.depth > 0)
    refuseQuery(language, `ORDER BY at character ${at(first)} is inside parentheses; it may only end the query`);
  if (second !== undefined) refuseQuery(language, `ORDER BY appears twice (characters ${at(first)} and ${at(second)})`);
  const sortTokens = tokens.slice(first + 2);
  checkSortList(sortTokens, language);
  return { condition: textOf(query, tokens.slice(0, first)), orderBy: `ORDER BY ${textOf(query, sortTokens)}` };
}

/** `(<caller condition>) AND <restriction> [ORDER BY …]`; the restriction alone when the caller gave no condition. */
export function restrictQuery(query: string, restriction: string, language: QueryLanguage): string {
  const { condition, orderBy } = parseCallerQuery(query, language);
  const where = condition ? `(${condition}) AND ${restriction}` : restriction;
  return orderBy ? `${where} ${orderBy}` : where;
}

/** `field [ASC|DESC] (, field [ASC|DESC])*`, fields as bare names or quoted; nothing else may follow ORDER BY. */
function checkSortList(tokens: readonly QueryToken[], language: QueryLanguage): void {
  if (tokens.length === 0) refuseQuery(language, 'ORDER BY names no field');
  let expectField = true;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const at = `at character ${token.start + 1}`;
    if (expectField) {
      if (!isSortField(token)) refuseQuery(language, `${ONLY_SORT_TOKENS}; "${token.text}" ${at} is not a field`);
      expectField = false;
      if (isWord(tokens[index + 1], 'asc') || isWord(tokens[index + 1], 'desc')) index++;
    } else if (token.kind === 'comma') {
      expectField = true;
    } else {
      refuseQuery(language, `${ONLY_SORT_TOKENS}; "${token.text}" ${at} is not one of them`);
    }
  }
  if (expectField) refuseQuery(language, 'ORDER BY ends with a comma');
}

/** A quoted field name, or a bare one that is not a keyword (`cf[10016]`, `Rank`, `issue.property[x]`). */
function isSortField(token: QueryToken): boolean {
  if (token.kind === 'string') return true;
  return token.kind === 'word' && FIELD_WORD.test(token.text) && !RESERVED.has(token.text.toLowerCase());
}

function isWord(token: QueryToken | undefined, word: string): boolean {
  return token?.kind === 'word' && token.text.toLowerCase() === word;
}

/** The caller's own text from the first to the last token: only whitespace lies between tokens. */
function textOf(query: string, tokens: readonly QueryToken[]): string {
  return tokens.length ? query.slice(tokens[0]!.start, tokens.at(-1)!.end) : '';
}
