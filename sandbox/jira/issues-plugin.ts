/** Jira issues by key: read (with `fields` and `expand=changelog`), edit (fields and label operations), delete. */
import { applyFields, type Fields } from './issue-fields.js';
import { recordChange } from './issue-history.js';
import type { JiraPlugin } from './jira-context.js';
import { invalidFields, issueNotFound } from './jira-errors.js';
import type { SandboxIssue } from './jira-model.js';
import { splitFields } from './jql-search.js';

type EditBody = { fields?: Fields; update?: Record<string, Array<Record<string, unknown>>> };

export const issuesPlugin: JiraPlugin = async (app, { jira }) => {
  const { api, data, findIssue } = jira;

  app.get<{ Params: { key: string }; Querystring: { fields?: string; expand?: string } }>(
    `${api}/issue/:key`,
    async (request, reply) => {
      const issue = findIssue(request.params.key);
      if (!issue) return issueNotFound(reply);
      return jira.issuePayload(issue, splitFields(request.query.fields), request.query.expand);
    },
  );

  app.put<{ Params: { key: string }; Body: EditBody }>(`${api}/issue/:key`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return issueNotFound(reply);
    const draft: SandboxIssue = structuredClone(issue);
    const errors = applyFields(jira, draft, request.body?.fields ?? {});
    applyLabelOperations(draft, request.body?.update?.labels ?? []);
    if (Object.keys(errors).length > 0) return invalidFields(reply, errors);
    for (const [field, before, after] of [
      ['summary', issue.summary, draft.summary],
      ['assignee', issue.assignee?.displayName ?? null, draft.assignee?.displayName ?? null],
      ['priority', issue.priority, draft.priority],
      ['labels', issue.labels.join(' '), draft.labels.join(' ')],
    ] as const) {
      if (before !== after) recordChange(draft, data.users[0]!, field, before, after);
    }
    Object.assign(issue, draft, { updated: new Date().toISOString().replace('Z', '+0000') });
    return reply.code(204).send();
  });

  app.delete<{ Params: { key: string } }>(`${api}/issue/:key`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return issueNotFound(reply);
    data.issues.splice(data.issues.indexOf(issue), 1);
    return reply.code(204).send();
  });
};

/** The `update.labels` operations of an edit: `{ add }` and `{ remove }`, in order. */
function applyLabelOperations(issue: SandboxIssue, operations: ReadonlyArray<Record<string, unknown>>): void {
  for (const operation of operations) {
    if (typeof operation.add === 'string' && !issue.labels.includes(operation.add)) issue.labels.push(operation.add);
    if (typeof operation.remove === 'string') issue.labels = issue.labels.filter((label) => label !== operation.remove);
  }
}
