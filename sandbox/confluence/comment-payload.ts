/**
 * A sandbox comment as Confluence Cloud's v2 API returns it (FooterCommentModel / InlineCommentModel), for the
 * list, reply and create routes alike.
 */
import type { SandboxComment } from './confluence-model.js';

export function v2CommentPayload(comment: SandboxComment, spaceKey: string, withBody: boolean) {
  const base = {
    id: comment.id,
    status: 'current',
    version: { number: 1, createdAt: comment.created, authorId: comment.authorId, message: '', minorEdit: false },
    body: withBody ? { storage: { representation: 'storage', value: comment.storage } } : {},
  };
  if (comment.parentId)
    return { ...base, title: `Re: ${comment.parentId}`, parentCommentId: comment.parentId, _links: {} };
  const onPage = {
    ...base,
    title: `Re: page ${comment.pageId}`,
    pageId: comment.pageId,
    _links: { webui: `/spaces/${spaceKey}/pages/${comment.pageId}?focusedCommentId=${comment.id}` },
  };
  if (comment.selection === undefined) return onPage;
  return {
    ...onPage,
    resolutionStatus: comment.resolved ? 'resolved' : 'open',
    properties: { inlineMarkerRef: `marker-${comment.id}`, inlineOriginalSelection: comment.selection },
  };
}
