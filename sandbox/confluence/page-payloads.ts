/** A sandbox page as Confluence returns it: v2's page (Cloud) or v1's content (Server/DC), at its current or an earlier version. */
import type { ConfluenceContext } from './confluence-context.js';
import type { SandboxPage } from './confluence-model.js';

/** A page's web UI link on Cloud. */
export const webui = ({ data }: ConfluenceContext, page: SandboxPage) => `/spaces/${data.space.key}/pages/${page.id}`;

/** A page as it was at a version, or undefined when it never had that version. */
export function atVersion(page: SandboxPage, version: number): SandboxPage | undefined {
  if (version === page.version) return page;
  const old = page.history.find((entry) => entry.version === version);
  return old
    ? { ...page, title: old.title, storage: old.storage, version: old.version, updated: old.updated }
    : undefined;
}

/** The page asked for by id and optional `version` query. */
export function requestedPage(
  confluence: ConfluenceContext,
  id: string,
  version: string | undefined,
): SandboxPage | undefined {
  const current = confluence.findPage(id);
  return current && version ? atVersion(current, Number(version)) : current;
}

/** v2's PageSingle, with the body when `body-format=storage`. */
export const v2Page = (confluence: ConfluenceContext, page: SandboxPage, bodyFormat: string | undefined) => ({
  id: page.id,
  status: 'current',
  title: page.title,
  spaceId: confluence.data.space.id,
  parentId: page.parentId,
  parentType: page.parentId ? 'page' : null,
  position: Number(page.id),
  authorId: page.authorId,
  ownerId: page.authorId,
  lastOwnerId: null,
  createdAt: page.created,
  version: { createdAt: page.updated, message: '', number: page.version, minorEdit: false, authorId: page.authorId },
  body: bodyFormat === 'storage' ? { storage: { representation: 'storage', value: page.storage } } : {},
  _links: {
    webui: webui(confluence, page),
    editui: `/pages/resumedraft.action?draftId=${page.id}`,
    tinyui: `/x/${page.id}`,
  },
});

/** v1's Content with space, ancestors, version and storage body. */
export const v1Content = ({ data, site }: ConfluenceContext, page: SandboxPage) => ({
  id: page.id,
  type: 'page',
  status: 'current',
  title: page.title,
  space: {
    id: Number(data.space.id),
    key: data.space.key,
    name: data.space.name,
    type: 'global',
    status: 'current',
    _links: {},
    _expandable: {},
  },
  ancestors: page.parentId
    ? [
        {
          id: page.parentId,
          type: 'page',
          status: 'current',
          title: data.pages.find((candidate) => candidate.id === page.parentId)?.title ?? '',
        },
      ]
    : [],
  version: {
    by: { type: 'known', username: 'alice', userKey: 'alice', displayName: 'Alice Example' },
    when: page.updated,
    number: page.version,
    minorEdit: false,
  },
  body: { storage: { value: page.storage, representation: 'storage', _expandable: {} }, _expandable: {} },
  _links: { webui: `/pages/viewpage.action?pageId=${page.id}`, self: `${site.baseUrl()}/rest/api/content/${page.id}` },
  _expandable: {},
});
