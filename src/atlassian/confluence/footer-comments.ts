/**
 * A page's footer comments as one thread: on Cloud from REST v2 (replies fetched under their comment, people as
 * account ids resolved in bulk), on Server/DC from REST v1.
 */
import { z } from 'zod';
import { segment } from '../path.js';
import { getAs, loose, once, operation, optionalText, requestAs } from '../shape.js';
import { resultsOf, v1ContentShape, v2PageShape } from './answer-shapes.js';
import { cursorPage, offsetPage, type Listing, type Page, type Paging } from './browse-paging.js';
import type { V1Content } from './browse.js';
import type { ConfluenceClient, RawPage } from './client.js';

export interface CommentRecord {
  id: string;
  author: string | null;
  created: string | null;
  storage: string;
  /** Set on replies: the comment answered. */
  parent_id?: string;
}
const v1CommentShape = once(() =>
  v1ContentShape().extend({
    history: z
      .looseObject({ createdBy: z.looseObject({ displayName: optionalText }).nullish(), createdDate: optionalText })
      .nullish(),
  }),
);
const ANSWERS = {
  getPageFooterComments: operation<Listing<V2Comment>>('getPageFooterComments', () =>
    resultsOf(v2PageShape().partial({ title: true })),
  ),
  getFooterCommentChildren: operation<Listing<V2Comment>>('getFooterCommentChildren', () =>
    resultsOf(v2PageShape().partial({ title: true })),
  ),
  getChildComments: operation<
    Listing<V1Content & { history?: { createdBy?: { displayName?: string }; createdDate?: string } }>
  >('getContentChildrenByType', () => resultsOf(v1CommentShape().partial({ title: true }))),
  createBulkUserLookup: operation<{ results: Array<{ accountId?: string; displayName?: string }> }>(
    'createBulkUserLookup',
    () => resultsOf(loose({ accountId: optionalText, displayName: optionalText })),
  ),
};

export async function getFooterComments(
  confluence: ConfluenceClient,
  page: RawPage,
  paging: Paging,
): Promise<Page<CommentRecord>> {
  const pageId = page.id;
  if (confluence.platform === 'cloud') {
    const answer = await getAs(
      confluence.http,
      ANSWERS.getPageFooterComments,
      `/api/v2/pages/${segment(pageId)}/footer-comments`,
      { 'body-format': 'storage', limit: paging.limit, cursor: paging.cursor },
      paging.signal,
    );
    const topLevel = answer.results;
    // Cloud lists replies under their comment, not on the page; fetch them so a thread reads as one.
    const replies = await Promise.all(
      topLevel.map((comment) =>
        getAs(
          confluence.http,
          ANSWERS.getFooterCommentChildren,
          `/api/v2/footer-comments/${segment(comment.id)}/children`,
          { 'body-format': 'storage', limit: 25 },
          paging.signal,
        ),
      ),
    );
    const thread = topLevel.flatMap((comment, index) => [
      { comment, parentId: undefined as string | undefined },
      ...(replies[index]?.results ?? []).map((reply) => ({ comment: reply, parentId: String(comment.id) })),
    ]);
    const names = await displayNames(
      confluence,
      thread.map(({ comment }) => comment.version?.authorId).filter((id): id is string => Boolean(id)),
      paging.signal,
    );
    const items = thread.map(({ comment, parentId }) => ({
      id: String(comment.id),
      author: names.get(comment.version?.authorId ?? '') ?? comment.version?.authorId ?? null,
      created: comment.version?.createdAt ?? null,
      storage: comment.body?.storage?.value ?? '',
      ...(parentId ? { parent_id: parentId } : {}),
    }));
    return cursorPage(items, paging.cursor, answer);
  }
  const start = paging.start ?? 0;
  const answer = await getAs(
    confluence.http,
    ANSWERS.getChildComments,
    `/rest/api/content/${segment(pageId)}/child/comment`,
    { expand: 'body.storage,history,ancestors', start, limit: paging.limit },
    paging.signal,
  );
  const items = answer.results.map((comment) => {
    const parent = comment.ancestors?.filter((ancestor) => String(ancestor.id) !== pageId).at(-1)?.id;
    return {
      id: String(comment.id),
      author: comment.history?.createdBy?.displayName ?? null,
      created: comment.history?.createdDate ?? null,
      storage: comment.body?.storage?.value ?? '',
      ...(parent ? { parent_id: String(parent) } : {}),
    };
  });
  return offsetPage(items, start, answer);
}

interface V2Comment {
  id: string;
  version?: { authorId?: string; createdAt?: string };
  body?: { storage?: { value?: string } };
}

/** Cloud names people by account id; one bulk lookup turns them into display names. */
export async function displayNames(
  confluence: ConfluenceClient,
  accountIds: string[],
  signal?: AbortSignal,
): Promise<Map<string, string>> {
  const unique = [...new Set(accountIds)];
  if (unique.length === 0) return new Map();
  const answer = await requestAs(confluence.http, ANSWERS.createBulkUserLookup, 'POST', '/api/v2/users-bulk', {
    body: { accountIds: unique },
    idempotent: true,
    signal,
  });
  return new Map(
    answer.results
      .filter((user) => user.accountId && user.displayName)
      .map((user) => [user.accountId!, user.displayName!]),
  );
}
