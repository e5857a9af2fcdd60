/**
 * Confluence REST calls. Cloud reads pages through REST v2 (`/api/v2`) and searches with v1 CQL
 * (`/rest/api/search`, which v2 lacks); Server/Data Center uses v1 throughout. Returns one page shape for both.
 */
import type { Platform } from '../../config/schema.js';
import { AtlassianError } from '../errors.js';
import type { AtlassianHttp } from '../http.js';
import { segment } from '../path.js';

/** A page as both platforms can describe it. */
export interface RawPage {
  id: string;
  title: string;
  spaceKey: string | null;
  spaceName: string | null;
  version: number | null;
  lastModified: string | null;
  storage: string;
  webUrl: string;
}

export interface RawSearchResult {
  content?: { id?: string; type?: string; title?: string; _links?: { webui?: string } };
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

export class ConfluenceClient {
  constructor(
    readonly http: AtlassianHttp,
    readonly platform: Platform,
    /** The instance URL (ending in /wiki on Cloud), for web links. */
    readonly baseUrl: string,
  ) {}

  async getPage(id: string, signal?: AbortSignal): Promise<RawPage> {
    if (this.platform === 'server') {
      return this.fromV1(await this.http.get<V1Content>(`/rest/api/content/${segment(id)}`, { expand: V1_EXPAND }, signal));
    }
    const page = await this.http.get<V2Page>(`/api/v2/pages/${segment(id)}`, { 'body-format': 'storage' }, signal);
    return this.fromV2(page, signal);
  }

  async getPageByTitle(spaceKey: string, title: string, signal?: AbortSignal): Promise<RawPage> {
    if (this.platform === 'server') {
      const found = await this.http.get<{ results?: V1Content[] }>('/rest/api/content', { spaceKey, title, type: 'page', expand: V1_EXPAND }, signal);
      const first = found.results?.[0];
      if (!first) throw this.notFound('/rest/api/content');
      return this.fromV1(first);
    }
    const space = await this.spaceByKey(spaceKey, signal);
    const found = await this.http.get<{ results?: V2Page[] }>('/api/v2/pages', { 'space-id': space.id, title, 'body-format': 'storage' }, signal);
    const first = found.results?.[0];
    if (!first) throw this.notFound('/api/v2/pages');
    return this.fromV2(first, signal, space);
  }

  search(cql: string, options: { limit: number; start?: number; cursor?: string; signal?: AbortSignal }): Promise<SearchResponse> {
    return this.http.get<SearchResponse>('/rest/api/search', { cql, limit: options.limit, start: options.cursor ? undefined : options.start, cursor: options.cursor }, options.signal);
  }

  /** The account the instance's credentials belong to. */
  currentUser(signal?: AbortSignal): Promise<{ displayName?: string }> {
    return this.http.get('/rest/api/user/current', undefined, signal);
  }

  webUrl(webui: string | undefined): string {
    return webui ? `${this.baseUrl}${webui}` : this.baseUrl;
  }

  private async spaceByKey(key: string, signal?: AbortSignal): Promise<{ id: string; key: string; name?: string }> {
    const spaces = await this.http.get<{ results?: Array<{ id: string; key: string; name?: string }> }>('/api/v2/spaces', { keys: key }, signal);
    const space = spaces.results?.[0];
    if (!space) throw this.notFound('/api/v2/spaces');
    return space;
  }

  private async fromV2(page: V2Page, signal?: AbortSignal, knownSpace?: { key: string; name?: string }): Promise<RawPage> {
    const space = knownSpace ?? (page.spaceId ? await this.http.get<{ key: string; name?: string }>(`/api/v2/spaces/${segment(page.spaceId)}`, undefined, signal) : undefined);
    return {
      id: String(page.id),
      title: page.title,
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
      spaceKey: content.space?.key ?? null,
      spaceName: content.space?.name ?? null,
      version: content.version?.number ?? null,
      lastModified: content.version?.when ?? null,
      storage: content.body?.storage?.value ?? '',
      webUrl: this.webUrl(content._links?.webui),
    };
  }

  private notFound(path: string): AtlassianError {
    return new AtlassianError({ instance: this.http.instance, method: 'GET', path, failure: 'not_found', status: 404 });
  }
}
