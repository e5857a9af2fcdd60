/**
 * Confluence writes: create and update pages, add footer comments. Cloud uses REST v2 (`/api/v2/pages`,
 * `/api/v2/footer-comments`); Server/DC uses v1 (`/rest/api/content`). Bodies go as storage or wiki markup.
 */
import { z } from 'zod';
import { anyId, getAs, loose, once, operation, optionalObject, optionalText, requestAs } from '../shape.js';
import { resultsOf } from './answer-shapes.js';
import type { ConfluenceClient } from './client.js';
import { segment } from '../path.js';

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

type RawInlineComment = { id: string; resolutionStatus?: string; version?: { authorId?: string; createdAt?: string }; body?: { storage?: { value?: string } }; properties?: { inlineOriginalSelection?: string } };

const writtenShape = once(() => loose({
  id: anyId,
  title: optionalText,
  version: optionalObject({ number: z.number().nullish() }),
  _links: optionalObject({ webui: optionalText }),
}));

const ANSWERS = {
  createPage: operation<V2Written>('createPage', () => writtenShape()),
  createContent: operation<V1Written>('createContent', () => writtenShape()),
  updatePage: operation<V2Written>('updatePage', () => writtenShape()),
  updateContent: operation<V1Written>('updateContent', () => writtenShape()),
  createFooterComment: operation<V2Written>('createFooterComment', () => writtenShape()),
  createInlineComment: operation<V2Written>('createInlineComment', () => writtenShape()),
  getPageInlineComments: operation<{ results: RawInlineComment[] }>(
    'getPageInlineComments',
    () => resultsOf(
      loose({
        id: anyId,
        resolutionStatus: optionalText,
        version: optionalObject({ authorId: optionalText, createdAt: optionalText }),
        body: optionalObject({ storage: optionalObject({ value: optionalText }) }),
        properties: optionalObject({ inlineOriginalSelection: optionalText }),
      }),
    ),
  ),
};

export async function createPage(confluence: ConfluenceClient, page: { spaceId: string; spaceKey: string; title: string; parentId?: string; body: string; format: BodyFormat }, signal?: AbortSignal): Promise<WrittenContent> {
  if (confluence.platform === 'cloud') {
    const created = await requestAs(confluence.http, ANSWERS.createPage, 'POST', '/api/v2/pages', {
      body: { spaceId: page.spaceId, status: 'current', title: page.title, ...(page.parentId ? { parentId: page.parentId } : {}), body: { representation: page.format, value: page.body } },
      signal,
    });
    return fromWritten(created, page.title);
  }
  const created = await requestAs(confluence.http, ANSWERS.createContent, 'POST', '/rest/api/content', {
    body: { type: 'page', title: page.title, space: { key: page.spaceKey }, ...(page.parentId ? { ancestors: [{ id: page.parentId }] } : {}), body: { [page.format]: { value: page.body, representation: page.format } } },
    signal,
  });
  return fromWritten(created, page.title);
}

export async function updatePage(confluence: ConfluenceClient, page: { id: string; title: string; version: number; body: string; format: BodyFormat; message?: string }, signal?: AbortSignal): Promise<WrittenContent> {
  const version = { number: page.version, ...(page.message ? { message: page.message } : {}) };
  if (confluence.platform === 'cloud') {
    const updated = await requestAs(confluence.http, ANSWERS.updatePage, 'PUT', `/api/v2/pages/${segment(page.id)}`, {
      body: { id: page.id, status: 'current', title: page.title, body: { representation: page.format, value: page.body }, version },
      signal,
    });
    return fromWritten(updated, page.title);
  }
  const updated = await requestAs(confluence.http, ANSWERS.updateContent, 'PUT', `/rest/api/content/${segment(page.id)}`, {
    body: { type: 'page', title: page.title, version, body: { [page.format]: { value: page.body, representation: page.format } } },
    signal,
  });
  return fromWritten(updated, page.title);
}

/** A footer comment on a page, or with `parentId` a reply to one (Cloud takes only the parent; DC takes both). */
export async function addFooterComment(confluence: ConfluenceClient, pageId: string, storage: string, signal?: AbortSignal, parentId?: string): Promise<WrittenContent> {
  if (confluence.platform === 'cloud') {
    const target = parentId ? { parentCommentId: parentId } : { pageId };
    return fromWritten(await requestAs(confluence.http, ANSWERS.createFooterComment, 'POST', '/api/v2/footer-comments', { body: { ...target, body: { representation: 'storage', value: storage } }, signal }), '');
  }
  return fromWritten(
    await requestAs(confluence.http, ANSWERS.createContent, 'POST', '/rest/api/content', {
      body: { type: 'comment', container: { id: pageId, type: 'page' }, ...(parentId ? { ancestors: [{ id: parentId }] } : {}), body: { storage: { value: storage, representation: 'storage' } } },
      signal,
    }),
    '',
  );
}

export interface InlineCommentRecord {
  id: string;
  author: string | null;
  created: string | null;
  selection: string | null;
  resolved: boolean;
  storage: string;
}

/** Cloud: comments anchored to highlighted text. */
export async function getInlineComments(confluence: ConfluenceClient, pageId: string, limit: number, signal?: AbortSignal): Promise<Array<InlineCommentRecord & { authorId: string | null }>> {
  const answer = await getAs(
    confluence.http,
    ANSWERS.getPageInlineComments,
    `/api/v2/pages/${segment(pageId)}/inline-comments`,
    { 'body-format': 'storage', limit },
    signal,
  );
  return answer.results.map((comment) => ({
    id: String(comment.id),
    author: null,
    authorId: comment.version?.authorId ?? null,
    created: comment.version?.createdAt ?? null,
    selection: comment.properties?.inlineOriginalSelection ?? null,
    resolved: comment.resolutionStatus === 'resolved',
    storage: comment.body?.storage?.value ?? '',
  }));
}

export async function addInlineComment(confluence: ConfluenceClient, pageId: string, storage: string, selection: { text: string; count: number; index: number }, signal?: AbortSignal): Promise<WrittenContent> {
  return fromWritten(
    await requestAs(confluence.http, ANSWERS.createInlineComment, 'POST', '/api/v2/inline-comments', {
      body: { pageId, body: { representation: 'storage', value: storage }, inlineCommentProperties: { textSelection: selection.text, textSelectionMatchCount: selection.count, textSelectionMatchIndex: selection.index } },
      signal,
    }),
    '',
  );
}

function fromWritten(content: V2Written | V1Written, title: string): WrittenContent {
  return { id: String(content.id), title: content.title ?? title, version: content.version?.number ?? null, webui: content._links?.webui };
}
