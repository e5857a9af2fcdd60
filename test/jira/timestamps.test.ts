/**
 * Jira's timestamps (`2026-11-03T16:20:55.873+0100`) become ISO 8601 UTC the way `Date` writes them, whole seconds
 * without `.000`; other forms go through `Date.parse`, and what no parser reads is shown as Jira sent it.
 */
import t from 'tap';
import { isoDate } from '../../src/atlassian/jira/issue.js';

/** What `Date` makes of a timestamp once its offset has a colon: the reference the conversion must match. */
function byDate(value: string): string {
  const parsed = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(parsed) ? value : new Date(parsed).toISOString().replace('.000Z', 'Z');
}

t.test('Jira timestamps in UTC, across days, months, years and leap days', async (t) => {
  const cases: Array<[string, string]> = [
    ['2026-11-03T16:20:55.873+0100', '2026-11-03T15:20:55.873Z'],
    ['2026-01-01T00:20:55.000+0100', '2025-12-31T23:20:55Z'],
    ['2026-12-31T23:59:59.999-1130', '2027-01-01T11:29:59.999Z'],
    ['2024-02-28T23:00:00.000-0200', '2024-02-29T01:00:00Z'],
    ['2026-02-28T23:00:00.000-0200', '2026-03-01T01:00:00Z'],
    ['2026-11-03T16:20:55.070+0000', '2026-11-03T16:20:55.070Z'],
  ];
  for (const [jira, utc] of cases) t.equal(isoDate(jira), utc, jira);
});

t.test('other forms and impossible dates read as Date reads them', async (t) => {
  for (const value of [
    '2026-11-28',
    '2026-11-03T16:20:55Z',
    '2026-02-31T10:00:00.000+0000',
    '2026-13-01T10:00:00.000+0000',
    '2026-11-03T24:00:00.000+0000',
    '2026-11-03T16:20:55.873+2400',
    '0001-01-01T00:00:00.000+0000',
    '2026-11-03Tx6:20:55.873+0100',
    '2026-11-03T16:x0:55.873+0100',
    '2026-11-03T16:20:x5.873+0100',
    'not a date',
  ])
    t.equal(isoDate(value), byDate(value), value);
  t.equal(isoDate(''), null);
  t.equal(isoDate(42), null);
});

t.test('random Jira timestamps agree with Date', async (t) => {
  const pad = (number: number, width = 2) => String(number).padStart(width, '0');
  const pick = (below: number) => Math.floor(Math.random() * below);
  let disagreements = 0;
  for (let index = 0; index < 20_000; index++) {
    const value =
      `${1001 + pick(8998)}-${pad(1 + pick(12))}-${pad(1 + pick(28))}T${pad(pick(24))}:${pad(pick(60))}:` +
      `${pad(pick(60))}.${pad(pick(4) === 0 ? 0 : pick(1000), 3)}${pick(2) ? '+' : '-'}${pad(pick(15))}${pad(pick(4) * 15)}`;
    if (isoDate(value) !== byDate(value)) disagreements++;
  }
  t.equal(disagreements, 0);
});
