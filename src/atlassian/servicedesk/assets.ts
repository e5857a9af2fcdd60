/**
 * Assets (CMDB) objects, read-only: an AQL search and one object's attributes. Cloud serves Assets on Atlassian's API
 * gateway under the site's workspace id (`/rest/servicedeskapi/assets/workspace`, then
 * `<api>/jsm/assets/workspace/{id}/v1`); Server/Data Center under `/rest/insight/1.0` (Insight) or, on newer
 * releases, `/rest/assets/1.0`. Both answers become the same records here.
 */
import { z } from 'zod';
import type { Platform } from '../../config/schema.js';
import { AtlassianError } from '../errors.js';
import type { AtlassianHttp } from '../http.js';
import { segment } from '../path.js';
import {
  anyId,
  getAs,
  loose,
  once,
  operation,
  optionalList,
  optionalObject,
  optionalText,
  requestAs,
} from '../shape.js';

/** Opens a client on Atlassian's API gateway for an Assets workspace. */
export type AssetsHttpFactory = (workspaceId: string) => AtlassianHttp;

export interface AssetRecord {
  id: string;
  key: string | null;
  label: string;
  type: string | null;
}

export interface AssetDetails extends AssetRecord {
  /** Attribute name → its values as people read them. */
  attributes: Record<string, string[]>;
}

export interface AssetPage {
  objects: AssetRecord[];
  total: number | null;
  isLast: boolean;
}

interface RawObject {
  id: string | number;
  label: string;
  objectKey?: string;
  objectType?: { name?: string };
}

interface RawAttribute {
  objectTypeAttributeId?: string | number;
  objectTypeAttribute?: { name?: string };
  objectAttributeValues?: Array<{ value?: unknown; displayValue?: unknown; referencedObject?: { label?: string } }>;
}

const objectShape = once(() =>
  loose({ id: anyId, label: z.string(), objectKey: optionalText, objectType: optionalObject({ name: optionalText }) }),
);
const attributeShape = once(() =>
  loose({
    objectTypeAttributeId: anyId.nullish(),
    objectTypeAttribute: optionalObject({ name: optionalText }),
    objectAttributeValues: optionalList(loose({ displayValue: z.unknown(), value: z.unknown() })),
  }),
);

const ANSWERS = {
  getAssetsWorkspaces: operation<{ values: Array<{ workspaceId: string }> }>('getAssetsWorkspaces', () =>
    loose({ values: z.array(loose({ workspaceId: z.string() })) }),
  ),
  searchCloud: operation<{ values?: RawObject[]; objectEntries?: RawObject[]; total?: number; isLast?: boolean }>(
    'postObjectAql',
    () =>
      loose({
        values: optionalList(objectShape()),
        objectEntries: optionalList(objectShape()),
        total: z.number().nullish(),
        isLast: z.boolean().nullish(),
      }),
  ),
  searchServer: operation<{
    objectEntries: RawObject[];
    totalFilterCount?: number;
    pageNumber?: number;
    pageSize?: number;
  }>('findObjectsByAql', () =>
    loose({
      objectEntries: z.array(objectShape()),
      totalFilterCount: z.number().nullish(),
      pageNumber: z.number().nullish(),
      pageSize: z.number().nullish(),
    }),
  ),
  getObject: operation<RawObject>('getObject', () => objectShape()),
  getObjectAttributes: operation<RawAttribute[]>('getObjectAttributes', () => z.array(attributeShape())),
};

/** Server/DC paths, newest first is not known in advance: Insight's, then Assets' (Data Center 10). */
const SERVER_BASES = ['/rest/insight/1.0', '/rest/assets/1.0'] as const;

export class ServiceDeskAssets {
  private cloud?: Promise<AtlassianHttp>;
  private serverBase?: string;

  constructor(
    private readonly site: AtlassianHttp,
    private readonly platform: Platform,
    private readonly factory: AssetsHttpFactory | undefined,
  ) {}

  /** Objects matching an AQL query, `limit` from `start`. */
  async search(aql: string, start: number, limit: number, signal?: AbortSignal): Promise<AssetPage> {
    if (this.platform === 'cloud') {
      const http = await this.cloudClient(signal);
      const query = { startAt: start, maxResults: limit, includeAttributes: false };
      const answer = await requestAs(http, ANSWERS.searchCloud, 'POST', '/object/aql', {
        query,
        body: { qlQuery: aql },
        idempotent: true,
        signal,
      });
      const objects = (answer.values ?? answer.objectEntries ?? []).map(record);
      return { objects, total: answer.total ?? null, isLast: answer.isLast ?? objects.length < limit };
    }
    // Server/DC pages by page number; `start` is turned into the page it falls on.
    const page = Math.floor(start / limit) + 1;
    const answer = await this.onServer((base) =>
      getAs(
        this.site,
        ANSWERS.searchServer,
        `${base}/aql/objects`,
        { qlQuery: aql, page, resultPerPage: limit, includeAttributes: false },
        signal,
      ),
    );
    const objects = answer.objectEntries.map(record);
    const total = answer.totalFilterCount ?? null;
    return { objects, total, isLast: total === null ? objects.length < limit : page * limit >= total };
  }

  /** One object with every attribute by name. */
  async get(id: string, signal?: AbortSignal): Promise<AssetDetails> {
    const path = `/object/${segment(id)}`;
    const [object, attributes] =
      this.platform === 'cloud'
        ? await this.cloudClient(signal).then((http) =>
            Promise.all([
              getAs(http, ANSWERS.getObject, path, undefined, signal),
              getAs(http, ANSWERS.getObjectAttributes, `${path}/attributes`, undefined, signal),
            ]),
          )
        : await this.onServer((base) =>
            Promise.all([
              getAs(this.site, ANSWERS.getObject, `${base}${path}`, undefined, signal),
              getAs(this.site, ANSWERS.getObjectAttributes, `${base}${path}/attributes`, undefined, signal),
            ]),
          );
    const named = Object.fromEntries(
      attributes.map((attribute) => [
        attribute.objectTypeAttribute?.name ?? `attribute ${String(attribute.objectTypeAttributeId ?? '?')}`,
        (attribute.objectAttributeValues ?? []).map((value) =>
          valueText(value.referencedObject?.label ?? value.displayValue ?? value.value),
        ),
      ]),
    );
    return { ...record(object), attributes: named };
  }

  /** Cloud: the site's Assets workspace, asked once, then a client on the API gateway for it. */
  private cloudClient(signal?: AbortSignal): Promise<AtlassianHttp> {
    this.cloud ??= getAs(
      this.site,
      ANSWERS.getAssetsWorkspaces,
      '/rest/servicedeskapi/assets/workspace',
      undefined,
      signal,
    ).then((answer) => {
      const workspace = answer.values[0]?.workspaceId;
      if (!workspace || !this.factory) {
        throw new AtlassianError({
          instance: this.site.instance,
          method: 'GET',
          path: '/rest/servicedeskapi/assets/workspace',
          failure: 'not_found',
          hint: 'This site has no Assets workspace.',
        });
      }
      return this.factory(workspace);
    });
    this.cloud.catch(() => (this.cloud = undefined));
    return this.cloud;
  }

  /** Runs `call` on Insight's base, or on Assets' when Insight's is not there; remembers which answered. */
  private async onServer<T>(call: (base: string) => Promise<T>): Promise<T> {
    if (this.serverBase) return call(this.serverBase);
    for (const base of SERVER_BASES) {
      try {
        const answer = await call(base);
        this.serverBase = base;
        return answer;
      } catch (error) {
        if (!(error instanceof AtlassianError) || error.failure !== 'not_found' || base === SERVER_BASES.at(-1))
          throw error;
      }
    }
    throw new Error('unreachable');
  }
}

function record(object: RawObject): AssetRecord {
  return {
    id: String(object.id),
    key: object.objectKey ?? null,
    label: object.label,
    type: object.objectType?.name ?? null,
  };
}

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === null || value === undefined ? '' : JSON.stringify(value);
}
