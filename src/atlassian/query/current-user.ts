/**
 * `currentUser()` in a caller's JQL or CQL, found by the query tokenizer: only the function call itself counts, never
 * the same letters inside a quoted string (`summary ~ "currentUser()"`), so replacing it for a shared service account
 * changes what the query means exactly where the caller meant themselves.
 */
import { tokenize, type QueryLanguage, type QueryToken } from './tokenize.js';

/** Where `currentUser()` is called in the query: [start, end) offsets of each call, in order. */
export function currentUserCalls(query: string, language: QueryLanguage): Array<[number, number]> {
  const tokens = tokenize(query, language);
  const calls: Array<[number, number]> = [];
  tokens.forEach((token, index) => {
    const open = tokens[index + 1];
    const close = tokens[index + 2];
    if (isCurrentUser(token) && open?.kind === 'open' && close?.kind === 'close') calls.push([token.start, close.end]);
  });
  return calls;
}

/** The query with every `currentUser()` call replaced by `literal` (already quoted); strings are left alone. */
export function replaceCurrentUser(query: string, language: QueryLanguage, literal: string): string {
  let replaced = '';
  let from = 0;
  for (const [start, end] of currentUserCalls(query, language)) {
    replaced += query.slice(from, start) + literal;
    from = end;
  }
  return replaced + query.slice(from);
}

function isCurrentUser(token: QueryToken): boolean {
  return token.kind === 'word' && token.text.toLowerCase() === 'currentuser';
}
