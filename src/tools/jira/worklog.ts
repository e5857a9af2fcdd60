/** Jira `worklog` toolset: read and log time. */
import { z } from 'zod';
import { isoDate, personName } from '../../atlassian/jira/issue.js';
import { addWorklog as add, getWorklogs } from '../../atlassian/jira/relations.js';
import { defineJiraTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { issueKey, limit } from '../params.js';

const worklogSchema = z.object({
  id: z.string(),
  author: z.string().nullable(),
  started: z.string().nullable(),
  time_spent: z.string().nullable(),
  seconds: z.number().nullable(),
  comment: z.string(),
});

export const getWorklog = defineJiraTool({
  name: 'get_worklog',
  title: 'Get Jira worklog',
  toolset: 'worklog',
  access: 'read',
  description: 'List the time logged on an issue: who, when, how long, and the comment.',
  input: () => z.strictObject({ issue_key: issueKey, limit: limit(20, 100) }),
  output: () =>
    z.object({
      issue_key: z.string(),
      total: z.number(),
      total_seconds: z.number(),
      worklogs: z.array(worklogSchema),
    }),
  action: (args) => `Get worklog of ${args.issue_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.issue_key;
    const page = await getWorklogs(jira, key, args.limit, signal);
    const worklogs = page.worklogs.map((entry) => ({
      id: String(entry.id),
      author: personName(entry.author),
      started: isoDate(entry.started),
      time_spent: entry.timeSpent ?? null,
      seconds: entry.timeSpentSeconds ?? null,
      comment: jira.toMarkdown(entry.comment),
    }));
    const totalSeconds = worklogs.reduce((sum, entry) => sum + (entry.seconds ?? 0), 0);
    const lines = worklogs.map(
      (entry) =>
        `- ${entry.started?.slice(0, 16).replace('T', ' ') ?? '?'} ${entry.author ?? 'someone'}: ${entry.time_spent ?? '?'}${entry.comment ? ` — ${entry.comment}` : ''}`,
    );
    const text = worklogs.length
      ? `${page.total} worklog entr${page.total === 1 ? 'y' : 'ies'} on ${key} (${formatSeconds(totalSeconds)} shown):\n${lines.join('\n')}`
      : `No time logged on ${key}.`;
    return { text, structured: { issue_key: key, total: page.total, total_seconds: totalSeconds, worklogs } };
  },
});

export const addWorklog = defineJiraTool({
  name: 'add_worklog',
  title: 'Log work on Jira issue',
  toolset: 'worklog',
  access: 'destructive',
  description:
    'Log time on an issue, e.g. time_spent "1h 30m", optionally when it started and a markdown comment. Adjusts the remaining estimate automatically.',
  input: () =>
    z.strictObject({
      issue_key: issueKey,
      time_spent: z
        .string()
        .trim()
        .regex(/^(\d+(\.\d+)?[wdhm]\s*)+$/, { error: 'use Jira durations such as 45m, 2h, 1d 4h' })
        .describe('Jira duration, e.g. "1h 30m"'),
      started: z.string().optional().describe('ISO date-time the work started; default now'),
      comment: z.string().optional().describe('Markdown'),
    }),
  output: () => z.object({ id: z.string(), issue_key: z.string(), time_spent: z.string(), started: z.string() }),
  action: (args) => `Log work on ${args.issue_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.issue_key;
    const started = jiraDateTime(args.started);
    const entry = await add(jira, key, { timeSpent: args.time_spent, started, comment: args.comment }, signal);
    return {
      text: `Logged ${args.time_spent} on ${key} (worklog ${entry.id}).`,
      structured: { id: String(entry.id), issue_key: key, time_spent: args.time_spent, started },
    };
  },
});

/** Jira wants `2026-11-22T09:30:00.000+0000`. */
function jiraDateTime(value: string | undefined): string {
  const date = value ? new Date(value) : new Date();
  if (Number.isNaN(date.getTime()))
    throw new ToolInputError(`started: "${value}" is not a date-time; use ISO 8601, e.g. 2026-11-22T09:30:00Z`);
  return date.toISOString().replace('Z', '+0000');
}

function formatSeconds(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  return [hours ? `${hours}h` : '', minutes ? `${minutes}m` : ''].filter(Boolean).join(' ') || '0m';
}
