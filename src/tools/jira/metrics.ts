/**
 * Jira `metrics` toolset: dates and SLA-style durations computed from the changelog (lead time, cycle time,
 * time in each status), optionally counted in working hours only.
 */
import { z } from 'zod';
import type { JiraClient } from '../../atlassian/jira/client.js';
import { getChangelog } from '../../atlassian/jira/relations.js';
import { describeStop, type PagingStop } from '../../atlassian/paging.js';
import { defineJiraTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { issueKey, listOfWithDefault } from '../params.js';
import { elapsed, isTimeZone, parseClock, type WorkingHours } from '../working-hours.js';
import { hours, isDoneStatus, parseJiraDate, statusTimeline, type StatusPeriod } from './status-timeline.js';

const METRICS = ['lead_time', 'cycle_time', 'time_in_status', 'resolution_time'] as const;

const periodSchema = z.object({
  status: z.string(),
  entered: z.string(),
  left: z.string().nullable(),
  hours: z.number(),
});
const changelogStopped = z.string().optional().describe('Set when the changelog was read only in part');

export const getIssueDates = defineJiraTool({
  name: 'get_issue_dates',
  title: 'Get Jira issue dates',
  toolset: 'metrics',
  access: 'read',
  description:
    'When an issue was created, updated, due and resolved, and every status it passed through with how long it stayed (from the changelog).',
  input: () => z.strictObject({ issue_key: issueKey }),
  output: () =>
    z.object({
      issue_key: z.string(),
      created: z.string().nullable(),
      updated: z.string().nullable(),
      due_date: z.string().nullable(),
      resolved: z.string().nullable(),
      statuses: z.array(periodSchema),
      changelog_stopped: changelogStopped,
    }),
  action: (args) => `Get dates of ${args.issue_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.issue_key;
    const facts = await issueFacts(jira, key, signal);
    const periods = statusTimeline(facts.created, facts.status, facts.histories, new Date());
    const statuses = periods.map(toRecord);
    const lines = statuses.map(
      (period) =>
        `- ${period.status}: ${period.entered.slice(0, 16).replace('T', ' ')} → ${period.left?.slice(0, 16).replace('T', ' ') ?? 'now'} (${period.hours} h)`,
    );
    return {
      text: [
        `${key}: created ${facts.created ?? '?'}, updated ${facts.updated ?? '?'}, due ${facts.due ?? 'none'}, resolved ${facts.resolved ?? 'not yet'}`,
        'Statuses:',
        ...lines,
        ...stoppedNote(facts.stopped),
      ].join('\n'),
      structured: {
        issue_key: key,
        created: facts.created,
        updated: facts.updated,
        due_date: facts.due,
        resolved: facts.resolved,
        statuses,
        ...stoppedField(facts.stopped),
      },
    };
  },
});

export const getIssueSla = defineJiraTool({
  name: 'get_issue_sla',
  title: 'Get Jira issue SLA metrics',
  toolset: 'metrics',
  access: 'read',
  description:
    'Compute lead time (created → done), cycle time (first work → done), resolution time and time in each status, optionally in working hours only (days, daily window, time zone).',
  input: () =>
    z.strictObject({
      issue_key: issueKey,
      metrics: listOfWithDefault(z.enum(METRICS), [...METRICS], { min: 1 }, { type: 'string', enum: [...METRICS] }),
      working_hours_only: z.boolean().default(false),
      work_start: z.string().default('09:00').describe('HH:MM, local'),
      work_end: z.string().default('17:00').describe('HH:MM, local'),
      work_days: listOfWithDefault(
        z.coerce.number().int().min(0).max(6),
        [1, 2, 3, 4, 5],
        {},
        { type: 'integer', minimum: 0, maximum: 6 },
      ).describe('0 = Sunday … 6 = Saturday'),
      timezone: z.string().default('UTC').describe('IANA zone, e.g. Europe/Berlin'),
    }),
  output: () =>
    z.object({
      issue_key: z.string(),
      unit: z.literal('hours'),
      working_hours_only: z.boolean(),
      lead_time: z.number().nullable().optional(),
      cycle_time: z.number().nullable().optional(),
      resolution_time: z.number().nullable().optional(),
      time_in_status: z.record(z.string(), z.number()).optional(),
      changelog_stopped: changelogStopped,
    }),
  action: (args) => `Compute SLA metrics of ${args.issue_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.issue_key;
    const workingHours = args.working_hours_only ? workingHoursFrom(args) : undefined;
    const facts = await issueFacts(jira, key, signal);
    const now = new Date();
    const periods = statusTimeline(facts.created, facts.status, facts.histories, now, workingHours);
    const created = parseJiraDate(facts.created);
    const doneAt = doneInstant(periods, facts.resolved);
    const firstWork = periods.find((period, index) => index > 0 && !isDoneStatus(period.status));
    const span = (from: Date | undefined, to: Date | undefined) =>
      from && to ? hours(elapsed(from, to, workingHours)) : null;
    const wants = new Set(args.metrics);
    const result: Record<string, unknown> = {
      issue_key: key,
      unit: 'hours',
      working_hours_only: args.working_hours_only,
      ...stoppedField(facts.stopped),
    };
    if (wants.has('lead_time')) result.lead_time = span(created, doneAt);
    if (wants.has('cycle_time')) result.cycle_time = span(firstWork ? new Date(firstWork.entered) : undefined, doneAt);
    if (wants.has('resolution_time')) result.resolution_time = span(created, parseJiraDate(facts.resolved) ?? doneAt);
    if (wants.has('time_in_status')) {
      const totals: Record<string, number> = {};
      for (const period of periods)
        totals[period.status] = hours((totals[period.status] ?? 0) * 3_600_000 + period.duration);
      result.time_in_status = totals;
    }
    const label = (value: unknown) => (typeof value === 'number' ? `${value} h` : 'not done yet');
    const lines = [
      `${key} (${args.working_hours_only ? `working hours ${args.work_start}-${args.work_end} ${args.timezone}` : 'calendar time'}):`,
      ...(['lead_time', 'cycle_time', 'resolution_time'] as const)
        .filter((metric) => metric in result)
        .map((metric) => `- ${metric.replace('_', ' ')}: ${label(result[metric])}`),
      ...(result.time_in_status
        ? Object.entries(result.time_in_status as Record<string, number>).map(
            ([status, value]) => `- time in ${status}: ${value} h`,
          )
        : []),
      ...stoppedNote(facts.stopped),
    ];
    return { text: lines.join('\n'), structured: result };
  },
});

async function issueFacts(jira: JiraClient, key: string, signal: AbortSignal) {
  const [issue, changelog] = await Promise.all([
    jira.getIssue(key, { fields: ['created', 'updated', 'duedate', 'resolutiondate', 'status'], signal }),
    getChangelog(jira, key, signal),
  ]);
  const fields = issue.fields ?? {};
  return {
    created: typeof fields.created === 'string' ? fields.created : '',
    updated: typeof fields.updated === 'string' ? fields.updated : null,
    due: typeof fields.duedate === 'string' ? fields.duedate : null,
    resolved: typeof fields.resolutiondate === 'string' ? fields.resolutiondate : null,
    status: (fields.status as { name?: string } | undefined)?.name ?? 'Unknown',
    histories: changelog.histories,
    stopped: changelog.stopped,
  };
}

/** A changelog read only in part makes the figures partial too; the answer says so. */
function stoppedNote(stopped: PagingStop | undefined): string[] {
  return stopped ? [`${describeStop(stopped, 'Changelog')}; the figures above cover only that part.`] : [];
}

function stoppedField(stopped: PagingStop | undefined): { changelog_stopped?: string } {
  return stopped ? { changelog_stopped: describeStop(stopped, 'Changelog') } : {};
}

function doneInstant(periods: readonly StatusPeriod[], resolved: string | null): Date | undefined {
  const last = periods.at(-1);
  if (last && isDoneStatus(last.status)) return new Date(last.entered);
  return parseJiraDate(resolved);
}

function toRecord(period: StatusPeriod): z.infer<typeof periodSchema> {
  return { status: period.status, entered: period.entered, left: period.left, hours: hours(period.duration) };
}

function workingHoursFrom(args: {
  work_start: string;
  work_end: string;
  work_days: number[];
  timezone: string;
}): WorkingHours {
  const startMinute = parseClock(args.work_start);
  const endMinute = parseClock(args.work_end);
  if (startMinute === undefined || endMinute === undefined || endMinute <= startMinute)
    throw new ToolInputError('work_start and work_end must be HH:MM with work_end after work_start');
  if (!isTimeZone(args.timezone))
    throw new ToolInputError(`timezone "${args.timezone}" is not an IANA time zone such as Europe/Berlin`);
  if (args.work_days.length === 0) throw new ToolInputError('work_days must name at least one day');
  return { timeZone: args.timezone, startMinute, endMinute, days: new Set(args.work_days) };
}
