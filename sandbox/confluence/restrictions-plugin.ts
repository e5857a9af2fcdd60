/** Confluence page restrictions: who may read and update a page (users by accountId on Cloud, by username on Server/DC; groups). */
import { SANDBOX_USERS } from '../fixtures/users.js';
import type { ConfluencePlugin } from './confluence-context.js';
import { NO_CONTENT } from './confluence-errors.js';
import type { SandboxPage } from './confluence-model.js';
import { userReference } from './users-plugin.js';

type RestrictionEntry = {
  operation?: string;
  restrictions?: {
    user?: Array<{ accountId?: string; username?: string }>;
    group?: Array<{ id?: string; name?: string }>;
  };
};

export const restrictionsPlugin: ConfluencePlugin = async (app, { confluence }) => {
  const { cloud, contextPath, findPage } = confluence;

  const byOperation = (page: SandboxPage, operation: 'read' | 'update') => ({
    operation,
    restrictions: {
      user: {
        results: page.restrictions[operation].users.map((id) =>
          userReference(
            cloud,
            SANDBOX_USERS.find((user) => (cloud ? user.accountId : user.name) === id) ?? SANDBOX_USERS[0]!,
          ),
        ),
        start: 0,
        limit: 200,
        size: page.restrictions[operation].users.length,
      },
      group: {
        results: page.restrictions[operation].groups.map((group) => ({ type: 'group', name: group, id: group })),
        start: 0,
        limit: 200,
        size: page.restrictions[operation].groups.length,
      },
    },
    _expandable: {},
    _links: {},
  });

  app.get<{ Params: { id: string } }>(
    `${contextPath}/rest/api/content/:id/restriction/byOperation`,
    async (request, reply) => {
      const page = findPage(request.params.id);
      if (!page) return reply.code(404).send(NO_CONTENT);
      return { read: byOperation(page, 'read'), update: byOperation(page, 'update') };
    },
  );

  app.put<{ Params: { id: string }; Body: RestrictionEntry[] }>(
    `${contextPath}/rest/api/content/:id/restriction`,
    async (request, reply) => {
      const page = findPage(request.params.id);
      if (!page) return reply.code(404).send(NO_CONTENT);
      const next = {
        read: { users: [] as string[], groups: [] as string[] },
        update: { users: [] as string[], groups: [] as string[] },
      };
      for (const entry of request.body ?? []) {
        if (entry.operation !== 'read' && entry.operation !== 'update')
          return reply.code(400).send({ statusCode: 400, message: 'Unsupported operation' });
        const users = (entry.restrictions?.user ?? []).map((user) => (cloud ? user.accountId : user.username) ?? '');
        if (users.some((user) => !SANDBOX_USERS.some((known) => (cloud ? known.accountId : known.name) === user)))
          return reply.code(400).send({ statusCode: 400, message: 'Unknown user in restrictions' });
        next[entry.operation] = {
          users,
          groups: (entry.restrictions?.group ?? []).map((group) => (cloud ? group.id : group.name) ?? ''),
        };
      }
      page.restrictions = next;
      return { results: [], start: 0, limit: 100, size: 0, _links: {} };
    },
  );
};
