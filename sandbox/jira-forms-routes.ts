/**
 * Sandbox Jira Cloud Forms API. The real one lives on Atlassian's API gateway under the site's cloud id, so
 * these routes sit at the sandbox root (`/jira/forms/cloud/{cloudId}/…`) and the site answers `/_edge/tenant_info`.
 */
import type { FastifyInstance } from 'fastify';
import type { JiraSiteData } from './jira/jira-model.js';

interface SandboxForm {
  id: string;
  name: string;
  status: 'o' | 's' | 'l';
  updated: string;
  questions: Record<string, { type: string; label: string; validation: { rq: boolean }; choices?: Array<{ id: string; label: string }> }>;
  answers: Record<string, Record<string, unknown>>;
}

export interface FormsSite {
  data: JiraSiteData;
  authorized(header: string | undefined): boolean;
}

export function cloudIdOf(siteId: string): string {
  return `00000000-0000-4000-8000-${Buffer.from(siteId).toString('hex').padEnd(12, '0').slice(0, 12)}`;
}

/** The tenant-info route of a Cloud site: where its cloud id comes from. */
export function registerTenantInfo(app: FastifyInstance, siteId: string): void {
  app.get('/_edge/tenant_info', async () => ({ cloudId: cloudIdOf(siteId) }));
}

/** Forms for every Cloud site, keyed by cloud id, at the sandbox root. */
export function registerFormsApi(app: FastifyInstance, sites: ReadonlyMap<string, FormsSite>): void {
  const forms = new Map<string, Map<string, SandboxForm[]>>();
  const formsOf = (cloudId: string, site: FormsSite, key: string): SandboxForm[] => {
    let byIssue = forms.get(cloudId);
    if (!byIssue) {
      byIssue = seedForms(site.data);
      forms.set(cloudId, byIssue);
    }
    const issue = site.data.issues.find((candidate) => candidate.key === key.toUpperCase());
    return issue ? (byIssue.get(issue.key) ?? []) : [];
  };

  app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const site = sites.get((request.params as { cloudId?: string }).cloudId ?? '');
      if (!site) return reply.code(404).send({ errors: [{ title: 'Unknown cloud id' }] });
      if (!site.authorized(request.headers.authorization)) return reply.code(401).send({ errors: [{ title: 'Unauthorized' }] });
    });
    const prefix = '/jira/forms/cloud/:cloudId/issue/:key/form';
    scope.get<{ Params: { cloudId: string; key: string } }>(prefix, async (request) =>
      formsOf(request.params.cloudId, sites.get(request.params.cloudId)!, request.params.key).map((form) => ({ id: form.id, name: form.name, updated: form.updated, submitted: form.status !== 'o', lock: form.status === 'l', internal: false, formTemplate: { id: 'template-1' } })),
    );
    const find = (params: { cloudId: string; key: string; formId: string }) => formsOf(params.cloudId, sites.get(params.cloudId)!, params.key).find((form) => form.id === params.formId);
    const payload = (form: SandboxForm) => ({ id: form.id, updated: form.updated, design: { settings: { templateId: 'template-1', name: form.name }, layout: [], conditions: {}, sections: {}, questions: form.questions }, state: { visibility: 'e', status: form.status, answers: form.answers } });
    scope.get<{ Params: { cloudId: string; key: string; formId: string } }>(`${prefix}/:formId`, async (request, reply) => {
      const form = find(request.params);
      return form ? payload(form) : reply.code(404).send({ errors: [{ title: 'Form not found' }] });
    });
    scope.put<{ Params: { cloudId: string; key: string; formId: string }; Body: { answers?: Record<string, Record<string, unknown>> } }>(`${prefix}/:formId`, async (request, reply) => {
      const form = find(request.params);
      if (!form) return reply.code(404).send({ errors: [{ title: 'Form not found' }] });
      if (form.status !== 'o') return reply.code(409).send({ errors: [{ title: 'Form is not open', detail: 'Reopen the form to change answers.' }] });
      for (const [id, answer] of Object.entries(request.body?.answers ?? {})) {
        if (!form.questions[id]) return reply.code(400).send({ errors: [{ title: 'Unknown question', detail: id }] });
        form.answers[id] = answer;
      }
      form.updated = new Date().toISOString();
      return payload(form);
    });
  });
}

function seedForms(data: JiraSiteData): Map<string, SandboxForm[]> {
  const questions: SandboxForm['questions'] = {
    '1': { type: 'tl', label: 'Reason for change', validation: { rq: true } },
    '2': { type: 'cs', label: 'Risk', validation: { rq: true }, choices: [{ id: '1', label: 'Low' }, { id: '2', label: 'Medium' }, { id: '3', label: 'High' }] },
    '3': { type: 'da', label: 'Go-live date', validation: { rq: false } },
  };
  return new Map([
    [`${data.projectKey}-1`, [{ id: '3f1c2d4e-0000-4000-8000-000000000001', name: 'Change request', status: 'o', updated: '2026-11-01T10:00:00.000Z', questions: structuredClone(questions), answers: { '1': { text: 'Proxy timeouts on login' } } }]],
    [`${data.projectKey}-2`, [{ id: '3f1c2d4e-0000-4000-8000-000000000002', name: 'Change request', status: 's', updated: '2026-11-02T10:00:00.000Z', questions: structuredClone(questions), answers: { '1': { text: 'CSV export' }, '2': { choices: ['1'] } } }]],
  ]);
}
