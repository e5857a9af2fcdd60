/**
 * Writing pages and comments to a sandbox Confluence site: new ids, new pages, new versions (the old one goes to the
 * history), and bodies as stored. Wiki markup is converted to storage on arrival, as Confluence does (by the
 * sandbox's own converter).
 */
import { SANDBOX_USERS } from '../fixtures/users.js';
import { wikiToStorage } from '../text/wiki-storage.js';
import type { ConfluenceSiteData, SandboxComment, SandboxPage } from './confluence-model.js';

/** A body as a write sends it. */
export type Body = { representation?: string; value?: string };

/** Who writes: the site's first user. */
export const AUTHOR = SANDBOX_USERS[0]!;

/** The storage XHTML of a body, or undefined when it has none or a representation the sandbox does not store. */
export function storageOf(body: Body | undefined): string | undefined {
  if (!body?.value && body?.value !== '') return undefined;
  if (body.representation === 'wiki') return wikiToStorage(body.value);
  return body.representation === 'storage' ? body.value : undefined;
}

/** The next content id: pages and comments share one sequence. */
export const nextContentId = (data: ConfluenceSiteData) =>
  String(
    Math.max(...data.pages.map((page) => Number(page.id)), ...data.comments.map((comment) => Number(comment.id))) + 1,
  );

export function addPage(
  data: ConfluenceSiteData,
  title: string,
  storage: string,
  parentId: string | null,
): SandboxPage {
  const now = new Date().toISOString();
  const page = {
    id: nextContentId(data),
    title,
    parentId,
    version: 1,
    created: now,
    updated: now,
    authorId: AUTHOR.accountId,
    storage,
    labels: [],
    attachments: [],
    restrictions: { read: { users: [], groups: [] }, update: { users: [], groups: [] } },
    history: [],
  };
  data.pages.push(page);
  return page;
}

/** Makes a new version of a page; the current one goes to its history. */
export function updatePage(
  page: SandboxPage,
  title: string | undefined,
  storage: string | undefined,
  version: number | undefined,
  message = '',
): void {
  page.history.push({
    version: page.version,
    title: page.title,
    storage: page.storage,
    updated: page.updated,
    authorId: page.authorId,
    message: page.message ?? '',
  });
  page.message = message;
  page.version = version!;
  page.title = title ?? page.title;
  if (storage !== undefined) page.storage = storage;
  page.updated = new Date().toISOString();
}

/** Adds a comment by the writing user. */
export function addComment(
  data: ConfluenceSiteData,
  fields: Pick<SandboxComment, 'pageId' | 'storage'> & Partial<SandboxComment>,
): SandboxComment {
  const comment = {
    id: nextContentId(data),
    ...fields,
    authorId: AUTHOR.accountId,
    authorName: AUTHOR.displayName,
    created: new Date().toISOString(),
  };
  data.comments.push(comment);
  return comment;
}
