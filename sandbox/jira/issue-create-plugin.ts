/** Creating Jira issues, one (`POST /issue`) or several (`POST /issue/bulk`, with per-element errors). */
import { createIssue, type Fields } from './issue-fields.js';
import type { JiraPlugin } from './jira-context.js';
import { invalidFields } from './jira-errors.js';

type BulkError = {
  status: number;
  failedElementNumber: number;
  elementErrors: { errorMessages: string[]; errors: Record<string, string> };
};

export const issueCreatePlugin: JiraPlugin = async (app, { jira }) => {
  const { api } = jira;

  app.post<{ Body: { fields?: Fields } }>(`${api}/issue`, async (request, reply) => {
    const result = createIssue(jira, request.body?.fields ?? {});
    if ('errors' in result) return invalidFields(reply, result.errors);
    return reply
      .code(201)
      .send({ id: result.issue.id, key: result.issue.key, self: `${api}/issue/${result.issue.id}` });
  });

  app.post<{ Body: { issueUpdates?: Array<{ fields?: Fields }> } }>(`${api}/issue/bulk`, async (request, reply) => {
    const issues: Array<{ id: string; key: string; self: string }> = [];
    const errors: BulkError[] = [];
    (request.body?.issueUpdates ?? []).forEach((update, index) => {
      const result = createIssue(jira, update.fields ?? {});
      if ('errors' in result)
        errors.push({
          status: 400,
          failedElementNumber: index,
          elementErrors: { errorMessages: [], errors: result.errors },
        });
      else issues.push({ id: result.issue.id, key: result.issue.key, self: `${api}/issue/${result.issue.id}` });
    });
    return reply.code(issues.length ? 201 : 400).send({ issues, errors });
  });
};
