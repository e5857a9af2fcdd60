/** Confluence page versions: the list, and a page's content at one version (v2 on Cloud, v1 on Server/DC). */
import { z } from 'zod';
import { segment } from '../path.js';
import { getAs, loose, once, operation, optionalObject, optionalText } from '../shape.js';
import { resultsOf } from './answer-shapes.js';
import { displayNames } from './browse.js';
import type { ConfluenceClient, RawPage } from './client.js';

export interface VersionRecord {
  number: number;
  message: string | null;
  minor_edit: boolean;
  author: string | null;
  created: string | null;
}

export interface PageAtVersion {
  number: number;
  title: string;
  storage: string;
}

type V2Version = { number: number; message?: string; minorEdit?: boolean; authorId?: string; createdAt?: string };
type V1Version = {
  number: number;
  message?: string;
  minorEdit?: boolean;
  by?: { displayName?: string };
  when?: string;
};
type PageVersionBody = { title: string; version?: { number?: number }; body?: { storage?: { value?: string } } };

const versionBodyShape = once(() =>
  loose({
    title: z.string(),
    version: optionalObject({ number: z.number().nullish() }),
    body: optionalObject({ storage: optionalObject({ value: optionalText }) }),
  }),
);

const ANSWERS = {
  getPageVersions: operation<{ results: V2Version[] }>('getPageVersions', () =>
    resultsOf(
      loose({
        number: z.number(),
        message: optionalText,
        minorEdit: z.boolean().nullish(),
        authorId: optionalText,
        createdAt: optionalText,
      }),
    ),
  ),
  getContentVersions: operation<{ results: V1Version[] }>('getContentVersions', () =>
    resultsOf(
      loose({
        number: z.number(),
        message: optionalText,
        minorEdit: z.boolean().nullish(),
        by: optionalObject({ displayName: optionalText }),
        when: optionalText,
      }),
    ),
  ),
  getPageById: operation<PageVersionBody>('getPageById', () => versionBodyShape()),
  getContentById: operation<PageVersionBody>('getContentById', () => versionBodyShape()),
};

export async function listVersions(
  confluence: ConfluenceClient,
  page: RawPage,
  limit: number,
  signal?: AbortSignal,
): Promise<VersionRecord[]> {
  const pageId = page.id;
  if (confluence.platform === 'cloud') {
    const answer = await getAs(
      confluence.http,
      ANSWERS.getPageVersions,
      `/api/v2/pages/${segment(pageId)}/versions`,
      { limit, sort: '-modified-date' },
      signal,
    );
    const results = answer.results;
    const names = await displayNames(
      confluence,
      results.map((version) => version.authorId).filter((id): id is string => Boolean(id)),
      signal,
    );
    return results.map((version) => ({
      number: version.number,
      message: version.message || null,
      minor_edit: Boolean(version.minorEdit),
      author: names.get(version.authorId ?? '') ?? version.authorId ?? null,
      created: version.createdAt ?? null,
    }));
  }
  const answer = await getAs(
    confluence.http,
    ANSWERS.getContentVersions,
    `/rest/api/content/${segment(pageId)}/version`,
    { limit },
    signal,
  );
  return answer.results.map((version) => ({
    number: version.number,
    message: version.message || null,
    minor_edit: Boolean(version.minorEdit),
    author: version.by?.displayName ?? null,
    created: version.when ?? null,
  }));
}

export async function pageAtVersion(
  confluence: ConfluenceClient,
  current: RawPage,
  version: number,
  signal?: AbortSignal,
): Promise<PageAtVersion> {
  const pageId = current.id;
  if (confluence.platform === 'cloud') {
    const page = await getAs(
      confluence.http,
      ANSWERS.getPageById,
      `/api/v2/pages/${segment(pageId)}`,
      { version, 'body-format': 'storage' },
      signal,
    );
    return { number: page.version?.number ?? version, title: page.title, storage: page.body?.storage?.value ?? '' };
  }
  const page = await getAs(
    confluence.http,
    ANSWERS.getContentById,
    `/rest/api/content/${segment(pageId)}`,
    { status: 'historical', version, expand: 'body.storage,version' },
    signal,
  );
  return { number: page.version?.number ?? version, title: page.title, storage: page.body?.storage?.value ?? '' };
}
