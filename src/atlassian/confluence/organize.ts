/**
 * Confluence page organisation: delete, move, copy, labels. Cloud uses v2 where it has the call, v1 otherwise.
 * Pages come as the client's `getPage` read them (within the allow-list); a copy goes only to an allowed space.
 */
import { z } from 'zod';
import { segment } from '../path.js';
import { anyId, getAs, loose, once, operation, optionalText, requestAs } from '../shape.js';
import { resultsOf } from './answer-shapes.js';
import type { ConfluenceClient, RawPage } from './client.js';

export type MovePosition = 'append' | 'before' | 'after';

type RawLabel = { name: string; prefix?: string };
const labelShape = once(() => loose({ name: z.string(), prefix: optionalText }));

const ANSWERS = {
  copyPage: operation<{ id: string; title: string }>('copyPage', () => loose({ id: anyId, title: z.string() })),
  getPageLabels: operation<{ results: RawLabel[] }>('getPageLabels', () => resultsOf(labelShape())),
  getLabelsForContent: operation<{ results: RawLabel[] }>('getLabelsForContent', () => resultsOf(labelShape())),
};

export async function deletePage(confluence: ConfluenceClient, page: RawPage, signal?: AbortSignal): Promise<void> {
  const path =
    confluence.platform === 'cloud' ? `/api/v2/pages/${segment(page.id)}` : `/rest/api/content/${segment(page.id)}`;
  await confluence.http.request('DELETE', path, { signal });
}

/** `append` makes the page the last child of the target; `before`/`after` make it the target's sibling. */
export async function movePage(
  confluence: ConfluenceClient,
  page: RawPage,
  position: MovePosition,
  target: RawPage,
  signal?: AbortSignal,
): Promise<void> {
  await confluence.http.request(
    'PUT',
    `/rest/api/content/${segment(page.id)}/move/${segment(position)}/${segment(target.id)}`,
    { signal },
  );
}

/** Copies a page under another page or to the top of a space (an allowed one); answers the copy and its web URL. */
export async function copyPage(
  confluence: ConfluenceClient,
  page: RawPage,
  copy: { parent?: RawPage; spaceKey?: string; title?: string; copyAttachments: boolean; copyLabels: boolean },
  signal?: AbortSignal,
): Promise<{ id: string; title: string; url: string }> {
  const path = `/rest/api/content/${segment(page.id)}/copy`;
  if (copy.spaceKey) confluence.requireSpace(copy.spaceKey, 'POST', path);
  const destination = copy.parent
    ? { type: 'parent_page', value: copy.parent.id }
    : { type: 'space', value: copy.spaceKey! };
  const created = await requestAs(confluence.http, ANSWERS.copyPage, 'POST', path, {
    body: {
      destination,
      ...(copy.title ? { pageTitle: copy.title } : {}),
      copyAttachments: copy.copyAttachments,
      copyLabels: copy.copyLabels,
      copyPermissions: false,
      copyProperties: false,
    },
    signal,
  });
  const url = (await confluence.getPage(String(created.id), { signal, sameSpaceAs: copy.parent })).webUrl;
  return { id: String(created.id), title: created.title, url };
}

export async function getLabels(
  confluence: ConfluenceClient,
  page: RawPage,
  signal?: AbortSignal,
): Promise<Array<{ name: string; prefix: string | null }>> {
  const id = page.id;
  if (confluence.platform === 'cloud') {
    const answer = await getAs(
      confluence.http,
      ANSWERS.getPageLabels,
      `/api/v2/pages/${segment(id)}/labels`,
      { limit: 250 },
      signal,
    );
    return answer.results.map((label) => ({ name: label.name, prefix: label.prefix ?? null }));
  }
  const answer = await getAs(
    confluence.http,
    ANSWERS.getLabelsForContent,
    `/rest/api/content/${segment(id)}/label`,
    { limit: 200 },
    signal,
  );
  return answer.results.map((label) => ({ name: label.name, prefix: label.prefix ?? null }));
}

export async function addLabels(
  confluence: ConfluenceClient,
  page: RawPage,
  names: string[],
  signal?: AbortSignal,
): Promise<void> {
  await confluence.http.request('POST', `/rest/api/content/${segment(page.id)}/label`, {
    body: names.map((name) => ({ prefix: 'global', name })),
    signal,
  });
}
