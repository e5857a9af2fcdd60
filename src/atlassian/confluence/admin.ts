/**
 * Confluence people, permissions and more: user search, page restrictions, page templates and page analytics.
 * All of these are REST v1 calls (`/rest/api/…`), on Cloud under `/wiki`.
 */
import { z } from 'zod';
import { segment } from '../path.js';
import { anyId, getAs, loose, once, operation, optionalList, optionalObject, optionalText } from '../shape.js';
import { resultsOf } from './answer-shapes.js';
import type { ConfluenceClient, RawPage } from './client.js';

export interface PersonRecord {
  display_name: string | null;
  account_id: string | null;
  username: string | null;
  email: string | null;
}

const restrictionShape = once(() =>
  optionalObject({
    restrictions: optionalObject({
      user: optionalObject({ results: optionalList(loose({ accountId: optionalText, username: optionalText })) }),
      group: optionalObject({ results: optionalList(loose({ id: optionalText, name: optionalText })) }),
    }),
  }),
);
const templateShape = once(() =>
  loose({
    templateId: anyId,
    name: z.string(),
    description: optionalText,
    space: optionalObject({ key: optionalText }),
    body: optionalObject({ storage: optionalObject({ value: optionalText }) }),
  }),
);
const countShape = once(() => loose({ count: z.number().nullish() }));

type RawUserResult = {
  user?: { accountId?: string; username?: string; displayName?: string; email?: string; publicName?: string };
};
type RawTemplate = {
  templateId: string;
  name: string;
  description?: string;
  space?: { key?: string };
  body?: { storage?: { value?: string } };
};

const ANSWERS = {
  searchUser: operation<{ results: RawUserResult[] }>('searchUser', () =>
    resultsOf(
      loose({
        user: optionalObject({
          accountId: optionalText,
          username: optionalText,
          displayName: optionalText,
          email: optionalText,
          publicName: optionalText,
        }),
      }),
    ),
  ),
  getRestrictionsByOperation: operation<Partial<Record<RestrictedOperation, RawRestriction>>>(
    'getRestrictionsByOperation',
    () => loose({ read: restrictionShape(), update: restrictionShape() }),
  ),
  getContentTemplates: operation<{ results: RawTemplate[] }>('getContentTemplates', () => resultsOf(templateShape())),
  getContentTemplate: operation<RawTemplate>('getContentTemplate', () => templateShape()),
  getViews: operation<{ count?: number }>('getViews', () => countShape()),
  getViewers: operation<{ count?: number }>('getViewers', () => countShape()),
};

export async function searchUsers(
  confluence: ConfluenceClient,
  query: string,
  limit: number,
  signal?: AbortSignal,
): Promise<PersonRecord[]> {
  const cql = `user.fullname ~ "${query.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const answer = await getAs(confluence.http, ANSWERS.searchUser, '/rest/api/search/user', { cql, limit }, signal);
  return answer.results.map(({ user }) => ({
    display_name: user?.displayName ?? user?.publicName ?? null,
    account_id: user?.accountId ?? null,
    username: user?.username ?? null,
    email: user?.email ?? null,
  }));
}

export type RestrictedOperation = 'read' | 'update';

/** Who may read and who may edit: people (account ids on Cloud, usernames on Server/DC) and groups. */
export type Restrictions = Record<RestrictedOperation, { users: string[]; groups: string[] }>;

interface RawRestriction {
  restrictions?: {
    user?: { results?: Array<{ accountId?: string; username?: string }> };
    group?: { results?: Array<{ id?: string; name?: string }> };
  };
}

export async function getRestrictions(
  confluence: ConfluenceClient,
  page: RawPage,
  signal?: AbortSignal,
): Promise<Restrictions> {
  const answer = await getAs(
    confluence.http,
    ANSWERS.getRestrictionsByOperation,
    `/rest/api/content/${segment(page.id)}/restriction/byOperation`,
    { expand: 'restrictions.user,restrictions.group' },
    signal,
  );
  const cloud = confluence.platform === 'cloud';
  const of = (operation: RestrictedOperation) => ({
    users: (answer[operation]?.restrictions?.user?.results ?? [])
      .map((user) => (cloud ? user.accountId : user.username) ?? '')
      .filter(Boolean),
    groups: (answer[operation]?.restrictions?.group?.results ?? [])
      .map((group) => (cloud ? (group.id ?? group.name) : group.name) ?? '')
      .filter(Boolean),
  });
  return { read: of('read'), update: of('update') };
}

/** Replaces all restrictions of the page with `restrictions` (Confluence's PUT semantics). */
export async function putRestrictions(
  confluence: ConfluenceClient,
  page: RawPage,
  restrictions: Restrictions,
  signal?: AbortSignal,
): Promise<void> {
  const cloud = confluence.platform === 'cloud';
  const body = (['read', 'update'] as const).map((operation) => ({
    operation,
    restrictions: {
      ...(restrictions[operation].users.length
        ? {
            user: restrictions[operation].users.map((user) =>
              cloud ? { type: 'known', accountId: user } : { type: 'known', username: user },
            ),
          }
        : {}),
      ...(restrictions[operation].groups.length
        ? {
            group: restrictions[operation].groups.map((group) =>
              cloud ? { type: 'group', id: group } : { type: 'group', name: group },
            ),
          }
        : {}),
    },
  }));
  await confluence.http.request('PUT', `/rest/api/content/${segment(page.id)}/restriction`, { body, signal });
}

export interface TemplateRecord {
  id: string;
  name: string;
  description: string | null;
  space_key: string | null;
}

/** Global page templates, or a space's own (an allowed space) with `spaceKey`. */
export async function listTemplates(
  confluence: ConfluenceClient,
  spaceKey: string | undefined,
  limit: number,
  signal?: AbortSignal,
): Promise<TemplateRecord[]> {
  if (spaceKey) confluence.requireSpace(spaceKey, 'GET', '/rest/api/template/page');
  const answer = await getAs(
    confluence.http,
    ANSWERS.getContentTemplates,
    '/rest/api/template/page',
    { spaceKey, limit },
    signal,
  );
  return answer.results.map((template) => ({
    id: String(template.templateId),
    name: template.name,
    description: template.description || null,
    space_key: template.space?.key ?? null,
  }));
}

export async function getTemplate(
  confluence: ConfluenceClient,
  id: string,
  signal?: AbortSignal,
): Promise<TemplateRecord & { storage: string }> {
  const template = await getAs(
    confluence.http,
    ANSWERS.getContentTemplate,
    `/rest/api/template/${segment(id)}`,
    { expand: 'body' },
    signal,
  );
  return {
    id: String(template.templateId),
    name: template.name,
    description: template.description || null,
    space_key: template.space?.key ?? null,
    storage: template.body?.storage?.value ?? '',
  };
}

export async function pageViews(
  confluence: ConfluenceClient,
  page: RawPage,
  fromDate: string | undefined,
  signal?: AbortSignal,
): Promise<{ views: number; viewers: number }> {
  const [views, viewers] = await Promise.all([
    getAs(
      confluence.http,
      ANSWERS.getViews,
      `/rest/api/analytics/content/${segment(page.id)}/views`,
      { fromDate },
      signal,
    ),
    getAs(
      confluence.http,
      ANSWERS.getViewers,
      `/rest/api/analytics/content/${segment(page.id)}/viewers`,
      { fromDate },
      signal,
    ),
  ]);
  return { views: views.count ?? 0, viewers: viewers.count ?? 0 };
}
