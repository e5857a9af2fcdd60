/** Jira `issues` toolset: the changelogs of many issues at once (Cloud's bulk changelog API). */
import { z } from 'zod';
import { bulkChangelogs, fieldChanges } from '../../atlassian/jira/relations.js';
import { describeStop } from '../../atlassian/paging.js';
import { defineJiraTool } from '../define.js';
import { issueKey, limit, listOf } from '../params.js';

const change = z.object({
  at: z.string().nullable(),
  author: z.string().nullable(),
  field: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});

export const batchGetChangelogs = defineJiraTool({
  name: 'batch_get_changelogs',
  title: 'Get Jira changelogs in bulk',
  toolset: 'issues',
  access: 'read',
  platforms: ['cloud'],
  description:
    'Get the change history of up to 100 issues in one call, optionally only changes to some fields (e.g. status, assignee).',
  input: () =>
    z.strictObject({
      issue_keys: listOf(issueKey, { min: 1, max: 100 }),
      fields: listOf(z.string(), { max: 10 }).optional().describe('Only changes to these field ids'),
      limit: limit(100, 1000).describe('Max changes in all (1-1000)'),
      page_token: z.string().optional().describe('next_page_token from the previous page'),
    }),
  output: () =>
    z.object({
      issues: z.array(z.object({ issue_key: z.string(), changes: z.array(change) })),
      next_page_token: z.string().optional(),
      listing_stopped: z.string().optional(),
    }),
  action: (args) => `Get changelogs of ${args.issue_keys.length} issues`,
  run: async ({ jira, signal }, args) => {
    const page = await bulkChangelogs(
      jira,
      {
        issueKeys: [...new Set(args.issue_keys)],
        fieldIds: args.fields,
        maxResults: args.limit,
        nextPageToken: args.page_token,
      },
      signal,
    );
    const issues = page.issues.map((log) => ({
      issue_key: log.key,
      changes: fieldChanges(log.histories),
    }));
    const lines = issues.flatMap((issue) => [
      `## ${issue.issue_key}`,
      ...(issue.changes.length
        ? issue.changes.map(
            (entry) =>
              `- ${entry.at?.slice(0, 16).replace('T', ' ') ?? '?'} ${entry.author ?? 'someone'}: ${entry.field} ${entry.from ?? '∅'} → ${entry.to ?? '∅'}`,
          )
        : ['No changes.']),
    ]);
    const stopped = page.stopped ? describeStop(page.stopped, 'Changelog listing') : undefined;
    const next = page.nextPageToken
      ? `More changes: call again with page_token "${page.nextPageToken}".`
      : stopped
        ? `${stopped}; there is no next page to ask for.`
        : '';
    return {
      text: [lines.join('\n') || 'No changelogs.', next].filter(Boolean).join('\n'),
      structured: {
        issues,
        ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
        ...(stopped ? { listing_stopped: stopped } : {}),
      },
    };
  },
});
