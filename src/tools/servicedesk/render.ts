/** Compact markdown for Service Management answers: people, dates, SLA cycles and the paging line. */
import type { RawDate, RawPage, RawPerson, RawSla } from '../../atlassian/servicedesk/answer-shapes.js';

/** A person by display name, with the id Atlassian knows them by (Cloud accountId, Server/DC username). */
export function person(who: RawPerson | null | undefined): string {
  if (!who) return 'nobody';
  const id = who.accountId ?? who.name ?? who.key;
  return who.displayName ? `${who.displayName}${id ? ` (${id})` : ''}` : (id ?? 'unknown');
}

export function when(date: RawDate | null | undefined): string | null {
  return date?.iso8601 ?? date?.friendly ?? null;
}

/** The paging facts of an offset page, and the `start` of the next one when there is more. */
export function pageInfo(
  page: RawPage<unknown>,
  start: number,
): { start: number; count: number; is_last_page: boolean; next_start: number | null } {
  const last = page.isLastPage ?? page.values.length === 0;
  return {
    start,
    count: page.values.length,
    is_last_page: last,
    next_start: last ? null : start + Math.max(page.values.length, page.limit ?? 0),
  };
}

export function pageLine(info: ReturnType<typeof pageInfo>): string {
  return info.is_last_page ? '' : `\nMore: pass start=${info.next_start}.`;
}

export interface SlaRecord {
  name: string;
  breached: boolean;
  paused: boolean;
  remaining: string | null;
  remaining_millis: number | null;
  goal: string | null;
  breach_time: string | null;
  completed_cycles: number;
}

/** An SLA's ongoing cycle (remaining time, breach) and how many cycles already completed. */
export function slaRecord(sla: RawSla): SlaRecord {
  const cycle = sla.ongoingCycle ?? sla.completedCycles?.at(-1);
  return {
    name: sla.name,
    breached: Boolean(cycle?.breached),
    paused: Boolean(sla.ongoingCycle?.paused),
    remaining: sla.ongoingCycle?.remainingTime?.friendly ?? null,
    remaining_millis: sla.ongoingCycle?.remainingTime?.millis ?? null,
    goal: cycle?.goalDuration?.friendly ?? null,
    breach_time: when(sla.ongoingCycle?.breachTime),
    completed_cycles: sla.completedCycles?.length ?? 0,
  };
}

export function slaLine(sla: SlaRecord): string {
  const state = sla.breached ? 'BREACHED' : sla.paused ? 'paused' : sla.remaining ? `${sla.remaining} left` : 'met';
  return `- ${sla.name}: ${state}${sla.goal ? ` (goal ${sla.goal})` : ''}${sla.breach_time ? `, breach at ${sla.breach_time}` : ''}${sla.completed_cycles ? `, ${sla.completed_cycles} completed cycle(s)` : ''}`;
}
