/** CQL composition: plain words become a site search; space lists are ANDed in without letting the query escape. */
import { restrictQuery } from '../query/restrict.js';

const CQL_SIGNS =
  /\b(type|space|title|text|label|creator|contributor|mention|created|lastmodified|ancestor|parent|id|siteSearch|favourite|watcher)\s*(=|~|!=|!~|>=|<=|>|<|\bin\b|\bnot\s+in\b)/i;

export function looksLikeCql(query: string): boolean {
  return CQL_SIGNS.test(query);
}

export function quoteCqlValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Plain text → `siteSearch ~ "…"` (or `text ~` where siteSearch is unsupported); CQL passes through. */
export function toCql(query: string, field: 'siteSearch' | 'text' = 'siteSearch'): string {
  return looksLikeCql(query) ? query : `${field} ~ ${quoteCqlValue(query)}`;
}

/**
 * ANDs `space in (…)` into a CQL query. The caller's condition becomes one parenthesised group and only a
 * plain ORDER BY may follow; other input is refused, never sent.
 */
export function restrictToSpaces(cql: string, spaces: readonly string[] | undefined): string {
  if (!spaces || spaces.length === 0) return cql;
  return restrictQuery(cql, `space in (${spaces.map(quoteCqlValue).join(', ')})`, 'CQL');
}
