/** Helpers for the compact markdown every tool answers with. */

/** Longest body returned before it is cut with a note; keeps one long description from eating the context. */
export const DEFAULT_BODY_LIMIT = 20_000;

/** Cuts a long body at a line break near the limit and says so, never silently. */
export function truncateBody(
  text: string,
  limit = DEFAULT_BODY_LIMIT,
  howToGetMore = '',
): { text: string; truncated: boolean } {
  if (text.length <= limit) return { text, truncated: false };
  const cut = text.lastIndexOf('\n', limit);
  const kept = text.slice(0, cut > limit * 0.8 ? cut : limit);
  const note = `\n\n[… cut: showing ${kept.length} of ${text.length} characters${howToGetMore ? `; ${howToGetMore}` : ''}]`;
  return { text: kept + note, truncated: true };
}

/** `Label: value` pairs joined on one line, skipping empty values. */
export function facts(pairs: ReadonlyArray<readonly [string, string | null | undefined | readonly string[]]>): string {
  return pairs
    .map(([label, value]) => [label, Array.isArray(value) ? value.join(', ') : value] as const)
    .filter((pair): pair is readonly [string, string] => typeof pair[1] === 'string' && pair[1].length > 0)
    .map(([label, value]) => `${label}: ${value}`)
    .join(' · ');
}

export function shortDate(iso: string | null | undefined): string | null {
  return iso ? iso.slice(0, 10) : null;
}
