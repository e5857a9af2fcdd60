/** Sandbox Confluence user search, page restrictions, templates (Cloud) and page analytics (Cloud). */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ConfluenceSiteData } from './confluence/confluence-model.js';
import type { ConfluenceFlavor } from './confluence-routes.js';
import { SANDBOX_USERS } from './fixtures/users.js';

export function registerConfluenceAdminRoutes(app: FastifyInstance, data: ConfluenceSiteData, flavor: ConfluenceFlavor): void {
  const prefix = flavor === 'cloud' ? '/wiki' : '';
  const cloud = flavor === 'cloud';
  const find = (id: string) => data.pages.find((page) => page.id === id);
  const missing = (reply: FastifyReply) => reply.code(404).send({ statusCode: 404, message: 'No content found' });
  const userRef = (user: (typeof SANDBOX_USERS)[number]) => (cloud ? { type: 'known', accountId: user.accountId, displayName: user.displayName, accountType: 'atlassian', email: user.email } : { type: 'known', username: user.name, userKey: user.name, displayName: user.displayName });

  app.get<{ Querystring: { cql?: string; limit?: string } }>(`${prefix}/rest/api/search/user`, async (request) => {
    const wanted = /user\.fullname\s*~\s*"([^"]*)"/i.exec(request.query.cql ?? '')?.[1]?.toLowerCase() ?? '';
    const users = SANDBOX_USERS.filter((user) => user.displayName.toLowerCase().includes(wanted));
    return { results: users.map((user) => ({ user: userRef(user), title: user.displayName, excerpt: '', url: `/people/${user.accountId}`, breadcrumbs: [], entityType: 'user', iconCssClass: 'aui-icon', lastModified: '2026-01-01T00:00:00.000Z' })), start: 0, limit: Number(request.query.limit ?? 25), size: users.length, totalSize: users.length, cqlQuery: request.query.cql ?? '', searchDuration: 1, _links: {} };
  });

  app.get<{ Params: { id: string } }>(`${prefix}/rest/api/content/:id/restriction/byOperation`, async (request, reply) => {
    const page = find(request.params.id);
    if (!page) return missing(reply);
    const entry = (operation: 'read' | 'update') => ({
      operation,
      restrictions: {
        user: { results: page.restrictions[operation].users.map((id) => userRef(SANDBOX_USERS.find((user) => (cloud ? user.accountId : user.name) === id) ?? SANDBOX_USERS[0]!)), start: 0, limit: 200, size: page.restrictions[operation].users.length },
        group: { results: page.restrictions[operation].groups.map((group) => ({ type: 'group', name: group, id: group })), start: 0, limit: 200, size: page.restrictions[operation].groups.length },
      },
      _expandable: {},
      _links: {},
    });
    return { read: entry('read'), update: entry('update') };
  });

  app.put<{ Params: { id: string }; Body: Array<{ operation?: string; restrictions?: { user?: Array<{ accountId?: string; username?: string }>; group?: Array<{ id?: string; name?: string }> } }> }>(`${prefix}/rest/api/content/:id/restriction`, async (request, reply) => {
    const page = find(request.params.id);
    if (!page) return missing(reply);
    const next = { read: { users: [] as string[], groups: [] as string[] }, update: { users: [] as string[], groups: [] as string[] } };
    for (const entry of request.body ?? []) {
      if (entry.operation !== 'read' && entry.operation !== 'update') return reply.code(400).send({ statusCode: 400, message: 'Unsupported operation' });
      const users = (entry.restrictions?.user ?? []).map((user) => (cloud ? user.accountId : user.username) ?? '');
      if (users.some((user) => !SANDBOX_USERS.some((known) => (cloud ? known.accountId : known.name) === user))) return reply.code(400).send({ statusCode: 400, message: 'Unknown user in restrictions' });
      next[entry.operation] = { users, groups: (entry.restrictions?.group ?? []).map((group) => (cloud ? group.id : group.name) ?? '') };
    }
    page.restrictions = next;
    return { results: [], start: 0, limit: 100, size: 0, _links: {} };
  });

  if (!cloud) return;

  const templates = [
    { templateId: '98301', name: 'Decision record', description: 'One decision, its context and consequences', space: null, storage: '<h1>Decision</h1><p>What we decided.</p><h2>Context</h2><p>Why.</p><h2>Consequences</h2><ul><li>…</li></ul>' },
    { templateId: '98302', name: 'Meeting notes', description: `Notes for ${data.space.key} meetings`, space: data.space.key, storage: '<h2>Attendees</h2><ul><li>…</li></ul><h2>Action items</h2><ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>…</ac:task-body></ac:task></ac:task-list>' },
  ];
  const templatePayload = (template: (typeof templates)[number], withBody: boolean) => ({
    templateId: template.templateId,
    name: template.name,
    description: template.description,
    templateType: 'page',
    labels: [],
    ...(template.space ? { space: { key: template.space } } : {}),
    ...(withBody ? { body: { storage: { value: template.storage, representation: 'storage', embeddedContent: [] } } } : {}),
    _links: {},
  });
  app.get<{ Querystring: { spaceKey?: string } }>('/wiki/rest/api/template/page', async (request) => {
    const matching = templates.filter((template) => (request.query.spaceKey ? template.space === request.query.spaceKey : template.space === null));
    return { results: matching.map((template) => templatePayload(template, false)), start: 0, limit: 25, size: matching.length, _links: {} };
  });
  app.get<{ Params: { id: string } }>('/wiki/rest/api/template/:id', async (request, reply) => {
    const template = templates.find((candidate) => candidate.templateId === request.params.id);
    return template ? templatePayload(template, true) : reply.code(404).send({ statusCode: 404, message: 'Template not found' });
  });
  for (const kind of ['views', 'viewers'] as const) {
    app.get<{ Params: { id: string }; Querystring: { fromDate?: string } }>(`/wiki/rest/api/analytics/content/:id/${kind}`, async (request, reply) => {
      const page = find(request.params.id);
      if (!page) return missing(reply);
      const recent = request.query.fromDate && request.query.fromDate > '2026-11-01';
      return { id: Number(page.id), count: kind === 'views' ? (recent ? 4 : 10 * page.version) : recent ? 2 : 3 };
    });
  }
}
