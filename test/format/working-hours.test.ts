/** Working-time arithmetic across weekends and daylight-saving changes. */
import t from 'tap';
import { elapsed, isTimeZone, parseClock } from '../../src/tools/working-hours.js';

const berlin = { timeZone: 'Europe/Berlin', startMinute: 9 * 60, endMinute: 17 * 60, days: new Set([1, 2, 3, 4, 5]) };
const h = (ms: number) => ms / 3_600_000;

t.test('weekends and windows', async (t) => {
  t.equal(
    h(elapsed(new Date('2026-11-20T15:00:00Z'), new Date('2026-11-23T09:00:00Z'), berlin)),
    2,
    'Friday 16:00 → Monday 10:00 Berlin is 2 working hours',
  );
  t.equal(
    h(elapsed(new Date('2026-11-16T00:00:00Z'), new Date('2026-11-23T00:00:00Z'), berlin)),
    40,
    'a whole week is 40 hours',
  );
  t.equal(
    h(elapsed(new Date('2026-11-21T10:00:00Z'), new Date('2026-11-22T20:00:00Z'), berlin)),
    0,
    'a weekend is nothing',
  );
});

t.test('daylight saving: the window follows local time', async (t) => {
  t.equal(
    h(elapsed(new Date('2026-03-27T08:00:00Z'), new Date('2026-03-30T07:00:00Z'), berlin)),
    8,
    'Friday 09:00 CET → Monday 09:00 CEST',
  );
  t.equal(
    h(elapsed(new Date('2026-03-27T08:00:00Z'), new Date('2026-03-30T07:00:00Z'))),
    71,
    'calendar time is 71 hours',
  );
});

t.test('parsing', async (t) => {
  t.equal(parseClock('08:30'), 510);
  t.equal(parseClock('25:00'), undefined);
  t.ok(isTimeZone('America/New_York'));
  t.notOk(isTimeZone('Nowhere/Land'));
});
