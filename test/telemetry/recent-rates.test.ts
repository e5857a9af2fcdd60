/** The status page's recent rates: per instance, over the last five minutes only, retried 429s counted as answers. */
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
  t.same(rates.activity('prod'), { calls: 2, failedCalls: 1, requests: 2, rateLimited: 1 });
  t.same(rates.activity('wiki'), { calls: 0, failedCalls: 0, requests: 1, rateLimited: 1 });
  t.same(rates.activity('nobody'), { calls: 0, failedCalls: 0, requests: 0, rateLimited: 0 });

  now += 4 * 60_000;
  rates.toolCall({ instance: 'prod', tool: 'jira_get_issue', ok: true, seconds: 0.1 });
  t.same(rates.activity('prod'), { calls: 3, failedCalls: 1, requests: 2, rateLimited: 1 }, 'four minutes on: all');

  now += 60_000;
  t.same(
    rates.activity('prod'),
    { calls: 1, failedCalls: 0, requests: 0, rateLimited: 0 },
    'five: the first minute is gone',
  );
  now += 10 * 60_000;
  t.same(rates.activity('prod'), { calls: 0, failedCalls: 0, requests: 0, rateLimited: 0 }, 'fifteen: nothing');
});
