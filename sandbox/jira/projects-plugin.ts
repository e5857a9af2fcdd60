/**
 * Jira projects: the site's project, a lab project (where bulk moves go) and an archived one; a project by key, its
 * components, and the listing (Cloud's paged `/project/search`, Server/DC's `/project` of live projects).
 */
import type { JiraContext, JiraPlugin } from './jira-context.js';
import { projectNotFound } from './jira-errors.js';

export const projectsPlugin: JiraPlugin = async (app, { jira }) => {
  const { api, data } = jira;
  const base = () => jira.site.baseUrl();

  app.get<{ Params: { key: string } }>(`${api}/project/:key`, async (request, reply) => {
    const project = projects(jira).find(
      (candidate) => candidate.key === request.params.key || candidate.id === request.params.key,
    );
    if (!project) return projectNotFound(reply);
    return project;
  });

  app.get<{ Params: { key: string } }>(`${api}/project/:key/components`, async (request, reply) => {
    if (request.params.key !== data.projectKey) return projectNotFound(reply);
    return ['Backend', 'Frontend'].map((name, index) => ({
      self: `${base()}${api}/component/${index + 1}`,
      id: String(index + 1),
      name,
      description: `${name} work`,
      lead: jira.user(data.users[index]!),
      assigneeType: 'PROJECT_DEFAULT',
      project: data.projectKey,
      projectId: 10000,
    }));
  });

  if (!jira.cloud) {
    // Server/DC lists live projects only unless asked otherwise.
    app.get(`${api}/project`, async () => projects(jira).filter((project) => !project.archived));
    return;
  }
  app.get<{ Querystring: { startAt?: string; maxResults?: string; status?: string | string[] } }>(
    `${api}/project/search`,
    async (request) => {
      const statuses = [request.query.status ?? 'live'].flat();
      const matching = projects(jira).filter((project) => statuses.includes(project.archived ? 'archived' : 'live'));
      const startAt = Number(request.query.startAt ?? 0);
      const maxResults = Number(request.query.maxResults ?? 50);
      const values = matching.slice(startAt, startAt + maxResults);
      return {
        self: `${base()}${api}/project/search`,
        maxResults,
        startAt,
        total: matching.length,
        isLast: startAt + values.length >= matching.length,
        values,
      };
    },
  );
};

function projects({ api, data, site, user }: JiraContext) {
  const base = site.baseUrl();
  return [
    { key: data.projectKey, name: data.projectName, id: '10000', archived: false },
    { key: `${data.projectKey}LAB`, name: `${data.projectName} lab`, id: '10002', archived: false },
    { key: `${data.projectKey}OLD`, name: `${data.projectName} (old)`, id: '10001', archived: true },
  ].map((project) => ({
    self: `${base}${api}/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: 'software',
    archived: project.archived,
    lead: user(data.users[0]!),
    avatarUrls: {
      '48x48': `${base}/avatar/p48.png`,
      '24x24': `${base}/avatar/p24.png`,
      '16x16': `${base}/avatar/p16.png`,
      '32x32': `${base}/avatar/p32.png`,
    },
  }));
}
