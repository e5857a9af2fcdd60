/**
 * Cloud: move an issue to another project with the bulk move API, wait (bounded) for the task to finish, and read
 * the key the issue got. The issue and the target project must lie within the instance's projects.
 */
import { z } from 'zod';
import { AtlassianError } from '../errors.js';
import { segment } from '../path.js';
import { getAs, loose, operation, optionalList, optionalText, requestAs } from '../shape.js';
import { issueShape } from './answer-shapes.js';
import type { JiraClient } from './client.js';
import type { RawIssue } from './issue.js';

export interface MoveProgress {
  status?: string;
  progressPercent?: number;
  processedAccessibleIssues?: number[];
  failedAccessibleIssues?: Record<string, string[]>;
  invalidOrInaccessibleIssueCount?: number;
}

const ANSWERS = {
  getIssue: operation<RawIssue>('getIssue', () => issueShape()),
  submitBulkMove: operation<{ taskId: string }>('submitBulkMove', () => loose({ taskId: z.string() })),
  getBulkOperationProgress: operation<MoveProgress>('getBulkOperationProgress', () =>
    loose({
      status: optionalText,
      progressPercent: z.number().nullish(),
      processedAccessibleIssues: optionalList(z.number()),
      failedAccessibleIssues: z.record(z.string(), z.array(z.string())).nullish(),
      invalidOrInaccessibleIssueCount: z.number().nullish(),
    }),
  ),
};

/** How a move ended: the task's final status, the reasons Jira gave for issues it could not move, and the new key. */
export interface MoveResult {
  status?: string;
  failures: string[];
  /** Set when the move completed. */
  newKey?: string;
}

/** Moves one issue (as read before, for its id) to `target`, waiting for the task and reading the key it got. */
export async function moveIssue(
  jira: JiraClient,
  issue: { id: string; key: string },
  target: { projectKey: string; issueTypeId: string },
  options: { signal?: AbortSignal; pollMs?: number; timeoutMs?: number } = {},
): Promise<MoveResult> {
  const path = `${jira.api}/bulk/issues/move`;
  await jira.requireIssues([issue.key], 'POST', path, options.signal);
  jira.requireProject(target.projectKey, 'POST', path);
  const mapping = {
    [`${target.projectKey},${target.issueTypeId}`]: {
      inferClassificationDefaults: true,
      inferFieldDefaults: true,
      inferStatusDefaults: true,
      inferSubtaskTypeDefault: true,
      issueIdsOrKeys: [issue.key],
    },
  };
  const submitted = await requestAs(jira.http, ANSWERS.submitBulkMove, 'POST', path, {
    body: { sendBulkNotification: false, targetToSourcesMapping: mapping },
    signal: options.signal,
  });
  const progress = await finished(jira, submitted.taskId, options);
  const failures = Object.values(progress.failedAccessibleIssues ?? {}).flat();
  if (progress.status !== 'COMPLETE' || failures.length > 0 || (progress.invalidOrInaccessibleIssueCount ?? 0) > 0)
    return { status: progress.status, failures };
  // By id: the old key still resolves, to the issue under its new key.
  const moved = await getAs(
    jira.http,
    ANSWERS.getIssue,
    `${jira.api}/issue/${segment(String(issue.id))}`,
    { fields: 'summary' },
    options.signal,
  );
  return { status: progress.status, failures, newKey: moved.key };
}

/** Polls the task until it has ended, or reports a timeout once `timeoutMs` (default 30 s) has passed. */
async function finished(
  jira: JiraClient,
  taskId: string,
  options: { signal?: AbortSignal; pollMs?: number; timeoutMs?: number },
): Promise<MoveProgress> {
  const path = `${jira.api}/bulk/queue/${segment(taskId)}`;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const progress = await getAs(jira.http, ANSWERS.getBulkOperationProgress, path, undefined, options.signal);
    if (progress.status && !['ENQUEUED', 'RUNNING'].includes(progress.status)) return progress;
    if (Date.now() > deadline) {
      throw new AtlassianError({
        instance: jira.http.instance,
        method: 'GET',
        path,
        failure: 'timeout',
        messages: [`the move task ${taskId} is still ${progress.status} (${progress.progressPercent ?? 0}%)`],
      });
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  }
}
