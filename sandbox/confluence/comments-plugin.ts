/**
 * Confluence comment listings: a page's footer comments (top-level only on Cloud, where replies hang off their
 * parent; all of them on Server/DC), the replies to a comment and a page's inline comments (Cloud).
 */
import { v2CommentPayload } from './comment-payload.js';
import type { ConfluencePlugin } from './confluence-context.js';
import { listingNotFound } from './confluence-errors.js';
import { listPage, type PageQuery } from './paging.js';

type V2Query = PageQuery & { 'body-format'?: string };

export const commentsPlugin: ConfluencePlugin = async (app, { confluence }) => {
  const { cloud, data } = confluence;
  const spaceKey = data.space.key;
  const footerComments = (pageId: string) =>
    data.comments.filter(
      (comment) => comment.pageId === pageId && comment.selection === undefined && (!cloud || !comment.parentId),
    );
  const exists = (id: string) => data.pages.some((item) => item.id === id);

  if (!cloud) {
    app.get<{ Params: { id: string }; Querystring: PageQuery }>(
      '/rest/api/content/:id/child/comment',
      async (request, reply) => {
        if (!exists(request.params.id)) return listingNotFound(reply, cloud);
        const comments = footerComments(request.params.id).map((comment) => ({
          id: comment.id,
          type: 'comment',
          status: 'current',
          title: `Re: page ${comment.pageId}`,
          ancestors: comment.parentId ? [{ id: comment.parentId, type: 'comment', status: 'current' }] : [],
          body: { storage: { value: comment.storage, representation: 'storage' } },
          history: {
            latest: true,
            createdBy: { type: 'known', displayName: comment.authorName },
            createdDate: comment.created,
          },
          _links: {},
          _expandable: {},
        }));
        return listPage(confluence, comments, request.query, `/content/${request.params.id}/child/comment`);
      },
    );
    return;
  }
  app.get<{ Params: { id: string }; Querystring: V2Query }>(
    '/wiki/api/v2/pages/:id/footer-comments',
    async (request, reply) => {
      if (!exists(request.params.id)) return listingNotFound(reply, cloud);
      const comments = footerComments(request.params.id).map((comment) =>
        v2CommentPayload(comment, spaceKey, request.query['body-format'] === 'storage'),
      );
      return listPage(confluence, comments, request.query, `/pages/${request.params.id}/footer-comments`);
    },
  );
  app.get<{ Params: { id: string }; Querystring: V2Query }>(
    '/wiki/api/v2/footer-comments/:id/children',
    async (request, reply) => {
      if (!data.comments.some((comment) => comment.id === request.params.id)) return listingNotFound(reply, cloud);
      const replies = data.comments
        .filter((comment) => comment.parentId === request.params.id)
        .map((comment) => v2CommentPayload(comment, spaceKey, request.query['body-format'] === 'storage'));
      return listPage(confluence, replies, request.query, `/footer-comments/${request.params.id}/children`);
    },
  );
  app.get<{ Params: { id: string }; Querystring: V2Query }>(
    '/wiki/api/v2/pages/:id/inline-comments',
    async (request, reply) => {
      if (!exists(request.params.id)) return listingNotFound(reply, cloud);
      const inline = data.comments
        .filter((comment) => comment.pageId === request.params.id && comment.selection !== undefined)
        .map((comment) => v2CommentPayload(comment, spaceKey, request.query['body-format'] === 'storage'));
      return listPage(confluence, inline, request.query, `/pages/${request.params.id}/inline-comments`);
    },
  );
};
