/** Jira Cloud bulk move: issues move to the site's lab project, get new keys, and keep their old ones as aliases. */
import type { FastifyReply } from 'fastify';
import { ISSUE_TYPES } from '../fixtures/jira-fields.js';
import { recordChange } from './issue-history.js';
import type { JiraContext, JiraPlugin } from './jira-context.js';

type MoveBody = { targetToSourcesMapping?: Record<string, { issueIdsOrKeys?: string[] }> };

export const bulkMovePlugin: JiraPlugin = async (app, { jira }) => {
  const { api, data } = jira;

  app.post<{ Body: MoveBody }>(`${api}/bulk/issues/move`, async (request, reply) => {
    const mappings = Object.entries(request.body?.targetToSourcesMapping ?? {});
    if (mappings.length === 0)
      return reply.code(400).send({ errorMessages: ['targetToSourcesMapping is required.'], errors: {} });
    const processed: number[] = [];
    const failed: Record<string, string[]> = {};
    for (const [target, mapping] of mappings) {
      const invalid = moveIssues(jira, reply, target, mapping.issueIdsOrKeys ?? [], { processed, failed });
      if (invalid) return invalid;
    }
    const taskId = String(10600 + data.moveTasks.size);
    data.moveTasks.set(taskId, { processed, failed });
    return reply.code(201).send({ taskId });
  });

  app.get<{ Params: { taskId: string } }>(`${api}/bulk/queue/:taskId`, async (request, reply) => {
    const task = data.moveTasks.get(request.params.taskId);
    if (!task) return reply.code(404).send({ errorMessages: ['Task not found.'], errors: {} });
    return {
      taskId: request.params.taskId,
      status: 'COMPLETE',
      progressPercent: 100,
      processedAccessibleIssues: task.processed,
      failedAccessibleIssues: task.failed,
      invalidOrInaccessibleIssueCount: 0,
      totalIssueCount: task.processed.length + Object.keys(task.failed).length,
      created: Date.now(),
      started: Date.now(),
      updated: Date.now(),
      submittedBy: { accountId: data.users[0]!.accountId },
    };
  });
};

/** Moves the issues to one `project,issueTypeId` target, noting each outcome; answers 400 for a target that is not the lab project. */
function moveIssues(
  jira: JiraContext,
  reply: FastifyReply,
  target: string,
  keys: string[],
  outcome: { processed: number[]; failed: Record<string, string[]> },
) {
  const { data } = jira;
  const [projectKey, typeId] = target.split(',');
  const type = ISSUE_TYPES.find((candidate) => candidate.id === typeId);
  if (projectKey !== `${data.projectKey}LAB` || !type)
    return reply.code(400).send({ errorMessages: [`Invalid target "${target}".`], errors: {} });
  for (const key of keys) {
    const issue = jira.findIssue(key);
    if (!issue) {
      outcome.failed[key] = ['Issue does not exist or you do not have permission to see it.'];
      continue;
    }
    const next =
      Math.max(
        0,
        ...data.issues
          .filter((candidate) => candidate.key.startsWith(`${projectKey}-`))
          .map((candidate) => Number(candidate.key.split('-')[1])),
      ) + 1;
    const newKey = `${projectKey}-${next}`;
    data.movedKeys.set(issue.key, newKey);
    recordChange(issue, data.users[0]!, 'Key', issue.key, newKey);
    issue.key = newKey;
    issue.type = type.name as typeof issue.type;
    outcome.processed.push(Number(issue.id));
  }
  return undefined;
}
