/**
 * Waits at an upstream's gate are visible and a pause never ends in a stampede, through a real MCP client and the
 * gateway against a fake Atlassian on loopback that counts the requests it holds at once: a wait for the request
 * rate counts as waiting in the upstream state, in the Prometheus metrics and on the status page, like the other
 * waits; when a Retry-After pause ends, the callers it held go upstream one at a time at first, each answer letting
 * more through, never all at the same instant.
 */
import type { ServerResponse } from 'node:http';
import t from 'tap';
import { fakeJira, jiraIssue, sendJson, startFakeAtlassian, startGatewayFor } from '../helpers/fake-atlassian.js';
import { parseSamples, sampleValue } from '../helpers/prometheus.js';

const answerIssue = (response: ServerResponse, url: URL) =>
  sendJson(response, jiraIssue(url.pathname.split('/').pop() ?? 'OPS-1'));

t.test('waits for requests_per_second count as waiting: state, metrics and status page', async (t) => {
  const fake = await startFakeAtlassian(t, (_request, response, url) => answerIssue(response, url));
  const gateway = await startGatewayFor(t, {
    instances: [fakeJira(fake.url, { requests_per_second: 4 })],
    metrics: { enabled: true },
  });
  let settled = false;
  const calls = Promise.all(
    Array.from({ length: 4 }, (_, index) => gateway.call('jira_get_issue', { issue_key: `OPS-${index + 1}` })),
  ).finally(() => (settled = true));
  let mostWaiting = 0;
  while (!settled) {
    mostWaiting = Math.max(mostWaiting, gateway.core.registry.upstream.statesOf('fake')[0]?.waiting ?? 0);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  for (const result of await calls) t.notOk(result.isError, 'answered');
  t.ok(mostWaiting >= 2, `requests waiting for their turn were counted as waiting (${mostWaiting} at most)`);
  t.equal(gateway.core.registry.upstream.statesOf('fake')[0]?.waiting, 0, 'and are not once they went');

  const samples = parseSamples(await (await fetch(`${gateway.url}/metrics`)).text());
  const waits = sampleValue(samples, 'mcp_gateway_upstream_waits_total', { instance: 'fake', cause: 'rate' });
  const seconds = sampleValue(samples, 'mcp_gateway_upstream_wait_seconds_total', { instance: 'fake', cause: 'rate' });
  t.equal(waits, 3, 'three of the four requests waited for their turn');
  // Spaced a quarter second apart: the waits were at least 0.25 + 0.5 + 0.75 s, give or take a timer's slack.
  t.ok(seconds !== undefined && seconds >= 1.4, `the seconds they waited are counted (${seconds} s)`);

  const page = await (await fetch(`${gateway.url}/`)).text();
  t.match(page, /<th>Waited \(5 min\)<\/th>/);
  t.match(page, /<td data-label="Waited \(5 min\)">3 requests, \d+\.\d s in all<\/td>/);
});

t.test('after a Retry-After pause the held callers are let through in a ramp, not all at once', async (t) => {
  const seen = { now: 0, refusedAt: 0 };
  const arrivals: Array<{ at: number; concurrent: number }> = [];
  const answers: number[] = [];
  let refused!: () => void;
  const firstRefused = new Promise<void>((resolve) => (refused = resolve));
  const fake = await startFakeAtlassian(t, (_request, response, url) => {
    if (seen.refusedAt === 0) {
      seen.refusedAt = Date.now();
      response.setHeader('retry-after', '1');
      sendJson(response, { errorMessages: ['Rate limit exceeded.'] }, 429);
      return refused();
    }
    seen.now++;
    arrivals.push({ at: Date.now(), concurrent: seen.now });
    setTimeout(() => {
      seen.now--;
      answers.push(Date.now());
      answerIssue(response, url);
    }, 100);
  });
  const gateway = await startGatewayFor(t, { instances: [fakeJira(fake.url, { max_concurrency: 16 })] });
  const first = gateway.call('jira_get_issue', { issue_key: 'OPS-1' });
  await firstRefused;
  const held = Array.from({ length: 11 }, (_, index) =>
    gateway.call('jira_get_issue', { issue_key: `OPS-${index + 2}` }),
  );
  for (const result of await Promise.all([first, ...held])) t.notOk(result.isError, 'answered');

  t.equal(arrivals.length, 12, 'every held call and the refused one went upstream once the pause ended');
  t.equal(arrivals[0]!.concurrent, 1, 'the first request after the pause went alone');
  t.ok(arrivals[1]!.at >= answers[0]!, 'the next ones waited for its answer');
  const limit = 8; // 16 halved by the 429
  t.ok(
    arrivals.every((arrival) => arrival.concurrent <= limit),
    `never more than the lowered limit (${limit}) at once: ${arrivals.map((arrival) => arrival.concurrent).join(',')}`,
  );
  const firstInstant = arrivals.filter((arrival) => arrival.at - arrivals[0]!.at < 50).length;
  t.equal(firstInstant, 1, 'nothing else started in the same instant as the first');
  t.same(gateway.core.registry.upstream.statesOf('fake')[0]?.rampLimit, undefined, 'the ramp is over');
});
