/** Jira `issues` toolset, Cloud only: move an issue to another project (it gets a new key; the old one still resolves). */
import { z } from 'zod';
import { moveIssue as move } from '../../atlassian/jira/move.js';
import { getIssueTypes } from '../../atlassian/jira/projects.js';
import { noRole } from '../argument-roles.js';
import { defineJiraTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { issueKey, nameOrId, projectKey } from '../params.js';

export const moveIssue = defineJiraTool({
  name: 'move_issue',
  title: 'Move Jira issue to another project',
  toolset: 'issues',
  access: 'destructive',
  platforms: ['cloud'],
  description:
    'Move an issue to another project, keeping its type unless target_issue_type says otherwise. The issue gets a new key.',
  input: () =>
    z.strictObject({
      issue_key: issueKey,
      target_project_key: noRole(projectKey.describe('Project key the issue moves to')),
      target_issue_type: nameOrId('Issue type name in the target project').optional(),
    }),
  output: () => z.object({ old_key: z.string(), new_key: z.string(), url: z.string() }),
  action: (args) => `Move ${args.issue_key} to ${args.target_project_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.issue_key;
    const target = args.target_project_key;
    const issue = await jira.getIssue(key, { fields: ['issuetype', 'project'], signal });
    const currentType = (issue.fields?.issuetype as { name?: string } | undefined)?.name ?? '';
    const wantedType = args.target_issue_type ?? currentType;
    const types = await getIssueTypes(jira, target, signal);
    const type = types.find((candidate) => candidate.name.toLowerCase() === wantedType.toLowerCase());
    if (!type)
      throw new ToolInputError(
        `${target} has no issue type "${wantedType}"; pass target_issue_type, one of ${types.map((candidate) => candidate.name).join(', ')}`,
      );
    const { status, failures, newKey } = await move(
      jira,
      issue,
      { projectKey: target, issueTypeId: type.id },
      { signal },
    );
    if (!newKey)
      throw new ToolInputError(
        `the move ended ${status ?? 'unknown'}${failures.length ? `: ${failures.join('; ')}` : ''}`,
      );
    const url = jira.browseUrl(newKey);
    return {
      text: `Moved ${key} to ${target}: it is now ${newKey}.\nURL: ${url}`,
      structured: { old_key: key, new_key: newKey, url },
    };
  },
});
