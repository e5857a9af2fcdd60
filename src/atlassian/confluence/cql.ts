/** CQL composition: plain words become a site search; instance space allow-lists are ANDed in. */

const CQL_SIGNS = /\b(type|space|title|text|label|creator|contributor|mention|created|lastmodified|ancestor|parent|id|siteSearch|favourite|watcher)\s*(=|~|!=|!~|>=|<=|>|<|\bin\b|\bnot\s+in\b)/i;

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

/** ANDs `space in (…)` into a CQL query, keeping any ORDER BY at the end. */
export function restrictToSpaces(cql: string, spaces: readonly string[] | undefined): string {
  if (!spaces || spaces.length === 0) return cql;
  const match = /\s+order\s+by\s+[^"']*$/i.exec(cql);
  const where = match ? cql.slice(0, match.index) : cql;
  const orderBy = match ? match[0] : '';
  return `(${where}) AND space in (${spaces.map(quoteCqlValue).join(', ')})${orderBy}`;
}
