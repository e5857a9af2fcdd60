/** Jira `issues` toolset, Cloud only: move an issue to another project (it gets a new key; the old one still resolves). */
import { z } from 'zod';
import { moveIssues } from '../../atlassian/jira/move.js';
import { getIssueTypes } from '../../atlassian/jira/projects.js';
import { defineJiraTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { issueKey, nameOrId, projectKey } from '../params.js';
import { assertIssueVisible, assertProjectVisible } from './guards.js';

export const moveIssue = defineJiraTool({
  name: 'move_issue',
  title: 'Move Jira issue to another project',
  toolset: 'issues',
  access: 'destructive',
  platforms: ['cloud'],
  description: 'Move an issue to another project, keeping its type unless target_issue_type says otherwise. The issue gets a new key.',
  input: z.strictObject({ issue_key: issueKey, target_project_key: projectKey, target_issue_type: nameOrId('Issue type name in the target project').optional() }),
  output: z.object({ old_key: z.string(), new_key: z.string(), url: z.string() }),
  action: (args) => `Move ${args.issue_key} to ${args.target_project_key}`,
  run: async ({ jira, instance, signal }, args) => {
    const key = args.issue_key;
    const target = args.target_project_key;
    assertIssueVisible(instance, jira, key, 'POST');
    assertProjectVisible(instance, jira, target, 'POST');
    const issue = await jira.getIssue(key, { fields: ['issuetype', 'project'], signal });
    const currentType = (issue.fields?.issuetype as { name?: string } | undefined)?.name ?? '';
    const wantedType = args.target_issue_type ?? currentType;
    const types = await getIssueTypes(jira, target, signal);
    const type = types.find((candidate) => candidate.name.toLowerCase() === wantedType.toLowerCase());
    if (!type) throw new ToolInputError(`${target} has no issue type "${wantedType}"; pass target_issue_type, one of ${types.map((candidate) => candidate.name).join(', ')}`);
    const progress = await moveIssues(jira, { projectKey: target, issueTypeId: type.id }, [key], { signal });
    const failure = Object.values(progress.failedAccessibleIssues ?? {}).flat();
    if (progress.status !== 'COMPLETE' || failure.length > 0 || (progress.invalidOrInaccessibleIssueCount ?? 0) > 0) {
      throw new ToolInputError(`the move ended ${progress.status ?? 'unknown'}${failure.length ? `: ${failure.join('; ')}` : ''}`);
    }
    const moved = await jira.getIssue(String(issue.id), { fields: ['summary'], signal });
    const url = jira.browseUrl(moved.key);
    return { text: `Moved ${key} to ${target}: it is now ${moved.key}.\nURL: ${url}`, structured: { old_key: key, new_key: moved.key, url } };
  },
});
