/** Confluence Cloud comment writes: footer comments and replies, and inline comments on a text selection that must match the page. */
import { v2CommentPayload } from './comment-payload.js';
import type { ConfluencePlugin } from './confluence-context.js';
import { badRequest } from './confluence-errors.js';
import { addComment, storageOf, type Body } from './page-store.js';

type FooterBody = { pageId?: string; parentCommentId?: string; body?: Body };
type InlineBody = {
  pageId?: string;
  body?: Body;
  inlineCommentProperties?: {
    textSelection?: string;
    textSelectionMatchCount?: number;
    textSelectionMatchIndex?: number;
  };
};

/** The text a reader sees on a page, where inline comment selections are matched. */
const visibleText = (storage: string) =>
  storage
    .replace(/<ac:parameter[\s\S]*?<\/ac:parameter>/g, '')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/<[^>]+>/g, '');

export const commentWritesPlugin: ConfluencePlugin = async (app, { confluence }) => {
  const { data } = confluence;
  const spaceKey = data.space.key;

  app.post<{ Body: FooterBody }>('/wiki/api/v2/footer-comments', async (request, reply) => {
    const parent = request.body?.parentCommentId
      ? data.comments.find((comment) => comment.id === request.body?.parentCommentId)
      : undefined;
    if (request.body?.parentCommentId && !parent) return badRequest(reply, true, 'Parent comment not found');
    const pageId = parent?.pageId ?? request.body?.pageId;
    if (!data.pages.some((page) => page.id === pageId)) return badRequest(reply, true, 'Page not found');
    const storage = storageOf(request.body?.body);
    if (!storage) return badRequest(reply, true, 'Comment body must not be empty');
    return v2CommentPayload(
      addComment(data, { pageId: pageId!, ...(parent ? { parentId: parent.id } : {}), storage }),
      spaceKey,
      true,
    );
  });

  app.post<{ Body: InlineBody }>('/wiki/api/v2/inline-comments', async (request, reply) => {
    const page = confluence.findPage(request.body?.pageId ?? '');
    if (!page) return badRequest(reply, true, 'Page not found');
    const selection = request.body?.inlineCommentProperties;
    const count = selection?.textSelection ? visibleText(page.storage).split(selection.textSelection).length - 1 : 0;
    if (
      !selection?.textSelection ||
      count === 0 ||
      count !== selection.textSelectionMatchCount ||
      (selection.textSelectionMatchIndex ?? 0) >= count
    )
      return badRequest(reply, true, 'Text selection does not match the page');
    const storage = storageOf(request.body?.body);
    if (!storage) return badRequest(reply, true, 'Comment body must not be empty');
    return v2CommentPayload(
      addComment(data, { pageId: page.id, storage, selection: selection.textSelection, resolved: false }),
      spaceKey,
      true,
    );
  });
};
