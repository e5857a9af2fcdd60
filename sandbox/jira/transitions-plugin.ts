/** Jira transitions: the sandbox workflow's steps from an issue's status, and moving an issue along them (Done needs a resolution). */
import { WORKFLOW } from '../fixtures/jira-fields.js';
import type { Fields } from './issue-fields.js';
import { recordChange } from './issue-history.js';
import type { JiraPlugin } from './jira-context.js';
import { invalidFields, issueNotFound } from './jira-errors.js';

type TransitionBody = {
  transition?: { id?: string };
  fields?: Fields;
  update?: { comment?: Array<{ add?: { body?: unknown } }> };
};

const RESOLUTION_FIELD = {
  resolution: {
    required: true,
    schema: { type: 'resolution', system: 'resolution' },
    name: 'Resolution',
    key: 'resolution',
    operations: ['set'],
    allowedValues: [
      { id: '1', name: 'Done' },
      { id: '2', name: "Won't Do" },
    ],
  },
};

export const transitionsPlugin: JiraPlugin = async (app, { jira }) => {
  const { api, data, findIssue } = jira;

  app.get<{ Params: { key: string } }>(`${api}/issue/:key/transitions`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return issueNotFound(reply);
    return {
      expand: 'transitions',
      transitions: WORKFLOW.filter((step) => step.to !== issue.status).map((step) => ({
        id: step.id,
        name: step.name,
        to: {
          self: `${api}/status/${step.id}`,
          id: step.id,
          name: step.to,
          statusCategory: { id: 1, key: step.to === 'Done' ? 'done' : 'new', name: step.to },
        },
        hasScreen: step.requiresResolution,
        isGlobal: true,
        isInitial: false,
        isAvailable: true,
        isConditional: false,
        fields: step.requiresResolution ? RESOLUTION_FIELD : {},
      })),
    };
  });

  app.post<{ Params: { key: string }; Body: TransitionBody }>(
    `${api}/issue/:key/transitions`,
    async (request, reply) => {
      const issue = findIssue(request.params.key);
      if (!issue) return issueNotFound(reply);
      const step = WORKFLOW.find(
        (candidate) => candidate.id === request.body?.transition?.id && candidate.to !== issue.status,
      );
      if (!step) return invalidFields(reply, { transition: 'Transition id is not valid for this issue.' });
      const resolution = (request.body?.fields?.resolution as { name?: string } | undefined)?.name;
      if (step.requiresResolution && !resolution)
        return invalidFields(reply, { resolution: 'Resolution is required.' });
      recordChange(issue, data.users[0]!, 'status', issue.status, step.to);
      issue.status = step.to;
      issue.resolution = step.to === 'Done' ? (resolution ?? 'Done') : null;
      for (const operation of request.body?.update?.comment ?? []) {
        if (operation.add?.body)
          issue.comments.push({
            id: String(40000 + issue.comments.length),
            author: data.users[0]!,
            body: operation.add.body,
            created: new Date().toISOString().replace('Z', '+0000'),
          });
      }
      return reply.code(204).send();
    },
  );
};
