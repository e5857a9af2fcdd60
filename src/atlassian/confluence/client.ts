/**
 * Confluence REST calls. Cloud reads pages through REST v2 (`/api/v2`) and searches with v1 CQL
 * (`/rest/api/search`, which v2 lacks); Server/Data Center uses v1 throughout. Returns one page shape for both.
 *
 * The client holds the instance's space allow-list (`visibility.ts`): a page or space outside it is not found, and
 * every search is narrowed to it. The operations on a page (comments, labels, versions, attachments…) take the
 * page as `getPage` returned it, so none of them can reach a page the list hides.
 */
import type { Method } from 'got';
import { z } from 'zod';
import type { Platform } from '../../config/schema.js';
import { AtlassianError } from '../errors.js';
import type { AtlassianHttp } from '../http.js';
import { checkNext, type PagingStop } from '../paging.js';
import { segment } from '../path.js';
import { anyId, getAs, loose, once, operation, optionalObject, optionalText } from '../shape.js';
import { resultsOf, v1ContentShape, v2PageShape } from './answer-shapes.js';
import { cursorOf } from './browse.js';
import { restrictToSpaces, toCql } from './cql.js';
import { SpaceScope } from './visibility.js';

/** A page as both platforms can describe it. */
export interface RawPage {
  id: string;
  title: string;
  /** Cloud names a page's space by id; null on Server/DC, which names it by key. */
  spaceId: string | null;
  /** Null when the space was not looked up, or its lookup failed (Cloud). */
  spaceKey: string | null;
  spaceName: string | null;
  version: number | null;
  lastModified: string | null;
  storage: string;
  webUrl: string;
}

export interface RawSearchResult {
  content?: { id?: string | number; type?: string; title?: string; _links?: { webui?: string } };
  title?: string;
  excerpt?: string;
  url?: string;
  lastModified?: string;
  resultGlobalContainer?: { title?: string; displayUrl?: string };
}

export interface SearchResponse {
  results: RawSearchResult[];
  totalSize?: number;
  start?: number;
  size?: number;
  _links?: { next?: string };
}

/** One page of CQL search results and where the next starts: a cursor (Cloud) or an offset (Server/DC). */
export interface SearchPage {
  /** The CQL searched: the caller's query, narrowed to the asked-for spaces and the instance's. */
  cql: string;
  results: RawSearchResult[];
  totalSize?: number;
  nextCursor?: string;
  nextStart?: number;
  /** Set when Atlassian announced a next page that leads nowhere (an empty page, the same cursor or offset again). */
  stopped?: PagingStop;
}

/**
 * What a Cloud page read needs to know of the page's space, which v2 names only by id: `skip` it (no request),
 * `try` to look it up for display (a failed lookup leaves the space unnamed), or `resolve` it because an instance
 * allow-list must be checked (a failed lookup refuses the page: fail closed). Server/DC always names the space.
 */
export type SpaceLookup = 'skip' | 'try' | 'resolve';

/** How `getPage` reads a page. */
export interface PageRead {
  signal?: AbortSignal;
  /** Cloud: whether to look the page's space up (`skip` by default); with an allow-list it always is. */
  lookup?: SpaceLookup;
  /** Cloud: a page read before that may share the space (a parent, an earlier read): its space is reused if so. */
  sameSpaceAs?: RawPage;
}

/** Where a search looks, and which page of results. */
export interface SearchOptions {
  /** Only these space keys (within the instance's). */
  spaces?: readonly string[];
  limit: number;
  start?: number;
  cursor?: string;
  signal?: AbortSignal;
}

interface V2Page {
  id: string;
  title: string;
  spaceId?: string;
  version?: { number?: number; createdAt?: string };
  body?: { storage?: { value?: string } };
  _links?: { webui?: string };
}

interface V1Content {
  id: string;
  title: string;
  space?: { key?: string; name?: string };
  version?: { number?: number; when?: string };
  body?: { storage?: { value?: string } };
  _links?: { webui?: string };
}

const V1_EXPAND = 'body.storage,version,space';

const searchResultShape = once(() =>
  loose({
    content: optionalObject({
      id: anyId.nullish(),
      type: optionalText,
      title: optionalText,
      _links: optionalObject({ webui: optionalText }),
    }),
    title: optionalText,
    excerpt: optionalText,
    url: optionalText,
    lastModified: optionalText,
    resultGlobalContainer: optionalObject({ title: optionalText, displayUrl: optionalText }),
  }),
);
const spaceNameShape = once(() => loose({ id: anyId, key: z.string(), name: optionalText }));

const ANSWERS = {
  getContentById: operation<V1Content>('getContentById', () => v1ContentShape()),
  getContent: operation<{ results: V1Content[] }>('getContent', () => resultsOf(v1ContentShape())),
  getPageById: operation<V2Page>('getPageById', () => v2PageShape()),
  getPages: operation<{ results: V2Page[] }>('getPages', () => resultsOf(v2PageShape())),
  getSpaces: operation<{ results: Array<{ id: string; key: string; name?: string }> }>('getSpaces', () =>
    resultsOf(spaceNameShape()),
  ),
  getSpaceById: operation<{ key: string; name?: string }>('getSpaceById', () => spaceNameShape()),
  searchByCQL: operation<SearchResponse>('searchByCQL', () => resultsOf(searchResultShape())),
  getCurrentUser: operation<{ displayName?: string }>('getCurrentUser', () => loose({ displayName: optionalText })),
};

export class ConfluenceClient {
  /** The instance's space allow-list. */
  readonly scope: SpaceScope;

  constructor(
    readonly http: AtlassianHttp,
    readonly platform: Platform,
    /** The instance URL (ending in /wiki on Cloud), for web links. */
    readonly baseUrl: string,
    /** The instance's `spaces_filter`; none means every space. */
    spacesFilter?: readonly string[],
  ) {
    this.scope = new SpaceScope(spacesFilter);
  }

  /**
   * One page by id. A page outside the allow-list is not found; to tell, a Cloud page's space (which v2 names only
   * by id) is looked up whenever a list is set, and a failed lookup refuses the page (see `SpaceLookup`).
   */
  async getPage(id: string, read: PageRead = {}): Promise<RawPage> {
    if (this.platform === 'server') {
      const path = `/rest/api/content/${segment(id)}`;
      return this.visible(
        'GET',
        path,
        this.fromV1(await getAs(this.http, ANSWERS.getContentById, path, { expand: V1_EXPAND }, read.signal)),
      );
    }
    const path = `/api/v2/pages/${segment(id)}`;
    const page = await getAs(this.http, ANSWERS.getPageById, path, { 'body-format': 'storage' }, read.signal);
    const known = read.sameSpaceAs;
    const reused =
      known?.spaceKey && known.spaceId === String(page.spaceId)
        ? { key: known.spaceKey, name: known.spaceName ?? undefined }
        : undefined;
    const space =
      reused ?? (await this.spaceOf(page, this.scope.limited ? 'resolve' : (read.lookup ?? 'skip'), read.signal));
    return this.visible('GET', path, this.fromV2(page, space));
  }

  /** A page by its exact title in a space; a space outside the allow-list is not asked about. */
  async getPageByTitle(spaceKey: string, title: string, signal?: AbortSignal): Promise<RawPage> {
    if (this.platform === 'server') {
      const path = '/rest/api/content';
      this.requireSpace(spaceKey, 'GET', path);
      const found = await getAs(
        this.http,
        ANSWERS.getContent,
        path,
        { spaceKey, title, type: 'page', expand: V1_EXPAND },
        signal,
      );
      const first = found.results[0];
      if (!first) throw this.notFound('GET', path);
      return this.visible('GET', path, this.fromV1(first));
    }
    this.requireSpace(spaceKey, 'GET', '/api/v2/spaces');
    const space = await this.spaceByKey(spaceKey, signal);
    const found = await getAs(
      this.http,
      ANSWERS.getPages,
      '/api/v2/pages',
      { 'space-id': space.id, title, 'body-format': 'storage' },
      signal,
    );
    const first = found.results[0];
    if (!first) throw this.notFound('GET', '/api/v2/pages');
    return this.visible('GET', '/api/v2/pages', this.fromV2(first, space));
  }

  /**
   * One page of results for plain words (a site search) or CQL, narrowed to `spaces` and to the instance's spaces.
   * Older Server/DC releases reject siteSearch; there plain words fall back to a text search.
   */
  async search(query: string, options: SearchOptions): Promise<SearchPage> {
    const cqlFor = (field: 'siteSearch' | 'text') =>
      this.scope.restrict(restrictToSpaces(toCql(query, field), options.spaces));
    const cql = cqlFor('siteSearch');
    try {
      return await this.searchCql(cql, options);
    } catch (error) {
      const fallback = this.platform === 'server' ? cqlFor('text') : cql;
      if (!(error instanceof AtlassianError && error.failure === 'bad_request' && fallback !== cql)) throw error;
      return this.searchCql(fallback, options);
    }
  }

  /** Refuses, as not found, a request about a space outside the allow-list before it is sent. */
  requireSpace(key: string, method: Method, path: string): void {
    if (!this.scope.allows(key)) throw this.notFound(method, path);
  }

  /** What Atlassian answers for something that does not exist; also for what the allow-list hides. */
  notFound(method: Method, path: string): AtlassianError {
    return new AtlassianError({ instance: this.http.instance, method, path, failure: 'not_found', status: 404 });
  }

  private async searchCql(cql: string, options: SearchOptions): Promise<SearchPage> {
    const response = await getAs(
      this.http,
      ANSWERS.searchByCQL,
      '/rest/api/search',
      { cql, limit: options.limit, start: options.cursor ? undefined : options.start, cursor: options.cursor },
      options.signal,
    );
    const received = response.results.length;
    const totalSize = response.totalSize ?? undefined;
    const cursor = checkNext({
      position: options.cursor,
      next: cursorOf(response._links?.next ?? undefined),
      received,
    });
    const start = response.start ?? options.start ?? 0;
    const offset =
      cursor.next || cursor.stopped || totalSize === undefined || start + received >= totalSize
        ? {}
        : checkNext({ position: start, next: start + received, received });
    return {
      cql,
      results: response.results,
      totalSize,
      nextCursor: cursor.next,
      nextStart: offset.next,
      stopped: cursor.stopped ?? offset.stopped,
    };
  }

  /** The page, unless its space is outside the allow-list: then not found, as for a page that does not exist. */
  private visible(method: Method, path: string, page: RawPage): RawPage {
    if (!this.scope.allows(page.spaceKey)) throw this.notFound(method, path);
    return page;
  }

  /** The account the instance's credentials belong to. */
  currentUser(signal?: AbortSignal): Promise<{ displayName?: string }> {
    return getAs(this.http, ANSWERS.getCurrentUser, '/rest/api/user/current', undefined, signal);
  }

  webUrl(webui: string | undefined): string {
    return webui ? `${this.baseUrl}${webui}` : this.baseUrl;
  }

  private async spaceByKey(key: string, signal?: AbortSignal): Promise<{ id: string; key: string; name?: string }> {
    const spaces = await getAs(this.http, ANSWERS.getSpaces, '/api/v2/spaces', { keys: key }, signal);
    const space = spaces.results[0];
    if (!space) throw this.notFound('GET', '/api/v2/spaces');
    return space;
  }

  /** The page's space as `lookup` asks: not at all, for display (a failure leaves it unnamed), or for an allow-list (a failure refuses). */
  private async spaceOf(
    page: V2Page,
    lookup: SpaceLookup,
    signal?: AbortSignal,
  ): Promise<{ key: string; name?: string } | undefined> {
    if (lookup === 'skip' || page.spaceId == null) return undefined;
    const spaceId = String(page.spaceId);
    try {
      return await getAs(this.http, ANSWERS.getSpaceById, `/api/v2/spaces/${segment(spaceId)}`, undefined, signal);
    } catch (error) {
      if (!(error instanceof AtlassianError)) throw error;
      if (lookup === 'try') return undefined;
      const refusal = `(This was the lookup of page ${String(page.id)}'s space, id ${spaceId}: without it the instance's spaces_filter cannot be checked, so the page is refused, fail closed.)`;
      throw new AtlassianError({
        ...error.details,
        hint: error.details.hint ? `${error.details.hint} ${refusal}` : refusal,
      });
    }
  }

  private fromV2(page: V2Page, space: { key: string; name?: string } | undefined): RawPage {
    return {
      id: String(page.id),
      title: page.title,
      spaceId: page.spaceId == null ? null : String(page.spaceId),
      spaceKey: space?.key ?? null,
      spaceName: space?.name ?? null,
      version: page.version?.number ?? null,
      lastModified: page.version?.createdAt ?? null,
      storage: page.body?.storage?.value ?? '',
      webUrl: this.webUrl(page._links?.webui),
    };
  }

  private fromV1(content: V1Content): RawPage {
    return {
      id: String(content.id),
      title: content.title,
      spaceId: null,
      spaceKey: content.space?.key ?? null,
      spaceName: content.space?.name ?? null,
      version: content.version?.number ?? null,
      lastModified: content.version?.when ?? null,
      storage: content.body?.storage?.value ?? '',
      webUrl: this.webUrl(content._links?.webui),
    };
  }
}
