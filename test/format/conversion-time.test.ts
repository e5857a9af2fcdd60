/**
 * The conversion budget (src/atlassian/format/conversion-time.ts): unbounded while no tool call runs, and inside
 * calls one budget per stretch of conversion without a break for the event loop, so a stretch that has converted
 * for the whole budget is told so and the next stretch starts afresh. The end-to-end effect on a slow wiki text is
 * in test/e2e/conversion-bounds.test.ts.
 */
import t from 'tap';
import {
  CONVERSION_MS_PER_CALL,
  conversionTimeSpent,
  withConversionBudget,
} from '../../src/atlassian/format/conversion-time.js';

/** Holds the thread for `ms`, as a slow conversion does. */
function convertFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

t.test('outside a tool call, conversion is never cut short', async (t) => {
  t.notOk(conversionTimeSpent());
  convertFor(CONVERSION_MS_PER_CALL + 20);
  t.notOk(conversionTimeSpent(), 'however long it has run');
});

t.test('inside a call, a stretch is cut once it has converted for the budget; the next has its own', async (t) => {
  await withConversionBudget(async () => {
    t.notOk(conversionTimeSpent(), 'a stretch starts with its budget');
    convertFor(CONVERSION_MS_PER_CALL + 20);
    t.ok(conversionTimeSpent(), 'and has spent it after converting that long without a break');
    await new Promise((resolve) => setImmediate(resolve));
    t.notOk(conversionTimeSpent(), 'after a break for the event loop, a new stretch has a new budget');
  });
  convertFor(CONVERSION_MS_PER_CALL + 20);
  t.notOk(conversionTimeSpent(), 'and once the call is over, nothing is cut');
});
