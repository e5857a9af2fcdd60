/** Confluence page versions: a page's history, newest first (v2 on Cloud, v1 on Server/DC). */
import { SANDBOX_USERS } from '../fixtures/users.js';
import type { ConfluencePlugin } from './confluence-context.js';
import { listingNotFound } from './confluence-errors.js';
import type { SandboxPage } from './confluence-model.js';
import { listPage, type PageQuery } from './paging.js';

/** Every version of a page, the current one first. */
const versionsOf = (item: SandboxPage) =>
  [
    ...item.history,
    { version: item.version, updated: item.updated, authorId: item.authorId, message: item.message ?? '' },
  ].reverse();
const displayName = (id: string) => SANDBOX_USERS.find((user) => user.accountId === id)?.displayName ?? 'Unknown';

export const versionsPlugin: ConfluencePlugin = async (app, { confluence }) => {
  const { cloud } = confluence;
  if (cloud) {
    app.get<{ Params: { id: string }; Querystring: PageQuery }>(
      '/wiki/api/v2/pages/:id/versions',
      async (request, reply) => {
        const item = confluence.findPage(request.params.id);
        if (!item) return listingNotFound(reply, cloud);
        return listPage(
          confluence,
          versionsOf(item).map((version) => ({
            number: version.version,
            message: version.message,
            minorEdit: false,
            authorId: version.authorId,
            createdAt: version.updated,
          })),
          request.query,
          `/pages/${item.id}/versions`,
        );
      },
    );
    return;
  }
  app.get<{ Params: { id: string }; Querystring: PageQuery }>(
    '/rest/api/content/:id/version',
    async (request, reply) => {
      const item = confluence.findPage(request.params.id);
      if (!item) return listingNotFound(reply, cloud);
      return listPage(
        confluence,
        versionsOf(item).map((version) => ({
          by: { type: 'known', displayName: displayName(version.authorId) },
          when: version.updated,
          message: version.message,
          number: version.version,
          minorEdit: false,
          _expandable: {},
          _links: {},
        })),
        request.query,
        `/content/${item.id}/version`,
      );
    },
  );
};
