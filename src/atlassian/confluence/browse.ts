/**
 * Confluence page listings: a space's pages and a page's children. Cloud reads them from REST v2 (cursor paging);
 * Server/DC from REST v1 (`start`/`limit`). Spaces and footer comments have files of their own, re-exported here.
 */
import { z } from 'zod';
import { collectPages, type Collected } from '../paging.js';
import { segment } from '../path.js';
import { anyId, getAs, loose, operation, optionalText } from '../shape.js';
import { resultsOf, v1ContentShape, v2PageShape } from './answer-shapes.js';
import { cursorPage, offsetPage, type Listing, type Page, type Paging } from './browse-paging.js';
import type { ConfluenceClient, RawPage } from './client.js';
import type { SpaceRecord } from './spaces.js';

export * from './browse-paging.js';
export * from './footer-comments.js';
export * from './spaces.js';

export interface PageSummary {
  id: string;
  title: string;
  /** The parent page, when the listing says (space listings do). */
  parent_id?: string | null;
  version: number | null;
  last_modified: string | null;
  url: string;
  /** Storage format when asked for content. */
  storage?: string;
}
const ANSWERS = {
  getPagesInSpace: operation<Listing<V2Page>>('getPagesInSpace', () => resultsOf(v2PageShape())),
  getContent: operation<Listing<V1Content>>('getContent', () => resultsOf(v1ContentShape())),
  getPageDirectChildren: operation<Listing<{ id: string; title: string; type?: string }>>('getPageDirectChildren', () =>
    resultsOf(loose({ id: anyId, title: z.string(), type: optionalText })),
  ),
  getChildPages: operation<Listing<V1Content>>('getContentChildrenByType', () => resultsOf(v1ContentShape())),
};

export async function getSpacePages(
  confluence: ConfluenceClient,
  space: SpaceRecord,
  paging: Paging,
): Promise<Page<PageSummary>> {
  if (confluence.platform === 'cloud') {
    const answer = await getAs(
      confluence.http,
      ANSWERS.getPagesInSpace,
      `/api/v2/spaces/${segment(space.id)}/pages`,
      { limit: paging.limit, cursor: paging.cursor, sort: 'title' },
      paging.signal,
    );
    return cursorPage(
      answer.results.map((page) => fromV2Page(confluence, page)),
      paging.cursor,
      answer,
    );
  }
  const start = paging.start ?? 0;
  const answer = await getAs(
    confluence.http,
    ANSWERS.getContent,
    '/rest/api/content',
    { spaceKey: space.key, type: 'page', expand: 'version,ancestors', start, limit: paging.limit },
    paging.signal,
  );
  return offsetPage(
    answer.results.map((page) => fromV1Page(confluence, page)),
    start,
    answer,
  );
}

/**
 * Every page of a space, for a page tree: page after page (by cursor on Cloud, by offset on Server/DC) until
 * `maxItems`, at most `maxPages` requests.
 */
export function collectSpacePages(
  confluence: ConfluenceClient,
  space: SpaceRecord,
  limits: { maxItems: number; maxPages: number; signal?: AbortSignal },
): Promise<Collected<PageSummary>> {
  return collectPages<PageSummary, string | number>({
    // Cloud pages by cursor (none for the first page), Server/DC by offset.
    first: confluence.platform === 'cloud' ? '' : 0,
    maxPages: limits.maxPages,
    maxItems: limits.maxItems,
    idOf: (page) => page.id,
    signal: limits.signal,
    fetch: async (position, collected) => {
      const at = typeof position === 'string' ? { cursor: position || undefined } : { start: position };
      const page = await getSpacePages(confluence, space, {
        limit: Math.min(100, limits.maxItems - collected),
        ...at,
        signal: limits.signal,
      });
      return { items: page.items, next: page.nextCursor ?? page.nextStart, stopped: page.stopped };
    },
  });
}

/** The direct child pages of a page; with `withContent`, each with its storage. */
export async function getChildren(
  confluence: ConfluenceClient,
  parent: RawPage,
  withContent: boolean,
  paging: Paging,
): Promise<Page<PageSummary>> {
  const parentId = parent.id;
  if (confluence.platform === 'cloud') {
    const answer = await getAs(
      confluence.http,
      ANSWERS.getPageDirectChildren,
      `/api/v2/pages/${segment(parentId)}/direct-children`,
      { limit: paging.limit, cursor: paging.cursor },
      paging.signal,
    );
    const pages = answer.results.filter((child) => !child.type || child.type === 'page');
    const items: PageSummary[] = withContent
      ? await Promise.all(
          pages.map(async (child) => {
            const page = await confluence.getPage(child.id, { signal: paging.signal, sameSpaceAs: parent });
            return {
              id: page.id,
              title: page.title,
              version: page.version,
              last_modified: page.lastModified,
              url: page.webUrl,
              storage: page.storage,
            };
          }),
        )
      : pages.map((child) => ({
          id: String(child.id),
          title: child.title,
          version: null,
          last_modified: null,
          url: confluence.webUrl(`/pages/${segment(child.id)}`),
        }));
    return cursorPage(items, paging.cursor, answer);
  }
  const start = paging.start ?? 0;
  const expand = withContent ? 'version,body.storage' : 'version';
  const answer = await getAs(
    confluence.http,
    ANSWERS.getChildPages,
    `/rest/api/content/${segment(parentId)}/child/page`,
    { expand, start, limit: paging.limit },
    paging.signal,
  );
  return offsetPage(
    answer.results.map((page) => ({
      ...fromV1Page(confluence, page),
      ...(withContent ? { storage: page.body?.storage?.value ?? '' } : {}),
    })),
    start,
    answer,
  );
}
interface V2Page {
  id: string;
  title: string;
  parentId?: string | null;
  version?: { number?: number; createdAt?: string };
  _links?: { webui?: string };
}

export interface V1Content {
  id: string;
  title: string;
  ancestors?: Array<{ id: string }>;
  version?: { number?: number; when?: string };
  body?: { storage?: { value?: string } };
  _links?: { webui?: string };
}
function fromV2Page(confluence: ConfluenceClient, page: V2Page): PageSummary {
  return {
    id: String(page.id),
    title: page.title,
    parent_id: page.parentId ?? null,
    version: page.version?.number ?? null,
    last_modified: page.version?.createdAt ?? null,
    url: confluence.webUrl(page._links?.webui ?? `/pages/${segment(page.id)}`),
  };
}

function fromV1Page(confluence: ConfluenceClient, page: V1Content): PageSummary {
  const parent = page.ancestors?.at(-1)?.id;
  return {
    id: String(page.id),
    title: page.title,
    ...(page.ancestors ? { parent_id: parent ? String(parent) : null } : {}),
    version: page.version?.number ?? null,
    last_modified: page.version?.when ?? null,
    url: confluence.webUrl(page._links?.webui ?? `/pages/viewpage.action?pageId=${page.id}`),
  };
}
