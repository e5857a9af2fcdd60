/** Confluence people: the caller (`/user/current`), a CQL user search, and Cloud's bulk lookup by accountId. */
import { SANDBOX_USERS } from '../fixtures/users.js';
import type { SandboxUser } from '../jira/jira-model.js';
import type { ConfluencePlugin } from './confluence-context.js';

/** A person as Confluence refers to one: by accountId on Cloud, by username and key on Server/DC. */
export const userReference = (cloud: boolean, user: SandboxUser) =>
  cloud
    ? {
        type: 'known',
        accountId: user.accountId,
        displayName: user.displayName,
        accountType: 'atlassian',
        email: user.email,
      }
    : { type: 'known', username: user.name, userKey: user.name, displayName: user.displayName };

export const usersPlugin: ConfluencePlugin = async (app, { confluence }) => {
  const { cloud, contextPath } = confluence;

  // The token's user when an OAuth token signed the request, else the site's own account.
  app.get(`${contextPath}/rest/api/user/current`, async (request) => {
    const me = SANDBOX_USERS.find((person) => person.name === request.sandboxUser) ?? SANDBOX_USERS[0]!;
    return {
      type: 'known',
      ...(cloud ? { accountId: me.accountId, accountType: 'atlassian' } : { username: me.name, userKey: me.name }),
      displayName: me.displayName,
      _links: {},
    };
  });

  app.get<{ Querystring: { cql?: string; limit?: string } }>(`${contextPath}/rest/api/search/user`, async (request) => {
    const wanted = /user\.fullname\s*~\s*"([^"]*)"/i.exec(request.query.cql ?? '')?.[1]?.toLowerCase() ?? '';
    const users = SANDBOX_USERS.filter((user) => user.displayName.toLowerCase().includes(wanted));
    return {
      results: users.map((user) => ({
        user: userReference(cloud, user),
        title: user.displayName,
        excerpt: '',
        url: `/people/${user.accountId}`,
        breadcrumbs: [],
        entityType: 'user',
        iconCssClass: 'aui-icon',
        lastModified: '2026-01-01T00:00:00.000Z',
      })),
      start: 0,
      limit: Number(request.query.limit ?? 25),
      size: users.length,
      totalSize: users.length,
      cqlQuery: request.query.cql ?? '',
      searchDuration: 1,
      _links: {},
    };
  });

  if (!cloud) return;
  app.post<{ Body: { accountIds?: string[] } }>('/wiki/api/v2/users-bulk', async (request) => ({
    results: SANDBOX_USERS.filter((user) => request.body?.accountIds?.includes(user.accountId)).map((user) => ({
      accountId: user.accountId,
      displayName: user.displayName,
      publicName: user.displayName,
      accountType: 'atlassian',
      accountStatus: 'active',
      email: user.email,
    })),
    _links: {},
  }));
};
