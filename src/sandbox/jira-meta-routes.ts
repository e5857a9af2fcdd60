/** Sandbox Jira metadata: fields (system and custom), projects, and Cloud user search. */
import type { FastifyInstance } from 'fastify';
import type { JiraRouteHelpers } from './jira-routes.js';
import type { JiraSiteData } from './jira-seed.js';
import type { SiteContext } from './site.js';

const SYSTEM_FIELDS: Array<[string, string, string]> = [
  ['summary', 'Summary', 'string'],
  ['description', 'Description', 'string'],
  ['status', 'Status', 'status'],
  ['assignee', 'Assignee', 'user'],
  ['reporter', 'Reporter', 'user'],
  ['priority', 'Priority', 'priority'],
  ['labels', 'Labels', 'array'],
  ['components', 'Component/s', 'array'],
  ['duedate', 'Due date', 'date'],
  ['issuetype', 'Issue Type', 'issuetype'],
  ['parent', 'Parent', 'issuelink'],
  ['resolution', 'Resolution', 'resolution'],
];

const CUSTOM_FIELDS: Array<[string, string, string, string]> = [
  ['customfield_10016', 'Story Points', 'number', 'com.atlassian.jira.plugin.system.customfieldtypes:float'],
  ['customfield_10014', 'Epic Link', 'any', 'com.pyxis.greenhopper.jira:gh-epic-link'],
  ['customfield_10020', 'Sprint', 'array', 'com.pyxis.greenhopper.jira:gh-sprint'],
  ['customfield_10030', 'Team', 'string', 'com.atlassian.jira.plugin.system.customfieldtypes:textfield'],
];

export function registerJiraMetaRoutes(app: FastifyInstance, site: SiteContext, data: JiraSiteData, helpers: JiraRouteHelpers): void {
  const { api } = helpers;
  const base = () => site.baseUrl();

  app.get(`${api}/field`, async () => [
    ...SYSTEM_FIELDS.map(([id, name, type]) => ({ id, key: id, name, custom: false, orderable: true, navigable: true, searchable: true, clauseNames: [id], schema: { type, system: id } })),
    ...CUSTOM_FIELDS.map(([id, name, type, custom]) => ({
      id,
      key: id,
      name,
      custom: true,
      orderable: true,
      navigable: true,
      searchable: true,
      clauseNames: [`cf[${id.split('_')[1]}]`, name],
      schema: { type, custom, customId: Number(id.split('_')[1]) },
    })),
  ]);

  const projects = () => [
    { key: data.projectKey, name: data.projectName, id: '10000', archived: false },
    { key: `${data.projectKey}OLD`, name: `${data.projectName} (old)`, id: '10001', archived: true },
  ].map((project) => ({
    self: `${base()}${api}/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: 'software',
    archived: project.archived,
    lead: helpers.user(data.users[0]!),
    avatarUrls: { '48x48': `${base()}/avatar/p48.png`, '24x24': `${base()}/avatar/p24.png`, '16x16': `${base()}/avatar/p16.png`, '32x32': `${base()}/avatar/p32.png` },
  }));

  if (data.flavor === 'cloud') {
    app.get<{ Querystring: { startAt?: string; maxResults?: string; status?: string | string[] } }>(`${api}/project/search`, async (request) => {
      const statuses = [request.query.status ?? 'live'].flat();
      const matching = projects().filter((project) => statuses.includes(project.archived ? 'archived' : 'live'));
      const startAt = Number(request.query.startAt ?? 0);
      const maxResults = Number(request.query.maxResults ?? 50);
      const values = matching.slice(startAt, startAt + maxResults);
      return { self: `${base()}${api}/project/search`, maxResults, startAt, total: matching.length, isLast: startAt + values.length >= matching.length, values };
    });
    app.get<{ Querystring: { query?: string } }>(`${api}/user/search`, async (request) => {
      const query = (request.query.query ?? '').toLowerCase();
      return data.users.filter((user) => user.email.startsWith(query) || user.displayName.toLowerCase().includes(query)).map((user) => helpers.user(user));
    });
  } else {
    // Server/DC lists live projects only unless asked otherwise.
    app.get(`${api}/project`, async () => projects().filter((project) => !project.archived));
  }
}
