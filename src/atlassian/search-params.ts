/** A request's query as the product clients write it, turned into URL search parameters (arrays repeat the key). */

export type Query = Record<string, string | number | boolean | undefined | ReadonlyArray<string | number>>;

export function toSearchParams(query: Query | undefined): URLSearchParams | undefined {
  if (!query) return undefined;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  return params;
}
