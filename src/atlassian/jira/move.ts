/** Cloud: move issues to another project with the bulk move API, then wait (bounded) for the task to finish. */
import { z } from 'zod';
import { AtlassianError } from '../errors.js';
import { getAs, loose, operation, optionalList, optionalText, requestAs } from '../shape.js';
import type { JiraClient } from './client.js';
import { segment } from '../path.js';

export interface MoveProgress {
  status?: string;
  progressPercent?: number;
  processedAccessibleIssues?: number[];
  failedAccessibleIssues?: Record<string, string[]>;
  invalidOrInaccessibleIssueCount?: number;
}

const ANSWERS = {
  submitBulkMove: operation<{ taskId: string }>('submitBulkMove', () => loose({ taskId: z.string() })),
  getBulkOperationProgress: operation<MoveProgress>(
    'getBulkOperationProgress',
    () => loose({
      status: optionalText,
      progressPercent: z.number().nullish(),
      processedAccessibleIssues: optionalList(z.number()),
      failedAccessibleIssues: z.record(z.string(), z.array(z.string())).nullish(),
      invalidOrInaccessibleIssueCount: z.number().nullish(),
    }),
  ),
};

export async function moveIssues(
  jira: JiraClient,
  target: { projectKey: string; issueTypeId: string },
  issueKeys: string[],
  options: { signal?: AbortSignal; pollMs?: number; timeoutMs?: number } = {},
): Promise<MoveProgress> {
  const mapping = {
    [`${target.projectKey},${target.issueTypeId}`]: { inferClassificationDefaults: true, inferFieldDefaults: true, inferStatusDefaults: true, inferSubtaskTypeDefault: true, issueIdsOrKeys: issueKeys },
  };
  const submitted = await requestAs(jira.http, ANSWERS.submitBulkMove, 'POST', `${jira.api}/bulk/issues/move`, { body: { sendBulkNotification: false, targetToSourcesMapping: mapping }, signal: options.signal });
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const progress = await getAs(jira.http, ANSWERS.getBulkOperationProgress, `${jira.api}/bulk/queue/${segment(submitted.taskId)}`, undefined, options.signal);
    if (progress.status && !['ENQUEUED', 'RUNNING'].includes(progress.status)) return progress;
    if (Date.now() > deadline) {
      throw new AtlassianError({ instance: jira.http.instance, method: 'GET', path: `${jira.api}/bulk/queue/${segment(submitted.taskId)}`, failure: 'timeout', messages: [`the move task ${submitted.taskId} is still ${progress.status} (${progress.progressPercent ?? 0}%)`] });
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  }
}
