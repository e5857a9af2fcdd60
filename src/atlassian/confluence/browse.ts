/**
 * Confluence listings: spaces, a space's pages, a page's children and footer comments. Cloud reads them from
 * REST v2 (cursor paging, people as account ids resolved in bulk); Server/DC from REST v1 (`start`/`limit`).
 * Spaces outside the instance's allow-list are left out of listings and not found by key.
 */
import { z } from 'zod';
import { checkNext, collectPages, type Collected, type PagingStop } from '../paging.js';
import { segment } from '../path.js';
import { anyId, getAs, loose, once, operation, optionalText, requestAs } from '../shape.js';
import { resultsOf, v1ContentShape, v1SpaceShape, v2PageShape, v2SpaceShape } from './answer-shapes.js';
import type { ConfluenceClient, RawPage } from './client.js';

export interface Page<T> {
  items: T[];
  /** Cloud: pass back as `cursor`. */
  nextCursor?: string;
  /** Server/DC: pass back as `start`. */
  nextStart?: number;
  /** Set when Atlassian announced a next page that leads nowhere (an empty page, the same cursor or offset again). */
  stopped?: PagingStop;
}

export interface SpaceRecord {
  id: string;
  key: string;
  name: string;
  type: string | null;
  status: string | null;
  description: string | null;
  homepage_id: string | null;
  url: string;
}

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

export interface CommentRecord {
  id: string;
  author: string | null;
  created: string | null;
  storage: string;
  /** Set on replies: the comment answered. */
  parent_id?: string;
}

export interface Paging {
  limit: number;
  cursor?: string;
  start?: number;
  signal?: AbortSignal;
}

type Links = { _links?: { next?: string } };
type Listing<T> = { results: T[]; size?: number } & Links;

const v1CommentShape = once(() =>
  v1ContentShape().extend({
    history: z
      .looseObject({ createdBy: z.looseObject({ displayName: optionalText }).nullish(), createdDate: optionalText })
      .nullish(),
  }),
);

const ANSWERS = {
  getSpaces: operation<Listing<V2Space>>('getSpaces', () => resultsOf(v2SpaceShape())),
  getSpacesV1: operation<Listing<V1Space>>('getSpaces', () => resultsOf(v1SpaceShape())),
  getSpace: operation<V1Space>('getSpace', () => v1SpaceShape()),
  getPagesInSpace: operation<Listing<V2Page>>('getPagesInSpace', () => resultsOf(v2PageShape())),
  getContent: operation<Listing<V1Content>>('getContent', () => resultsOf(v1ContentShape())),
  getPageDirectChildren: operation<Listing<{ id: string; title: string; type?: string }>>('getPageDirectChildren', () =>
    resultsOf(loose({ id: anyId, title: z.string(), type: optionalText })),
  ),
  getChildPages: operation<Listing<V1Content>>('getContentChildrenByType', () => resultsOf(v1ContentShape())),
  getPageFooterComments: operation<Listing<V2Comment>>('getPageFooterComments', () =>
    resultsOf(v2PageShape().partial({ title: true })),
  ),
  getFooterCommentChildren: operation<Listing<V2Comment>>('getFooterCommentChildren', () =>
    resultsOf(v2PageShape().partial({ title: true })),
  ),
  getChildComments: operation<
    Listing<V1Content & { history?: { createdBy?: { displayName?: string }; createdDate?: string } }>
  >('getContentChildrenByType', () => resultsOf(v1CommentShape().partial({ title: true }))),
  createBulkUserLookup: operation<{ results: Array<{ accountId?: string; displayName?: string }> }>(
    'createBulkUserLookup',
    () => resultsOf(loose({ accountId: optionalText, displayName: optionalText })),
  ),
};

/** Cloud: `items` made from `answer`, with the cursor of `_links.next` unless it leads back to where this page started. */
function cursorPage<T>(items: T[], requested: string | undefined, answer: Listing<unknown>): Page<T> {
  const checked = checkNext({
    position: requested,
    next: cursorOf(answer._links?.next),
    received: answer.results.length,
  });
  return { items, nextCursor: checked.next, stopped: checked.stopped };
}

/** Server/DC: `items` made from `answer`, with the next offset when `_links.next` says there is one, unless it does not move forward. */
function offsetPage<T>(items: T[], start: number, answer: Listing<unknown>): Page<T> {
  const received = answer.results.length;
  const checked = checkNext({
    position: start,
    next: answer._links?.next ? start + (answer.size ?? received) : undefined,
    received,
  });
  return { items, nextStart: checked.next, stopped: checked.stopped };
}

/** One page of the spaces the account can see, those outside the allow-list left out. */
export async function listSpaces(
  confluence: ConfluenceClient,
  filter: { type?: string; status?: string },
  paging: Paging,
): Promise<Page<SpaceRecord>> {
  const page = await listAllSpaces(confluence, filter, paging);
  return { ...page, items: page.items.filter((space) => confluence.scope.allows(space.key)) };
}

async function listAllSpaces(
  confluence: ConfluenceClient,
  filter: { type?: string; status?: string },
  paging: Paging,
): Promise<Page<SpaceRecord>> {
  if (confluence.platform === 'cloud') {
    const answer = await getAs(
      confluence.http,
      ANSWERS.getSpaces,
      '/api/v2/spaces',
      {
        type: filter.type,
        status: filter.status,
        'description-format': 'plain',
        limit: paging.limit,
        cursor: paging.cursor,
      },
      paging.signal,
    );
    return cursorPage(
      answer.results.map((space) => fromV2Space(confluence, space)),
      paging.cursor,
      answer,
    );
  }
  const start = paging.start ?? 0;
  const answer = await getAs(
    confluence.http,
    ANSWERS.getSpacesV1,
    '/rest/api/space',
    { type: filter.type, status: filter.status, expand: 'description.plain,homepage', start, limit: paging.limit },
    paging.signal,
  );
  return offsetPage(
    answer.results.map((space) => fromV1Space(confluence, space)),
    start,
    answer,
  );
}

/** One space by key; not found when it does not exist or lies outside the allow-list (then nothing is asked). */
export async function getSpace(confluence: ConfluenceClient, key: string, signal?: AbortSignal): Promise<SpaceRecord> {
  if (confluence.platform === 'cloud') {
    confluence.requireSpace(key, 'GET', '/api/v2/spaces');
    const answer = await getAs(
      confluence.http,
      ANSWERS.getSpaces,
      '/api/v2/spaces',
      { keys: key, 'description-format': 'plain' },
      signal,
    );
    const space = answer.results[0];
    if (!space) throw confluence.notFound('GET', '/api/v2/spaces');
    return fromV2Space(confluence, space);
  }
  const path = `/rest/api/space/${segment(key)}`;
  confluence.requireSpace(key, 'GET', path);
  return fromV1Space(
    confluence,
    await getAs(confluence.http, ANSWERS.getSpace, path, { expand: 'description.plain,homepage' }, signal),
  );
}

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

export async function getFooterComments(
  confluence: ConfluenceClient,
  page: RawPage,
  paging: Paging,
): Promise<Page<CommentRecord>> {
  const pageId = page.id;
  if (confluence.platform === 'cloud') {
    const answer = await getAs(
      confluence.http,
      ANSWERS.getPageFooterComments,
      `/api/v2/pages/${segment(pageId)}/footer-comments`,
      { 'body-format': 'storage', limit: paging.limit, cursor: paging.cursor },
      paging.signal,
    );
    const topLevel = answer.results;
    // Cloud lists replies under their comment, not on the page; fetch them so a thread reads as one.
    const replies = await Promise.all(
      topLevel.map((comment) =>
        getAs(
          confluence.http,
          ANSWERS.getFooterCommentChildren,
          `/api/v2/footer-comments/${segment(comment.id)}/children`,
          { 'body-format': 'storage', limit: 25 },
          paging.signal,
        ),
      ),
    );
    const thread = topLevel.flatMap((comment, index) => [
      { comment, parentId: undefined as string | undefined },
      ...(replies[index]?.results ?? []).map((reply) => ({ comment: reply, parentId: String(comment.id) })),
    ]);
    const names = await displayNames(
      confluence,
      thread.map(({ comment }) => comment.version?.authorId).filter((id): id is string => Boolean(id)),
      paging.signal,
    );
    const items = thread.map(({ comment, parentId }) => ({
      id: String(comment.id),
      author: names.get(comment.version?.authorId ?? '') ?? comment.version?.authorId ?? null,
      created: comment.version?.createdAt ?? null,
      storage: comment.body?.storage?.value ?? '',
      ...(parentId ? { parent_id: parentId } : {}),
    }));
    return cursorPage(items, paging.cursor, answer);
  }
  const start = paging.start ?? 0;
  const answer = await getAs(
    confluence.http,
    ANSWERS.getChildComments,
    `/rest/api/content/${segment(pageId)}/child/comment`,
    { expand: 'body.storage,history,ancestors', start, limit: paging.limit },
    paging.signal,
  );
  const items = answer.results.map((comment) => {
    const parent = comment.ancestors?.filter((ancestor) => String(ancestor.id) !== pageId).at(-1)?.id;
    return {
      id: String(comment.id),
      author: comment.history?.createdBy?.displayName ?? null,
      created: comment.history?.createdDate ?? null,
      storage: comment.body?.storage?.value ?? '',
      ...(parent ? { parent_id: String(parent) } : {}),
    };
  });
  return offsetPage(items, start, answer);
}

interface V2Comment {
  id: string;
  version?: { authorId?: string; createdAt?: string };
  body?: { storage?: { value?: string } };
}

/** Cloud names people by account id; one bulk lookup turns them into display names. */
export async function displayNames(
  confluence: ConfluenceClient,
  accountIds: string[],
  signal?: AbortSignal,
): Promise<Map<string, string>> {
  const unique = [...new Set(accountIds)];
  if (unique.length === 0) return new Map();
  const answer = await requestAs(confluence.http, ANSWERS.createBulkUserLookup, 'POST', '/api/v2/users-bulk', {
    body: { accountIds: unique },
    idempotent: true,
    signal,
  });
  return new Map(
    answer.results
      .filter((user) => user.accountId && user.displayName)
      .map((user) => [user.accountId!, user.displayName!]),
  );
}

interface V2Space {
  id: string;
  key: string;
  name: string;
  type?: string;
  status?: string;
  homepageId?: string;
  description?: { plain?: { value?: string } };
  _links?: { webui?: string };
}

interface V1Space {
  id?: number | string;
  key: string;
  name: string;
  type?: string;
  status?: string;
  description?: { plain?: { value?: string } };
  homepage?: { id?: string };
  _links?: { webui?: string };
}

interface V2Page {
  id: string;
  title: string;
  parentId?: string | null;
  version?: { number?: number; createdAt?: string };
  _links?: { webui?: string };
}

interface V1Content {
  id: string;
  title: string;
  ancestors?: Array<{ id: string }>;
  version?: { number?: number; when?: string };
  body?: { storage?: { value?: string } };
  _links?: { webui?: string };
}

function fromV2Space(confluence: ConfluenceClient, space: V2Space): SpaceRecord {
  return {
    id: String(space.id),
    key: space.key,
    name: space.name,
    type: space.type ?? null,
    status: space.status ?? null,
    description: space.description?.plain?.value || null,
    homepage_id: space.homepageId ?? null,
    url: confluence.webUrl(space._links?.webui ?? `/spaces/${segment(space.key)}`),
  };
}

function fromV1Space(confluence: ConfluenceClient, space: V1Space): SpaceRecord {
  return {
    id: String(space.id ?? space.key),
    key: space.key,
    name: space.name,
    type: space.type ?? null,
    status: space.status ?? null,
    description: space.description?.plain?.value || null,
    homepage_id: space.homepage?.id ? String(space.homepage.id) : null,
    url: confluence.webUrl(space._links?.webui ?? `/display/${segment(space.key)}`),
  };
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

/** The `cursor` parameter of a `_links.next` URL, which is how Cloud says there is more. */
export function cursorOf(next: string | undefined): string | undefined {
  if (!next) return undefined;
  return new URLSearchParams(next.includes('?') ? next.slice(next.indexOf('?') + 1) : '').get('cursor') ?? undefined;
}
