/**
 * Confluence writes: create and update pages, add footer and inline comments. Cloud uses REST v2 (`/api/v2/pages`,
 * `/api/v2/footer-comments`); Server/DC uses v1 (`/rest/api/content`). Bodies go as storage or wiki markup. Pages
 * are created in a space `getSpace` found, and changed or commented on as `getPage` read them (within the allow-list).
 */
import { z } from 'zod';
import { segment } from '../path.js';
import { anyId, getAs, loose, once, operation, optionalObject, optionalText, requestAs } from '../shape.js';
import { resultsOf } from './answer-shapes.js';
import { displayNames, type SpaceRecord } from './browse.js';
import type { ConfluenceClient, RawPage } from './client.js';

export type BodyFormat = 'storage' | 'wiki';

export interface WrittenContent {
  id: string;
  title: string;
  version: number | null;
  webui?: string;
}

/** A page as written: its version (as Confluence answered, or as sent) and where it is shown. */
export interface WrittenPage {
  id: string;
  title: string;
  version: number | null;
  url: string;
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

type RawInlineComment = {
  id: string;
  resolutionStatus?: string;
  version?: { authorId?: string; createdAt?: string };
  body?: { storage?: { value?: string } };
  properties?: { inlineOriginalSelection?: string };
};

const writtenShape = once(() =>
  loose({
    id: anyId,
    title: optionalText,
    version: optionalObject({ number: z.number().nullish() }),
    _links: optionalObject({ webui: optionalText }),
  }),
);

const ANSWERS = {
  createPage: operation<V2Written>('createPage', () => writtenShape()),
  createContent: operation<V1Written>('createContent', () => writtenShape()),
  updatePage: operation<V2Written>('updatePage', () => writtenShape()),
  updateContent: operation<V1Written>('updateContent', () => writtenShape()),
  createFooterComment: operation<V2Written>('createFooterComment', () => writtenShape()),
  createInlineComment: operation<V2Written>('createInlineComment', () => writtenShape()),
  getPageInlineComments: operation<{ results: RawInlineComment[] }>('getPageInlineComments', () =>
    resultsOf(
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

export async function createPage(
  confluence: ConfluenceClient,
  space: SpaceRecord,
  page: { title: string; parentId?: string; body: string; format: BodyFormat },
  signal?: AbortSignal,
): Promise<WrittenPage> {
  // With an allow-list, the parent must be a page the instance may see (reading it refuses one that is not).
  if (page.parentId && confluence.scope.limited) await confluence.getPage(page.parentId, { signal });
  if (confluence.platform === 'cloud') {
    const created = await requestAs(confluence.http, ANSWERS.createPage, 'POST', '/api/v2/pages', {
      body: {
        spaceId: space.id,
        status: 'current',
        title: page.title,
        ...(page.parentId ? { parentId: page.parentId } : {}),
        body: { representation: page.format, value: page.body },
      },
      signal,
    });
    return writtenPage(confluence, fromWritten(created, page.title));
  }
  const created = await requestAs(confluence.http, ANSWERS.createContent, 'POST', '/rest/api/content', {
    body: {
      type: 'page',
      title: page.title,
      space: { key: space.key },
      ...(page.parentId ? { ancestors: [{ id: page.parentId }] } : {}),
      body: { [page.format]: { value: page.body, representation: page.format } },
    },
    signal,
  });
  return writtenPage(confluence, fromWritten(created, page.title));
}

/** Replaces a page's title and body as its next version (one more than `current`'s). */
export async function updatePage(
  confluence: ConfluenceClient,
  current: RawPage,
  update: { title: string; body: string; format: BodyFormat; message?: string },
  signal?: AbortSignal,
): Promise<WrittenPage> {
  const next = (current.version ?? 0) + 1;
  const version = { number: next, ...(update.message ? { message: update.message } : {}) };
  if (confluence.platform === 'cloud') {
    const updated = await requestAs(
      confluence.http,
      ANSWERS.updatePage,
      'PUT',
      `/api/v2/pages/${segment(current.id)}`,
      {
        body: {
          id: current.id,
          status: 'current',
          title: update.title,
          body: { representation: update.format, value: update.body },
          version,
        },
        signal,
      },
    );
    return writtenPage(confluence, fromWritten(updated, update.title), next);
  }
  const updated = await requestAs(
    confluence.http,
    ANSWERS.updateContent,
    'PUT',
    `/rest/api/content/${segment(current.id)}`,
    {
      body: {
        type: 'page',
        title: update.title,
        version,
        body: { [update.format]: { value: update.body, representation: update.format } },
      },
      signal,
    },
  );
  return writtenPage(confluence, fromWritten(updated, update.title), next);
}

/** A footer comment on a page, or with `parentId` a reply to one (Cloud takes only the parent; DC takes both). */
export async function addFooterComment(
  confluence: ConfluenceClient,
  page: RawPage,
  storage: string,
  signal?: AbortSignal,
  parentId?: string,
): Promise<WrittenContent> {
  const pageId = page.id;
  if (confluence.platform === 'cloud') {
    const target = parentId ? { parentCommentId: parentId } : { pageId };
    return fromWritten(
      await requestAs(confluence.http, ANSWERS.createFooterComment, 'POST', '/api/v2/footer-comments', {
        body: { ...target, body: { representation: 'storage', value: storage } },
        signal,
      }),
      '',
    );
  }
  return fromWritten(
    await requestAs(confluence.http, ANSWERS.createContent, 'POST', '/rest/api/content', {
      body: {
        type: 'comment',
        container: { id: pageId, type: 'page' },
        ...(parentId ? { ancestors: [{ id: parentId }] } : {}),
        body: { storage: { value: storage, representation: 'storage' } },
      },
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

/** Cloud: comments anchored to highlighted text, their authors named (Cloud gives account ids). */
export async function getInlineComments(
  confluence: ConfluenceClient,
  page: RawPage,
  limit: number,
  signal?: AbortSignal,
): Promise<InlineCommentRecord[]> {
  const answer = await getAs(
    confluence.http,
    ANSWERS.getPageInlineComments,
    `/api/v2/pages/${segment(page.id)}/inline-comments`,
    { 'body-format': 'storage', limit },
    signal,
  );
  const names = await displayNames(
    confluence,
    answer.results.map((comment) => comment.version?.authorId).filter((id): id is string => Boolean(id)),
    signal,
  );
  return answer.results.map((comment) => ({
    id: String(comment.id),
    author: names.get(comment.version?.authorId ?? '') ?? comment.version?.authorId ?? null,
    created: comment.version?.createdAt ?? null,
    selection: comment.properties?.inlineOriginalSelection ?? null,
    resolved: comment.resolutionStatus === 'resolved',
    storage: comment.body?.storage?.value ?? '',
  }));
}

export async function addInlineComment(
  confluence: ConfluenceClient,
  page: RawPage,
  storage: string,
  selection: { text: string; count: number; index: number },
  signal?: AbortSignal,
): Promise<WrittenContent> {
  return fromWritten(
    await requestAs(confluence.http, ANSWERS.createInlineComment, 'POST', '/api/v2/inline-comments', {
      body: {
        pageId: page.id,
        body: { representation: 'storage', value: storage },
        inlineCommentProperties: {
          textSelection: selection.text,
          textSelectionMatchCount: selection.count,
          textSelectionMatchIndex: selection.index,
        },
      },
      signal,
    }),
    '',
  );
}

function fromWritten(content: V2Written | V1Written, title: string): WrittenContent {
  return {
    id: String(content.id),
    title: content.title ?? title,
    version: content.version?.number ?? null,
    webui: content._links?.webui,
  };
}

/** The written page with its web URL (its own page path where Confluence gives no link); `sent`: the version sent. */
function writtenPage(confluence: ConfluenceClient, content: WrittenContent, sent?: number): WrittenPage {
  return {
    id: content.id,
    title: content.title,
    version: content.version ?? sent ?? null,
    url: confluence.webUrl(content.webui ?? `/pages/${segment(content.id)}`),
  };
}
