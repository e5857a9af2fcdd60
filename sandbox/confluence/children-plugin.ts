/** Confluence page trees: the child pages of a page (v2 `direct-children` on Cloud, v1 `child/page` on Server/DC). */
import type { ConfluencePlugin } from './confluence-context.js';
import { listingNotFound } from './confluence-errors.js';
import type { SandboxPage } from './confluence-model.js';
import { listPage, type PageQuery } from './paging.js';

const v1Child = (item: SandboxPage, withBody: boolean) => ({
  id: item.id,
  type: 'page',
  status: 'current',
  title: item.title,
  version: { number: item.version, when: item.updated, minorEdit: false },
  ...(withBody ? { body: { storage: { value: item.storage, representation: 'storage' } } } : {}),
  _links: { webui: `/pages/viewpage.action?pageId=${item.id}` },
  _expandable: {},
});

export const childrenPlugin: ConfluencePlugin = async (app, { confluence }) => {
  const { cloud, data } = confluence;
  const children = (parentId: string) => data.pages.filter((page) => page.parentId === parentId);
  const exists = (id: string) => data.pages.some((item) => item.id === id);

  if (cloud) {
    app.get<{ Params: { id: string }; Querystring: PageQuery }>(
      '/wiki/api/v2/pages/:id/direct-children',
      async (request, reply) => {
        if (!exists(request.params.id)) return listingNotFound(reply, cloud);
        return listPage(
          confluence,
          children(request.params.id).map((item, index) => ({
            id: item.id,
            status: 'current',
            title: item.title,
            type: 'page',
            spaceId: data.space.id,
            childPosition: index,
          })),
          request.query,
          `/pages/${request.params.id}/direct-children`,
        );
      },
    );
    return;
  }
  app.get<{ Params: { id: string }; Querystring: PageQuery & { expand?: string } }>(
    '/rest/api/content/:id/child/page',
    async (request, reply) => {
      if (!exists(request.params.id)) return listingNotFound(reply, cloud);
      return listPage(
        confluence,
        children(request.params.id).map((item) =>
          v1Child(item, Boolean(request.query.expand?.includes('body.storage'))),
        ),
        request.query,
        `/content/${request.params.id}/child/page`,
      );
    },
  );
};
