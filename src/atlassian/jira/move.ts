/** Cloud: move issues to another project with the bulk move API, then wait (bounded) for the task to finish. */
import { AtlassianError } from '../errors.js';
import type { JiraClient } from './client.js';
import { segment } from '../path.js';

export interface MoveProgress {
  status?: string;
  progressPercent?: number;
  processedAccessibleIssues?: number[];
  failedAccessibleIssues?: Record<string, string[]>;
  invalidOrInaccessibleIssueCount?: number;
}

export async function moveIssues(
  jira: JiraClient,
  target: { projectKey: string; issueTypeId: string },
  issueKeys: string[],
  options: { signal?: AbortSignal; pollMs?: number; timeoutMs?: number } = {},
): Promise<MoveProgress> {
  const mapping = {
    [`${target.projectKey},${target.issueTypeId}`]: { inferClassificationDefaults: true, inferFieldDefaults: true, inferStatusDefaults: true, inferSubtaskTypeDefault: true, issueIdsOrKeys: issueKeys },
  };
  const submitted = await jira.http.request<{ taskId: string }>('POST', `${jira.api}/bulk/issues/move`, { body: { sendBulkNotification: false, targetToSourcesMapping: mapping }, signal: options.signal });
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const progress = await jira.http.get<MoveProgress>(`${jira.api}/bulk/queue/${segment(submitted.taskId)}`, undefined, options.signal);
    if (progress.status && !['ENQUEUED', 'RUNNING'].includes(progress.status)) return progress;
    if (Date.now() > deadline) {
      throw new AtlassianError({ instance: jira.http.instance, method: 'GET', path: `${jira.api}/bulk/queue/${segment(submitted.taskId)}`, failure: 'timeout', messages: [`the move task ${submitted.taskId} is still ${progress.status} (${progress.progressPercent ?? 0}%)`] });
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  }
}
