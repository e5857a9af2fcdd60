/** Confluence list pages: offset pages with a `next` link the v1 way (Server/DC), or cursor pages the v2 way (Cloud). */
import type { ConfluenceContext } from './confluence-context.js';

/** The paging parameters of a listing: `start` (v1) or `cursor` (v2), and `limit`. */
export type PageQuery = { start?: string; cursor?: string; limit?: string };

/** One page of `items`; `path` is the listing's path under the API (`/spaces/1/pages`), for the `next` link. */
export function listPage<T>({ cloud, site }: ConfluenceContext, items: T[], query: PageQuery, path: string) {
  const start = Number(
    cloud ? (query.cursor ? Buffer.from(query.cursor, 'base64url').toString() : 0) : (query.start ?? 0),
  );
  const limit = Number(query.limit ?? 25);
  const slice = items.slice(start, start + limit);
  const more = start + limit < items.length;
  if (cloud)
    return {
      results: slice,
      _links: more
        ? {
            next: `/wiki/api/v2${path}?cursor=${Buffer.from(String(start + limit)).toString('base64url')}&limit=${limit}`,
            base: `${site.baseUrl()}/wiki`,
          }
        : { base: `${site.baseUrl()}/wiki` },
    };
  return {
    results: slice,
    start,
    limit,
    size: slice.length,
    _links: {
      base: site.baseUrl(),
      context: '',
      ...(more ? { next: `/rest/api${path}?start=${start + limit}&limit=${limit}` } : {}),
    },
  };
}
