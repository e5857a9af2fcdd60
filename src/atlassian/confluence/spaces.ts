/**
 * Confluence spaces: listed and got by key from REST v2 on Cloud, REST v1 on Server/DC. Spaces outside the
 * instance's allow-list are left out of listings and not found by key.
 */
import { segment } from '../path.js';
import { getAs, operation } from '../shape.js';
import { resultsOf, v1SpaceShape, v2SpaceShape } from './answer-shapes.js';
import { cursorPage, offsetPage, type Listing, type Page, type Paging } from './browse-paging.js';
import type { ConfluenceClient } from './client.js';

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
const ANSWERS = {
  getSpaces: operation<Listing<V2Space>>('getSpaces', () => resultsOf(v2SpaceShape())),
  getSpacesV1: operation<Listing<V1Space>>('getSpaces', () => resultsOf(v1SpaceShape())),
  getSpace: operation<V1Space>('getSpace', () => v1SpaceShape()),
};

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
