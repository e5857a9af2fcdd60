/**
 * The caller's favourites for `resources/list`: each Jira instance's favourite filters (`/filter/favourite`) and each
 * Confluence instance's favourite pages (CQL `favourite = currentUser()`), as resources the templates can read.
 * An instance's list is kept for a while per Atlassian identity (one instance runtime: the configured account, or a
 * tenant's own credentials), so listing resources does not ask Atlassian every time; an instance that fails or is
 * slow drops out of the list, never fails it.
 */
import type { Resource } from '@modelcontextprotocol/server';
import { getFavouriteFilters } from '../atlassian/jira/filters.js';
import type { InstanceRuntime } from '../instances/registry.js';
import type { Logger } from '../logging.js';
import { instancesWith } from './catalog-lookup.js';
import type { Catalog } from './catalog.js';
import { resourceUri } from './resource-uris.js';

/** How long an instance's favourites are kept before `resources/list` asks again. */
export const FAVOURITES_TTL_MS = 5 * 60_000;
/** How long a failed lookup counts as "no favourites" before it is tried again. */
export const FAILED_FAVOURITES_TTL_MS = 60_000;
/** Favourites taken from one instance at most. */
export const FAVOURITES_PER_INSTANCE = 20;
/** Favourites `resources/list` shows at most, across instances. */
export const FAVOURITES_LIMIT = 50;
/** A lookup waits at most this long (or the instance's `timeout`, if shorter): the list must stay quick. */
const LOOKUP_TIMEOUT_MS = 5_000;

/** CQL for the signed-in account's favourite pages, most recently changed first. */
export const FAVOURITE_PAGES_CQL = 'favourite = currentUser() AND type = page ORDER BY lastmodified DESC';

const MARKDOWN = 'text/markdown';

interface Entry {
  expires: number;
  items: Promise<Resource[]>;
}

type Lookup = (signal: AbortSignal) => Promise<Resource[]>;

export class FavouriteItems {
  private readonly byInstance = new WeakMap<InstanceRuntime, Entry>();

  constructor(
    private readonly ttlMs = FAVOURITES_TTL_MS,
    private readonly failedTtlMs = FAILED_FAVOURITES_TTL_MS,
  ) {}

  /** The favourites of every instance of the catalogue that can read them, default instances first. */
  async list(catalog: Catalog, log: Logger): Promise<Resource[]> {
    const lists = await Promise.all(
      favouriteSources(catalog).map(([instance, lookup]) => this.cached(instance, lookup, log)),
    );
    return lists.flat().slice(0, FAVOURITES_LIMIT);
  }

  private cached(instance: InstanceRuntime, lookup: Lookup, log: Logger): Promise<Resource[]> {
    const now = Date.now();
    const cached = this.byInstance.get(instance);
    if (cached && cached.expires > now) return cached.items;
    const timeoutMs = Math.min(LOOKUP_TIMEOUT_MS, (instance.config.timeout ?? 30) * 1000);
    const entry: Entry = { expires: now + this.ttlMs, items: Promise.resolve([]) };
    entry.items = lookup(AbortSignal.timeout(timeoutMs)).then(
      (items) => items.slice(0, FAVOURITES_PER_INSTANCE),
      (error: unknown) => {
        entry.expires = Date.now() + this.failedTtlMs;
        log.warn(
          { instance: instance.config.name, error: error instanceof Error ? error.message : String(error) },
          'favourites could not be listed; resources/list shows this instance without them',
        );
        return [];
      },
    );
    this.byInstance.set(instance, entry);
    return entry.items;
  }
}

/**
 * Where the catalogue's favourites come from: Jira instances whose filters the caller can read (`search`), Confluence
 * instances whose pages it can read (`get_page`). A shared service account's favourites are the account's, not the
 * caller's, so `shared_account` instances have none.
 */
function favouriteSources(catalog: Catalog): Array<[InstanceRuntime, Lookup]> {
  const own = (instance: InstanceRuntime) => instance.config.shared_account !== true;
  const jira = instancesWith(catalog, 'jira', ['search'])
    .filter(own)
    .flatMap((instance): Array<[InstanceRuntime, Lookup]> => {
      const client = instance.jira;
      if (!client) return [];
      const name = instance.config.name;
      return [
        [
          instance,
          async (signal) =>
            (await getFavouriteFilters(client, signal)).map((filter) => ({
              uri: resourceUri({ product: 'jira', instance: name, kind: 'filter', id: String(filter.id) }),
              name: String(filter.id),
              title: filter.name,
              description: `Favourite filter on Jira "${name}": ${filter.jql}`,
              mimeType: MARKDOWN,
            })),
        ],
      ];
    });
  const confluence = instancesWith(catalog, 'confluence', ['get_page'])
    .filter(own)
    .flatMap((instance): Array<[InstanceRuntime, Lookup]> => {
      const client = instance.confluence;
      if (!client) return [];
      const name = instance.config.name;
      return [
        [
          instance,
          async (signal) => {
            const found = await client.search(FAVOURITE_PAGES_CQL, { limit: FAVOURITES_PER_INSTANCE, signal });
            return found.results.flatMap((result) => {
              const id = result.content?.id;
              if (id === undefined || id === null) return [];
              return [
                {
                  uri: resourceUri({ product: 'confluence', instance: name, kind: 'page', id: String(id) }),
                  name: String(id),
                  title: result.content?.title ?? result.title ?? String(id),
                  description: `Favourite page on Confluence "${name}"`,
                  mimeType: MARKDOWN,
                },
              ];
            });
          },
        ],
      ];
    });
  return [...jira, ...confluence];
}

/** One cache for the process: instance runtimes are shared by every connection of the same Atlassian identity. */
export const favouriteItems = new FavouriteItems();
