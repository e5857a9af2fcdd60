/** Confluence page organisation: delete, move, copy, labels. Cloud uses v2 where it has the call, v1 otherwise. */
import { z } from 'zod';
import { anyId, getAs, loose, once, operation, optionalText, requestAs } from '../shape.js';
import { resultsOf } from './answer-shapes.js';
import type { ConfluenceClient } from './client.js';
import { segment } from '../path.js';

export type MovePosition = 'append' | 'before' | 'after';

type RawLabel = { name: string; prefix?: string };
const labelShape = once(() => loose({ name: z.string(), prefix: optionalText }));

const ANSWERS = {
  copyPage: operation<{ id: string; title: string }>('copyPage', () => loose({ id: anyId, title: z.string() })),
  getPageLabels: operation<{ results: RawLabel[] }>('getPageLabels', () => resultsOf(labelShape())),
  getLabelsForContent: operation<{ results: RawLabel[] }>('getLabelsForContent', () => resultsOf(labelShape())),
};

export async function deletePage(confluence: ConfluenceClient, id: string, signal?: AbortSignal): Promise<void> {
  const path = confluence.platform === 'cloud' ? `/api/v2/pages/${segment(id)}` : `/rest/api/content/${segment(id)}`;
  await confluence.http.request('DELETE', path, { signal });
}

/** `append` makes the page the last child of the target; `before`/`after` make it the target's sibling. */
export async function movePage(confluence: ConfluenceClient, id: string, position: MovePosition, targetId: string, signal?: AbortSignal): Promise<void> {
  await confluence.http.request('PUT', `/rest/api/content/${segment(id)}/move/${segment(position)}/${segment(targetId)}`, { signal });
}

export async function copyPage(confluence: ConfluenceClient, id: string, copy: { parentId?: string; spaceKey?: string; title?: string; copyAttachments: boolean; copyLabels: boolean }, signal?: AbortSignal): Promise<{ id: string; title: string }> {
  const destination = copy.parentId ? { type: 'parent_page', value: copy.parentId } : { type: 'space', value: copy.spaceKey! };
  const created = await requestAs(confluence.http, ANSWERS.copyPage, 'POST', `/rest/api/content/${segment(id)}/copy`, {
    body: { destination, ...(copy.title ? { pageTitle: copy.title } : {}), copyAttachments: copy.copyAttachments, copyLabels: copy.copyLabels, copyPermissions: false, copyProperties: false },
    signal,
  });
  return { id: String(created.id), title: created.title };
}

export async function getLabels(confluence: ConfluenceClient, id: string, signal?: AbortSignal): Promise<Array<{ name: string; prefix: string | null }>> {
  if (confluence.platform === 'cloud') {
    const answer = await getAs(confluence.http, ANSWERS.getPageLabels, `/api/v2/pages/${segment(id)}/labels`, { limit: 250 }, signal);
    return answer.results.map((label) => ({ name: label.name, prefix: label.prefix ?? null }));
  }
  const answer = await getAs(confluence.http, ANSWERS.getLabelsForContent, `/rest/api/content/${segment(id)}/label`, { limit: 200 }, signal);
  return answer.results.map((label) => ({ name: label.name, prefix: label.prefix ?? null }));
}

export async function addLabels(confluence: ConfluenceClient, id: string, names: string[], signal?: AbortSignal): Promise<void> {
  await confluence.http.request('POST', `/rest/api/content/${segment(id)}/label`, { body: names.map((name) => ({ prefix: 'global', name })), signal });
}
