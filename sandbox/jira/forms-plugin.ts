/**
 * Jira Cloud Forms API. The real one lives on Atlassian's API gateway under the site's cloud id, so this plugin sits
 * at the sandbox root (`/jira/forms/cloud/{cloudId}/…`) and checks each request against the site the id names.
 */
import type { FastifyPluginAsync } from 'fastify';
import { seedForms, type SandboxForm } from '../fixtures/jira-forms.js';
import type { JiraSiteData } from './jira-model.js';

/** A Cloud Jira site as the Forms API sees it. */
export interface FormsSite {
  data: JiraSiteData;
  authorized(header: string | undefined): boolean;
}

export interface FormsPluginOptions {
  /** Cloud sites by cloud id; filled as sites are registered. */
  sites: ReadonlyMap<string, FormsSite>;
}

type FormParams = { cloudId: string; key: string; formId: string };

const summary = (form: SandboxForm) => ({
  id: form.id,
  name: form.name,
  updated: form.updated,
  submitted: form.status !== 'o',
  lock: form.status === 'l',
  internal: false,
  formTemplate: { id: 'template-1' },
});
const payload = (form: SandboxForm) => ({
  id: form.id,
  updated: form.updated,
  design: {
    settings: { templateId: 'template-1', name: form.name },
    layout: [],
    conditions: {},
    sections: {},
    questions: form.questions,
  },
  state: { visibility: 'e', status: form.status, answers: form.answers },
});
const NOT_FOUND = { errors: [{ title: 'Form not found' }] };

export const formsPlugin: FastifyPluginAsync<FormsPluginOptions> = async (app, { sites }) => {
  const formsOf = createFormStore(sites);
  const find = (params: FormParams) => formsOf(params.cloudId, params.key).find((form) => form.id === params.formId);

  app.addHook('onRequest', async (request, reply) => {
    const site = sites.get((request.params as { cloudId?: string }).cloudId ?? '');
    if (!site) return reply.code(404).send({ errors: [{ title: 'Unknown cloud id' }] });
    if (!site.authorized(request.headers.authorization))
      return reply.code(401).send({ errors: [{ title: 'Unauthorized' }] });
  });
  const prefix = '/jira/forms/cloud/:cloudId/issue/:key/form';
  app.get<{ Params: { cloudId: string; key: string } }>(prefix, async (request) =>
    formsOf(request.params.cloudId, request.params.key).map(summary),
  );
  app.get<{ Params: FormParams }>(`${prefix}/:formId`, async (request, reply) => {
    const form = find(request.params);
    return form ? payload(form) : reply.code(404).send(NOT_FOUND);
  });
  app.put<{ Params: FormParams; Body: { answers?: Record<string, Record<string, unknown>> } }>(
    `${prefix}/:formId`,
    async (request, reply) => {
      const form = find(request.params);
      if (!form) return reply.code(404).send(NOT_FOUND);
      if (form.status !== 'o')
        return reply
          .code(409)
          .send({ errors: [{ title: 'Form is not open', detail: 'Reopen the form to change answers.' }] });
      for (const [id, answer] of Object.entries(request.body?.answers ?? {})) {
        if (!form.questions[id]) return reply.code(400).send({ errors: [{ title: 'Unknown question', detail: id }] });
        form.answers[id] = answer;
      }
      form.updated = new Date().toISOString();
      return payload(form);
    },
  );
};

/** The forms of an issue of a site, seeded when the site's forms are first asked for. */
function createFormStore(sites: ReadonlyMap<string, FormsSite>) {
  const forms = new Map<string, Map<string, SandboxForm[]>>();
  return (cloudId: string, key: string): SandboxForm[] => {
    const site = sites.get(cloudId)!;
    let byIssue = forms.get(cloudId);
    if (!byIssue) {
      byIssue = seedForms(site.data);
      forms.set(cloudId, byIssue);
    }
    const issue = site.data.issues.find((candidate) => candidate.key === key.toUpperCase());
    return issue ? (byIssue.get(issue.key) ?? []) : [];
  };
}
