/** An issue's path through its statuses, rebuilt from the changelog: when it entered and left each one. */
import type { RawHistory } from '../../atlassian/jira/relations.js';
import { elapsed, type WorkingHours } from '../working-hours.js';

export interface StatusPeriod {
  status: string;
  entered: string;
  left: string | null;
  /** Milliseconds, wall-clock or working time. */
  duration: number;
}

const DONE_NAMES = /^(done|closed|resolved|complete|completed|cancelled|canceled|won't do)$/i;

export function isDoneStatus(name: string | null | undefined): boolean {
  return Boolean(name && DONE_NAMES.test(name.trim()));
}

/** Periods in chronological order; the last one is still open (left null, counted up to `now`). */
export function statusTimeline(
  created: string,
  currentStatus: string,
  histories: readonly RawHistory[],
  now: Date,
  hours?: WorkingHours,
): StatusPeriod[] {
  const changes = histories
    .flatMap((history) =>
      (history.items ?? [])
        .filter((item) => item.field === 'status')
        .map((item) => ({
          at: parseJiraDate(history.created),
          from: item.fromString ?? null,
          to: item.toString ?? null,
        })),
    )
    .filter((change): change is { at: Date; from: string | null; to: string | null } => change.at !== undefined)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const periods: StatusPeriod[] = [];
  let status = changes[0]?.from ?? currentStatus;
  let entered = parseJiraDate(created) ?? now;
  for (const change of changes) {
    periods.push({
      status,
      entered: entered.toISOString(),
      left: change.at.toISOString(),
      duration: elapsed(entered, change.at, hours),
    });
    status = change.to ?? status;
    entered = change.at;
  }
  periods.push({ status, entered: entered.toISOString(), left: null, duration: elapsed(entered, now, hours) });
  return periods;
}

export function parseJiraDate(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function hours(milliseconds: number): number {
  return Math.round((milliseconds / 3_600_000) * 100) / 100;
}
