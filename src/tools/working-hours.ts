/**
 * Duration between two instants, either wall-clock or counted only inside working hours (days of the week and
 * a daily window) in an IANA time zone, the way SLA clocks count.
 */

export interface WorkingHours {
  /** IANA zone, e.g. Europe/Berlin. */
  timeZone: string;
  /** Minutes after local midnight. */
  startMinute: number;
  endMinute: number;
  /** 0 = Sunday … 6 = Saturday. */
  days: ReadonlySet<number>;
}

const DAY_MS = 86_400_000;

/** Milliseconds between `from` and `to`, counting only working time when `hours` is given. */
export function elapsed(from: Date, to: Date, hours?: WorkingHours): number {
  if (to <= from) return 0;
  if (!hours) return to.getTime() - from.getTime();
  let total = 0;
  // Walk local calendar days from the day before `from` to the day after `to`, intersecting each day's window.
  const first = localDate(from, hours.timeZone);
  for (
    let day = Date.UTC(first.year, first.month - 1, first.day) - DAY_MS;
    day <= to.getTime() + DAY_MS;
    day += DAY_MS
  ) {
    const date = new Date(day);
    if (!hours.days.has(date.getUTCDay())) continue;
    const start = zonedInstant(date, hours.startMinute, hours.timeZone);
    const end = zonedInstant(date, hours.endMinute, hours.timeZone);
    const overlap = Math.min(end, to.getTime()) - Math.max(start, from.getTime());
    if (overlap > 0) total += overlap;
  }
  return total;
}

export function parseClock(value: string): number | undefined {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function localDate(instant: Date, timeZone: string): { year: number; month: number; day: number } {
  const parts = partsOf(instant, timeZone);
  return { year: parts.year, month: parts.month, day: parts.day };
}

/** The UTC instant of a local wall-clock time (minutes after midnight) on a calendar day in a zone. */
function zonedInstant(dayUtc: Date, minute: number, timeZone: string): number {
  const guess = Date.UTC(dayUtc.getUTCFullYear(), dayUtc.getUTCMonth(), dayUtc.getUTCDate()) + minute * 60_000;
  const offset = offsetAt(new Date(guess), timeZone);
  const corrected = guess - offset;
  return corrected - (offsetAt(new Date(corrected), timeZone) - offset);
}

function offsetAt(instant: Date, timeZone: string): number {
  const parts = partsOf(instant, timeZone);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsOf(instant: Date, timeZone: string) {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const values = Object.fromEntries(
    formatter
      .formatToParts(instant)
      .filter((part) => part.type !== 'literal')
      .map((part) => [part.type, Number(part.value)]),
  );
  return values as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}
