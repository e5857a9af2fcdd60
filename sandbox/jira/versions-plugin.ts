/** Jira versions: a project's list, create (unique names), and update (rename, dates, release, archive). */
import type { JiraPlugin } from './jira-context.js';
import { projectNotFound } from './jira-errors.js';
import type { SandboxVersion } from './jira-model.js';

type VersionBody = {
  name?: string;
  projectId?: number;
  description?: string;
  releaseDate?: string;
  startDate?: string;
  released?: boolean;
};

export const versionsPlugin: JiraPlugin = async (app, { jira }) => {
  const { api, data } = jira;
  const payload = (version: SandboxVersion) => ({
    ...version,
    self: `${jira.site.baseUrl()}${api}/version/${version.id}`,
    projectId: 10000,
  });

  app.get<{ Params: { key: string } }>(`${api}/project/:key/versions`, async (request, reply) => {
    if (request.params.key !== data.projectKey) return projectNotFound(reply);
    return data.versions.map(payload);
  });

  app.post<{ Body: VersionBody }>(`${api}/version`, async (request, reply) => {
    const body = request.body ?? {};
    if (body.projectId !== 10000)
      return reply.code(400).send({ errorMessages: [], errors: { project: 'Project must be specified.' } });
    if (!body.name)
      return reply.code(400).send({ errorMessages: [], errors: { name: 'You must specify a valid version name' } });
    if (data.versions.some((version) => version.name === body.name))
      return reply
        .code(400)
        .send({ errorMessages: [], errors: { name: 'A version with this name already exists in this project.' } });
    const version = {
      id: String(10100 + data.versions.length),
      name: body.name,
      released: Boolean(body.released),
      archived: false,
      ...(body.description ? { description: body.description } : {}),
      ...(body.releaseDate ? { releaseDate: body.releaseDate } : {}),
      ...(body.startDate ? { startDate: body.startDate } : {}),
    };
    data.versions.push(version);
    return reply.code(201).send(payload(version));
  });

  app.put<{ Params: { id: string }; Body: Record<string, unknown> }>(`${api}/version/:id`, async (request, reply) => {
    const version = data.versions.find((candidate) => candidate.id === request.params.id);
    if (!version) return reply.code(404).send({ errorMessages: ['Could not find version for id.'], errors: {} });
    Object.assign(version, request.body ?? {});
    return payload(version);
  });
};
