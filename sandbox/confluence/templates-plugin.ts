/** Confluence Cloud page templates: the global ones or a space's, and one template with its body. */
import { seedTemplates, type SandboxTemplate } from '../fixtures/confluence-templates.js';
import type { ConfluencePlugin } from './confluence-context.js';

const templatePayload = (template: SandboxTemplate, withBody: boolean) => ({
  templateId: template.templateId,
  name: template.name,
  description: template.description,
  templateType: 'page',
  labels: [],
  ...(template.space ? { space: { key: template.space } } : {}),
  ...(withBody
    ? { body: { storage: { value: template.storage, representation: 'storage', embeddedContent: [] } } }
    : {}),
  _links: {},
});

export const templatesPlugin: ConfluencePlugin = async (app, { confluence }) => {
  const templates = seedTemplates(confluence.data.space.key);
  app.get<{ Querystring: { spaceKey?: string } }>('/wiki/rest/api/template/page', async (request) => {
    const matching = templates.filter((template) =>
      request.query.spaceKey ? template.space === request.query.spaceKey : template.space === null,
    );
    return {
      results: matching.map((template) => templatePayload(template, false)),
      start: 0,
      limit: 25,
      size: matching.length,
      _links: {},
    };
  });
  app.get<{ Params: { id: string } }>('/wiki/rest/api/template/:id', async (request, reply) => {
    const template = templates.find((candidate) => candidate.templateId === request.params.id);
    return template
      ? templatePayload(template, true)
      : reply.code(404).send({ statusCode: 404, message: 'Template not found' });
  });
};
