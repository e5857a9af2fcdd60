/**
 * Confluence writes: create and update pages, add footer comments. Cloud uses REST v2 (`/api/v2/pages`,
 * `/api/v2/footer-comments`); Server/DC uses v1 (`/rest/api/content`). Bodies go as storage or wiki markup.
 */
import type { ConfluenceClient } from './client.js';

export type BodyFormat = 'storage' | 'wiki';

export interface WrittenContent {
  id: string;
  title: string;
  version: number | null;
  webui?: string;
}

interface V2Written {
  id: string;
  title?: string;
  version?: { number?: number };
  _links?: { webui?: string };
}

interface V1Written {
  id: string;
  title?: string;
  version?: { number?: number };
  _links?: { webui?: string };
}

export async function createPage(confluence: ConfluenceClient, page: { spaceId: string; spaceKey: string; title: string; parentId?: string; body: string; format: BodyFormat }, signal?: AbortSignal): Promise<WrittenContent> {
  if (confluence.platform === 'cloud') {
    const created = await confluence.http.request<V2Written>('POST', '/api/v2/pages', {
      body: { spaceId: page.spaceId, status: 'current', title: page.title, ...(page.parentId ? { parentId: page.parentId } : {}), body: { representation: page.format, value: page.body } },
      signal,
    });
    return fromWritten(created, page.title);
  }
  const created = await confluence.http.request<V1Written>('POST', '/rest/api/content', {
    body: { type: 'page', title: page.title, space: { key: page.spaceKey }, ...(page.parentId ? { ancestors: [{ id: page.parentId }] } : {}), body: { [page.format]: { value: page.body, representation: page.format } } },
    signal,
  });
  return fromWritten(created, page.title);
}

export async function updatePage(confluence: ConfluenceClient, page: { id: string; title: string; version: number; body: string; format: BodyFormat; message?: string }, signal?: AbortSignal): Promise<WrittenContent> {
  const version = { number: page.version, ...(page.message ? { message: page.message } : {}) };
  if (confluence.platform === 'cloud') {
    const updated = await confluence.http.request<V2Written>('PUT', `/api/v2/pages/${encodeURIComponent(page.id)}`, {
      body: { id: page.id, status: 'current', title: page.title, body: { representation: page.format, value: page.body }, version },
      signal,
    });
    return fromWritten(updated, page.title);
  }
  const updated = await confluence.http.request<V1Written>('PUT', `/rest/api/content/${encodeURIComponent(page.id)}`, {
    body: { type: 'page', title: page.title, version, body: { [page.format]: { value: page.body, representation: page.format } } },
    signal,
  });
  return fromWritten(updated, page.title);
}

export async function addFooterComment(confluence: ConfluenceClient, pageId: string, storage: string, signal?: AbortSignal): Promise<WrittenContent> {
  if (confluence.platform === 'cloud') {
    return fromWritten(await confluence.http.request<V2Written>('POST', '/api/v2/footer-comments', { body: { pageId, body: { representation: 'storage', value: storage } }, signal }), '');
  }
  return fromWritten(
    await confluence.http.request<V1Written>('POST', '/rest/api/content', { body: { type: 'comment', container: { id: pageId, type: 'page' }, body: { storage: { value: storage, representation: 'storage' } } }, signal }),
    '',
  );
}

function fromWritten(content: V2Written | V1Written, title: string): WrittenContent {
  return { id: String(content.id), title: content.title ?? title, version: content.version?.number ?? null, webui: content._links?.webui };
}
