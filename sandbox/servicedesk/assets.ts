/**
 * Sandbox Assets (CMDB), read-only, with a few objects: on Cloud the site names its workspace
 * (`/rest/servicedeskapi/assets/workspace`) and the objects are served at the sandbox root, as on Atlassian's API
 * gateway (`/jsm/assets/workspace/{id}/v1`); on Server/DC the site serves Insight's REST (`/rest/insight/1.0`).
 * AQL is understood as far as `attribute = value`, `attribute like value` and `AND`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { fail } from './payloads.js';

interface AssetObject {
  id: number;
  key: string;
  label: string;
  type: string;
  attributes: Record<string, string>;
}

const OBJECTS: readonly AssetObject[] = [
  {
    id: 1,
    key: 'ITAM-1',
    label: 'MacBook Pro 14 (Alice)',
    type: 'Laptop',
    attributes: { Owner: 'Alice Example', 'Serial number': 'C02XK1ABJGH5', Status: 'In use' },
  },
  {
    id: 2,
    key: 'ITAM-2',
    label: 'ThinkPad X1 (Bob)',
    type: 'Laptop',
    attributes: { Owner: 'Bob Example', 'Serial number': 'PF3K9ZTA', Status: 'In repair' },
  },
  {
    id: 3,
    key: 'ITAM-3',
    label: 'mail-01',
    type: 'Server',
    attributes: { 'IP address': '10.0.0.5', Environment: 'Production', Status: 'In use' },
  },
  {
    id: 4,
    key: 'ITAM-4',
    label: 'Office 365',
    type: 'Software',
    attributes: { Vendor: 'Microsoft', Seats: '250', Status: 'In use' },
  },
];

export function workspaceIdOf(siteId: string): string {
  return `a5e7c0de-0000-4000-8000-${Buffer.from(siteId).toString('hex').padEnd(12, '0').slice(0, 12)}`;
}

/** The objects an AQL query selects, or the clause it could not read. */
function query(aql: string): AssetObject[] | { problem: string } {
  let found = [...OBJECTS];
  for (const clause of aql.split(/\s+AND\s+/i)) {
    const match = /^\s*("[^"]+"|[\w ]+?)\s*(=|like)\s*("[^"]*"|\S+)\s*$/i.exec(clause);
    if (!match) return { problem: `AQL could not be parsed near: ${clause.trim()}` };
    const attribute = match[1]!.replace(/"/g, '').trim().toLowerCase();
    const value = match[3]!.replace(/"/g, '').toLowerCase();
    const like = match[2]!.toLowerCase() === 'like';
    const valueOf = (object: AssetObject): string => {
      if (attribute === 'objecttype') return object.type;
      if (attribute === 'name' || attribute === 'label') return object.label;
      if (attribute === 'key' || attribute === 'objectkey') return object.key;
      return Object.entries(object.attributes).find(([name]) => name.toLowerCase() === attribute)?.[1] ?? '';
    };
    found = found.filter((object) =>
      like ? valueOf(object).toLowerCase().includes(value) : valueOf(object).toLowerCase() === value,
    );
  }
  return found;
}

const objectPayload = (object: AssetObject) => ({
  id: String(object.id),
  label: object.label,
  objectKey: object.key,
  objectType: { id: String(object.id), name: object.type },
  created: '2026-01-05T10:00:00.000Z',
});
const attributesPayload = (object: AssetObject) =>
  Object.entries(object.attributes).map(([name, value], index) => ({
    id: String(object.id * 100 + index),
    objectTypeAttributeId: String(index + 1),
    objectTypeAttribute: { id: String(index + 1), name },
    objectAttributeValues: [{ value, displayValue: value }],
  }));

function objectRoutes(scope: FastifyInstance): void {
  const find = (id: string, reply: FastifyReply) =>
    OBJECTS.find((object) => String(object.id) === id) ?? void fail(reply, 404, `Object ${id} does not exist.`);
  scope.get<{ Params: { id: string } }>('/object/:id', async (request, reply) => {
    const object = find(request.params.id, reply);
    return object ? objectPayload(object) : reply;
  });
  scope.get<{ Params: { id: string } }>('/object/:id/attributes', async (request, reply) => {
    const object = find(request.params.id, reply);
    return object ? attributesPayload(object) : reply;
  });
}

/** The Assets routes a site answers itself: Cloud's workspace, Server/DC's Insight REST. */
export async function siteAssetsPlugin(
  app: FastifyInstance,
  options: { flavor: 'cloud' | 'server'; siteId: string },
): Promise<void> {
  if (options.flavor === 'cloud') {
    app.get('/rest/servicedeskapi/assets/workspace', async () => ({
      size: 1,
      start: 0,
      limit: 50,
      isLastPage: true,
      values: [{ workspaceId: workspaceIdOf(options.siteId) }],
    }));
    return;
  }
  await app.register(
    async (scope) => {
      scope.get<{ Querystring: { qlQuery?: string; page?: string; resultPerPage?: string } }>(
        '/aql/objects',
        async (request, reply) => {
          const found = query(request.query.qlQuery ?? '');
          if (!Array.isArray(found)) return fail(reply, 400, found.problem);
          const page = Math.max(1, Number(request.query.page ?? 1) || 1);
          const size = Math.max(1, Number(request.query.resultPerPage ?? 25) || 25);
          const entries = found.slice((page - 1) * size, page * size).map(objectPayload);
          return {
            objectEntries: entries,
            totalFilterCount: found.length,
            pageNumber: page,
            pageSize: size,
            pageObjectSize: entries.length,
          };
        },
      );
      objectRoutes(scope);
    },
    { prefix: '/rest/insight/1.0' },
  );
}

/** Cloud Assets at the sandbox root, for the sites whose workspace ids are known, each with its own credentials. */
export function registerCloudAssetsApi(
  app: FastifyInstance,
  sites: ReadonlyMap<string, (header: string | undefined) => boolean>,
): void {
  void app.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        const authorized = sites.get((request.params as { workspaceId?: string }).workspaceId ?? '');
        if (!authorized) return fail(reply, 404, 'Unknown workspace');
        if (!authorized(request.headers.authorization)) return fail(reply, 401, 'Unauthorized');
      });
      scope.post<{ Body: { qlQuery?: string }; Querystring: { startAt?: string; maxResults?: string } }>(
        '/object/aql',
        async (request, reply) => {
          const found = query(request.body?.qlQuery ?? '');
          if (!Array.isArray(found)) return fail(reply, 400, found.problem);
          const startAt = Number(request.query.startAt ?? 0) || 0;
          const maxResults = Number(request.query.maxResults ?? 25) || 25;
          const values = found.slice(startAt, startAt + maxResults).map(objectPayload);
          return { startAt, maxResults, total: found.length, isLast: startAt + values.length >= found.length, values };
        },
      );
      objectRoutes(scope);
    },
    { prefix: '/jsm/assets/workspace/:workspaceId/v1' },
  );
}
