/** Confluence labels: a page's labels (v2 on Cloud, v1 on Server/DC) and adding labels (v1 on both, lower-cased, no duplicates). */
import type { ConfluencePlugin } from './confluence-context.js';
import { contentNotFound } from './confluence-errors.js';
import type { SandboxPage } from './confluence-model.js';

const labelPayload = (page: SandboxPage) =>
  page.labels.map((name, index) => ({ id: String(index + 1), prefix: 'global', name, label: name }));
const v1Labels = (page: SandboxPage) => ({
  results: labelPayload(page),
  start: 0,
  limit: 200,
  size: page.labels.length,
  _links: {},
});

export const labelsPlugin: ConfluencePlugin = async (app, { confluence }) => {
  const { cloud, contextPath, findPage } = confluence;
  if (cloud) {
    app.get<{ Params: { id: string } }>('/wiki/api/v2/pages/:id/labels', async (request, reply) => {
      const page = findPage(request.params.id);
      return page
        ? { results: labelPayload(page).map(({ id, prefix, name }) => ({ id, prefix, name })), _links: {} }
        : contentNotFound(reply, cloud);
    });
  } else {
    app.get<{ Params: { id: string } }>('/rest/api/content/:id/label', async (request, reply) => {
      const page = findPage(request.params.id);
      return page ? v1Labels(page) : contentNotFound(reply, cloud);
    });
  }
  app.post<{ Params: { id: string }; Body: Array<{ name?: string }> }>(
    `${contextPath}/rest/api/content/:id/label`,
    async (request, reply) => {
      const page = findPage(request.params.id);
      if (!page) return contentNotFound(reply, cloud);
      for (const label of request.body ?? [])
        if (label.name && !page.labels.includes(label.name.toLowerCase())) page.labels.push(label.name.toLowerCase());
      return v1Labels(page);
    },
  );
};
