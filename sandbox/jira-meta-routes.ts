/** Sandbox Jira metadata: fields (system and custom), projects, and Cloud user search. */
import type { FastifyInstance } from 'fastify';
import type { JiraSiteData } from './jira/jira-model.js';
import type { JiraRouteHelpers } from './jira-routes.js';
import type { SiteContext } from './site/site.js';

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
    { key: `${data.projectKey}LAB`, name: `${data.projectName} lab`, id: '10002', archived: false },
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

  registerCreateMeta(app, data, helpers);
  registerVersions(app, site, data, helpers);

  app.get<{ Params: { key: string } }>(`${api}/project/:key`, async (request, reply) => {
    const project = projects().find((candidate) => candidate.key === request.params.key || candidate.id === request.params.key);
    if (!project) return reply.code(404).send({ errorMessages: ['No project could be found with key.'], errors: {} });
    return project;
  });

  app.get<{ Params: { key: string } }>(`${api}/project/:key/components`, async (request, reply) => {
    if (request.params.key !== data.projectKey) return reply.code(404).send({ errorMessages: ['No project could be found with key.'], errors: {} });
    return ['Backend', 'Frontend'].map((name, index) => ({ self: `${base()}${api}/component/${index + 1}`, id: String(index + 1), name, description: `${name} work`, lead: helpers.user(data.users[index]!), assigneeType: 'PROJECT_DEFAULT', project: data.projectKey, projectId: 10000 }));
  });

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

export const ISSUE_TYPES = [
  { id: '10001', name: 'Bug', subtask: false },
  { id: '10002', name: 'Story', subtask: false },
  { id: '10003', name: 'Task', subtask: false },
  { id: '10004', name: 'Epic', subtask: false },
  { id: '10005', name: 'Sub-task', subtask: true },
];

/** createmeta: issue types per project, and each type's create fields with required flags and allowed values. */
function registerCreateMeta(app: FastifyInstance, data: JiraSiteData, helpers: JiraRouteHelpers): void {
  const { api } = helpers;
  const cloud = data.flavor === 'cloud';
  const unknownProject = { errorMessages: ['No project could be found with key.'], errors: {} };
  app.get<{ Params: { key: string } }>(`${api}/issue/createmeta/:key/issuetypes`, async (request, reply) => {
    if (![data.projectKey, `${data.projectKey}LAB`].includes(request.params.key)) return reply.code(404).send(unknownProject);
    const types = ISSUE_TYPES.map((type) => ({ ...type, self: `${api}/issuetype/${type.id}`, description: `A ${type.name.toLowerCase()}`, iconUrl: `${api}/icon/${type.id}.png` }));
    return { startAt: 0, maxResults: 100, total: types.length, ...(cloud ? { issueTypes: types } : { values: types }) };
  });
  app.get<{ Params: { key: string; type: string } }>(`${api}/issue/createmeta/:key/issuetypes/:type`, async (request, reply) => {
    if (request.params.key !== data.projectKey) return reply.code(404).send(unknownProject);
    if (!ISSUE_TYPES.some((type) => type.id === request.params.type)) return reply.code(404).send({ errorMessages: ['Issue type not found.'], errors: {} });
    const field = (fieldId: string, name: string, required: boolean, type: string, allowed?: string[]) => ({
      fieldId,
      key: fieldId,
      name,
      required,
      schema: { type, system: fieldId },
      operations: ['set'],
      hasDefaultValue: false,
      ...(allowed ? { allowedValues: allowed.map((value, index) => ({ id: String(index + 1), name: value, value })) } : {}),
    });
    const fields = [
      field('summary', 'Summary', true, 'string'),
      field('issuetype', 'Issue Type', true, 'issuetype', ISSUE_TYPES.map((type) => type.name)),
      field('priority', 'Priority', false, 'priority', ['Highest', 'High', 'Medium', 'Low', 'Lowest']),
      field('components', 'Component/s', false, 'array', ['Backend', 'Frontend']),
      field('customfield_10040', 'Environment type', false, 'option', ['Production', 'Staging', 'Development']),
    ];
    return { startAt: 0, maxResults: 200, total: fields.length, ...(cloud ? { fields } : { values: fields }) };
  });
}

/** Versions: list per project, create, and update (rename, dates, release, archive). */
function registerVersions(app: FastifyInstance, site: SiteContext, data: JiraSiteData, helpers: JiraRouteHelpers): void {
  const { api } = helpers;
  const payload = (version: JiraSiteData['versions'][number]) => ({ ...version, self: `${site.baseUrl()}${api}/version/${version.id}`, projectId: 10000 });
  app.get<{ Params: { key: string } }>(`${api}/project/:key/versions`, async (request, reply) => {
    if (request.params.key !== data.projectKey) return reply.code(404).send({ errorMessages: ['No project could be found with key.'], errors: {} });
    return data.versions.map(payload);
  });
  app.post<{ Body: { name?: string; projectId?: number; description?: string; releaseDate?: string; startDate?: string; released?: boolean } }>(`${api}/version`, async (request, reply) => {
    const body = request.body ?? {};
    if (body.projectId !== 10000) return reply.code(400).send({ errorMessages: [], errors: { project: 'Project must be specified.' } });
    if (!body.name) return reply.code(400).send({ errorMessages: [], errors: { name: 'You must specify a valid version name' } });
    if (data.versions.some((version) => version.name === body.name)) return reply.code(400).send({ errorMessages: [], errors: { name: 'A version with this name already exists in this project.' } });
    const version = { id: String(10100 + data.versions.length), name: body.name, released: Boolean(body.released), archived: false, ...(body.description ? { description: body.description } : {}), ...(body.releaseDate ? { releaseDate: body.releaseDate } : {}), ...(body.startDate ? { startDate: body.startDate } : {}) };
    data.versions.push(version);
    return reply.code(201).send(payload(version));
  });
  app.put<{ Params: { id: string }; Body: Record<string, unknown> }>(`${api}/version/:id`, async (request, reply) => {
    const version = data.versions.find((candidate) => candidate.id === request.params.id);
    if (!version) return reply.code(404).send({ errorMessages: ['Could not find version for id.'], errors: {} });
    Object.assign(version, request.body ?? {});
    return payload(version);
  });
}
