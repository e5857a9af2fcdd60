/**
 * The status page's recent rates: per instance, over the last five minutes only, retried 429s counted as answers,
 * waits at the gate counted with their seconds.
 */
import t from 'tap';
import { RecentRates } from '../../src/telemetry/recent-rates.js';

t.test('counts per instance within the window and forgets what is older', async (t) => {
  let now = Date.parse('2026-12-01T10:00:30Z');
  const rates = new RecentRates(() => now);
  rates.toolCall({ instance: 'prod', tool: 'jira_get_issue', ok: true, seconds: 0.1 });
  rates.toolCall({ instance: 'prod', tool: 'jira_get_issue', ok: false, seconds: 0.1 });
  rates.upstream({ instance: 'prod', method: 'GET', outcome: 200, seconds: 0.1 });
  rates.retry({ instance: 'prod', status: 429, waitSeconds: 1 });
  rates.retry({ instance: 'prod', status: 503, waitSeconds: 1 });
  rates.upstream({ instance: 'wiki', method: 'GET', outcome: 429, seconds: 0.1 });
  t.same(rates.activity('prod'), { calls: 2, failedCalls: 1, requests: 2, rateLimited: 1, waits: 0, waitedSeconds: 0 });
  t.same(rates.activity('wiki'), { calls: 0, failedCalls: 0, requests: 1, rateLimited: 1, waits: 0, waitedSeconds: 0 });
  t.same(rates.activity('nobody'), {
    calls: 0,
    failedCalls: 0,
    requests: 0,
    rateLimited: 0,
    waits: 0,
    waitedSeconds: 0,
  });

  now += 4 * 60_000;
  rates.toolCall({ instance: 'prod', tool: 'jira_get_issue', ok: true, seconds: 0.1 });
  t.same(
    rates.activity('prod'),
    { calls: 3, failedCalls: 1, requests: 2, rateLimited: 1, waits: 0, waitedSeconds: 0 },
    'four minutes on: all',
  );

  now += 60_000;
  t.same(
    rates.activity('prod'),
    { calls: 1, failedCalls: 0, requests: 0, rateLimited: 0, waits: 0, waitedSeconds: 0 },
    'five: the first minute is gone',
  );
  now += 10 * 60_000;
  t.same(
    rates.activity('prod'),
    { calls: 0, failedCalls: 0, requests: 0, rateLimited: 0, waits: 0, waitedSeconds: 0 },
    'fifteen: nothing',
  );
});

t.test('waits at the gate are counted with the seconds waited, whatever their cause', async (t) => {
  let now = Date.parse('2026-12-01T10:00:30Z');
  const rates = new RecentRates(() => now);
  rates.gateWait({ instance: 'prod', cause: 'rate', seconds: 0.25 });
  rates.gateWait({ instance: 'prod', cause: 'retry_after', seconds: 2 });
  rates.gateWait({ instance: 'prod', cause: 'slots', seconds: 0.5 });
  t.match(rates.activity('prod'), { waits: 3, waitedSeconds: 2.75 });
  now += 6 * 60_000;
  t.match(rates.activity('prod'), { waits: 0, waitedSeconds: 0 }, 'forgotten after the window');
});
