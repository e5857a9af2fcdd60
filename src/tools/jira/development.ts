/** Jira `development` toolset: the branches, commits and pull requests linked to an issue. */
import { z } from 'zod';
import { getDevelopmentInfo } from '../../atlassian/jira/development.js';
import { defineJiraTool } from '../define.js';
import { issueKey } from '../params.js';

const pullRequest = z.object({
  title: z.string(),
  status: z.string().nullable(),
  url: z.string().nullable(),
  source: z.string().nullable(),
  destination: z.string().nullable(),
  tool: z.string(),
});
const commit = z.object({
  id: z.string(),
  message: z.string(),
  author: z.string().nullable(),
  at: z.string().nullable(),
  repository: z.string(),
  url: z.string().nullable(),
});
const branch = z.object({ name: z.string(), repository: z.string().nullable(), url: z.string().nullable() });

export const getIssueDevelopmentInfo = defineJiraTool({
  name: 'get_issue_development_info',
  title: 'Get Jira development info',
  toolset: 'development',
  access: 'read',
  description:
    'List the pull requests, branches and commits linked to an issue from connected tools (GitHub, GitLab, Bitbucket…).',
  input: () => z.strictObject({ issue_key: issueKey }),
  output: () =>
    z.object({
      issue_key: z.string(),
      pull_requests: z.array(pullRequest),
      branches: z.array(branch),
      commits: z.array(commit),
    }),
  action: (args) => `Get development info of ${args.issue_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.issue_key;
    const details = await getDevelopmentInfo(jira, key, signal);
    const pullRequests: Array<z.infer<typeof pullRequest>> = [];
    const branches: Array<z.infer<typeof branch>> = [];
    const commits: Array<z.infer<typeof commit>> = [];
    for (const detail of details) {
      const tool = detail._instance?.name ?? detail._instance?.type ?? 'unknown';
      for (const pr of detail.pullRequests ?? [])
        pullRequests.push({
          title: pr.name,
          status: pr.status ?? null,
          url: pr.url ?? null,
          source: pr.source?.branch ?? null,
          destination: pr.destination?.branch ?? null,
          tool,
        });
      for (const item of detail.branches ?? [])
        if (!branches.some((known) => known.name === item.name))
          branches.push({ name: item.name, repository: item.repository?.name ?? null, url: item.url ?? null });
      for (const repository of detail.repositories ?? []) {
        for (const entry of repository.commits ?? [])
          commits.push({
            id: entry.displayId ?? entry.id.slice(0, 7),
            message: (entry.message ?? '').split('\n')[0]!,
            author: entry.author?.name ?? null,
            at: entry.authorTimestamp ?? null,
            repository: repository.name,
            url: entry.url ?? null,
          });
      }
    }
    const lines = [
      ...(pullRequests.length
        ? [
            '## Pull requests',
            ...pullRequests.map(
              (pr) =>
                `- [${pr.title}](${pr.url ?? ''}) ${pr.status ?? ''} (${pr.source ?? '?'} → ${pr.destination ?? '?'}, ${pr.tool})`,
            ),
          ]
        : []),
      ...(branches.length
        ? ['## Branches', ...branches.map((item) => `- ${item.name}${item.repository ? ` in ${item.repository}` : ''}`)]
        : []),
      ...(commits.length
        ? [
            '## Commits',
            ...commits.map((entry) => `- ${entry.id} ${entry.message} — ${entry.author ?? '?'} (${entry.repository})`),
          ]
        : []),
    ];
    return {
      text: lines.length
        ? `Development on ${key}:\n${lines.join('\n')}`
        : `No development information is linked to ${key}.`,
      structured: { issue_key: key, pull_requests: pullRequests, branches, commits },
    };
  },
});
