/**
 * Rate-limit-aware resilience per instance, through a real MCP client and the gateway against a fake Atlassian on
 * loopback: a Retry-After holds every caller of the instance (tenants of the same site included), a wait longer
 * than a call's budget fails at once naming the instance and the wait, the circuit breaker fails fast and
 * half-opens after its cool-down, the concurrency cap and request rate hold, and a nearly spent budget lowers the
 * concurrency. The read-only state a status page would show is checked alongside.
 */
import type { ServerResponse } from 'node:http';
import t from 'tap';
import { connectClient, textOf } from '../helpers/clients.js';
import { fakeJira, jiraIssue, sendJson, startFakeAtlassian, startGatewayFor } from '../helpers/fake-atlassian.js';

/** Tenants may target the fake on loopback over http; callers without tenant headers use the configured instance. */
const LOOPBACK_TENANTS = {
  enabled: true,
  allow_http: true,
  allow_private_networks: true,
  allowed_urls: ['127.0.0.1'],
  static_credentials_fallback: true,
};

const issueKeyOf = (path: string) => path.split('/').pop() ?? 'OPS-1';

function answerIssue(response: ServerResponse, path: string, headers: Record<string, string> = {}) {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  sendJson(response, jiraIssue(issueKeyOf(path)));
}

function rateLimited(response: ServerResponse, retryAfter: number) {
  response.setHeader('retry-after', String(retryAfter));
  sendJson(response, { errorMessages: ['Rate limit exceeded.'] }, 429);
}

/** Tracks how many requests the fake holds at once, answering each after `holdMs`. */
function concurrencyProbe(holdMs: number, headers: Record<string, string> = {}) {
  const seen = { now: 0, max: 0 };
  const handler = (_request: unknown, response: ServerResponse, url: URL) => {
    seen.now++;
    seen.max = Math.max(seen.max, seen.now);
    setTimeout(() => {
      seen.now--;
      answerIssue(response, url.pathname, headers);
    }, holdMs);
  };
  return { seen, handler };
}

t.test("one caller's 429 makes every caller of the instance wait, tenants of the same site included", async (t) => {
  let refusedAt = 0;
  let refused!: () => void;
  const firstRefused = new Promise<void>((resolve) => (refused = resolve));
  const fake = await startFakeAtlassian(t, (_request, response, url) => {
    if (refusedAt === 0) {
      refusedAt = Date.now();
      rateLimited(response, 2);
      return refused();
    }
    answerIssue(response, url.pathname);
  });
  const gateway = await startGatewayFor(t, { instances: [fakeJira(fake.url)], multi_tenant: LOOPBACK_TENANTS });
  const tenant = await connectClient(gateway.url, 'http-2026', {
    authorization: 'Token tenant-pat-2222',
    'x-jira-url': fake.url,
  });
  t.teardown(() => tenant.close());

  const first = gateway.call('jira_get_issue', { issue_key: 'OPS-1' });
  await firstRefused;
  const others = await Promise.all([
    gateway.call('jira_get_issue', { issue_key: 'OPS-2' }),
    tenant.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-3' } }),
  ]);
  t.notOk((await first).isError, 'the refused call was retried after the pause');
  t.notOk(others[0].isError, 'another caller got its answer after the pause');
  t.notOk(others[1].isError, `a tenant of the same site got its answer after the pause: ${textOf(others[1])}`);
  const after = fake.requests.slice(1);
  t.equal(after.length, 3, 'the refused request once more, and one request per other caller');
  for (const request of after)
    t.ok(request.at - refusedAt >= 1_500, `${request.path} waited out the 2 s pause (${request.at - refusedAt} ms)`);
  const [state] = gateway.core.registry.upstream.statesOf('fake');
  t.equal(state?.recent429s, 1, 'the 429 is counted in the instance state');
});

t.test('a pause longer than the call may wait fails at once, naming the instance and the wait', async (t) => {
  const fake = await startFakeAtlassian(t, (_request, response, url) => {
    if (fake.requests.length === 1) return rateLimited(response, 30);
    answerIssue(response, url.pathname);
  });
  const gateway = await startGatewayFor(t, {
    instances: [fakeJira(fake.url, { timeout: 3 })],
    multi_tenant: LOOPBACK_TENANTS,
  });
  const first = await gateway.call('jira_get_issue', { issue_key: 'OPS-1' });
  t.match(first.text, /instance "fake": rate limited by Atlassian; retry after 30 s/);

  const started = Date.now();
  const read = await gateway.call('jira_get_issue', { issue_key: 'OPS-2' });
  const write = await gateway.call('jira_add_comment', { issue_key: 'OPS-2', body: 'Later' });
  const tenant = await connectClient(gateway.url, 'http-2026', {
    authorization: 'Token tenant-pat-2222',
    'x-jira-url': fake.url,
  });
  t.teardown(() => tenant.close());
  const tenantRead = await tenant.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-3' } });
  t.ok(Date.now() - started < 2_500, 'all three answered at once instead of waiting 30 s');
  for (const [who, result] of [
    ['a read', read],
    ['a write', write],
    ['a tenant', { isError: Boolean(tenantRead.isError), text: textOf(tenantRead) }],
  ] as const) {
    t.ok(result.isError, `${who} is refused`);
    t.match(
      result.text,
      /failed on instance "(fake|default)": rate limited by Atlassian: it asked for a pause of (29|30)(\.\d)? s on this instance \(Retry-After, or a spent rate-limit budget, on an earlier answer\), longer than the \d(\.\d)? s left of this call's timeout, so the request was not sent; retry after (29|30) s/,
      `${who}: ${result.text}`,
    );
  }
  t.equal(fake.requests.length, 1, 'nothing more reached Atlassian during the pause');
  const [state] = gateway.core.registry.upstream.statesOf('fake');
  t.ok(state?.pausedUntil !== undefined && state.pausedUntil > Date.now(), 'the state shows the pause');
});

t.test(
  'the circuit breaker fails fast after consecutive server errors and half-opens after its cool-down',
  async (t) => {
    let healthy = false;
    const fake = await startFakeAtlassian(t, (_request, response, url) => {
      if (healthy) return answerIssue(response, url.pathname);
      sendJson(response, { errorMessages: ['Internal error'] }, 500);
    });
    const gateway = await startGatewayFor(t, {
      instances: [fakeJira(fake.url, { circuit_breaker_failures: 3, circuit_breaker_cooldown: 1 })],
    });
    const upstream = () => gateway.core.registry.upstream.statesOf('fake')[0];
    for (let call = 1; call <= 3; call++) {
      const result = await gateway.call('jira_get_issue', { issue_key: 'OPS-1' });
      t.match(result.text, /instance "fake": Atlassian had a server error/, `call ${call} reached Atlassian`);
    }
    t.equal(upstream()?.breaker, 'open');
    const started = Date.now();
    const refused = await gateway.call('jira_get_issue', { issue_key: 'OPS-1' });
    t.ok(refused.isError);
    t.match(
      refused.text,
      /Get issue OPS-1 failed on instance "fake": the gateway stopped sending requests to this instance for (0\.\d|1) s after 3 consecutive server errors, timeouts or connection failures \(circuit breaker open\); try again after that\./,
    );
    t.ok(Date.now() - started < 1_000, 'failed fast');
    t.equal(fake.requests.length, 3, 'the open breaker sent nothing');

    healthy = true;
    while (upstream()?.breaker === 'open') await new Promise((resolve) => setTimeout(resolve, 50));
    t.equal(upstream()?.breaker, 'half_open', 'after the cool-down the breaker half-opens');
    t.notOk((await gateway.call('jira_get_issue', { issue_key: 'OPS-1' })).isError, 'the trial request went through');
    t.equal(upstream()?.breaker, 'closed', 'and its success closed the breaker');
    t.equal(fake.requests.length, 4);
  },
);

t.test('a failed trial opens the breaker again', async (t) => {
  const fake = await startFakeAtlassian(t, (_request, response) => sendJson(response, {}, 503));
  const gateway = await startGatewayFor(
    t,
    { instances: [fakeJira(fake.url, { circuit_breaker_failures: 2, circuit_breaker_cooldown: 0.5 })] },
    { retryLimit: 0 },
  );
  const upstream = () => gateway.core.registry.upstream.statesOf('fake')[0];
  await gateway.call('jira_get_issue', { issue_key: 'OPS-1' });
  await gateway.call('jira_get_issue', { issue_key: 'OPS-1' });
  t.equal(upstream()?.breaker, 'open');
  while (upstream()?.breaker === 'open') await new Promise((resolve) => setTimeout(resolve, 50));
  const trial = await gateway.call('jira_get_issue', { issue_key: 'OPS-1' });
  t.match(trial.text, /Atlassian had a server error/, 'the trial reached Atlassian');
  t.equal(upstream()?.breaker, 'open', 'and its failure opened the breaker again');
  t.equal(fake.requests.length, 3);
});

t.test('the concurrency cap holds across callers, and the state shows who waits', async (t) => {
  const held: Array<() => void> = [];
  const fake = await startFakeAtlassian(t, (_request, response, url) => {
    held.push(() => answerIssue(response, url.pathname));
  });
  const gateway = await startGatewayFor(t, { instances: [fakeJira(fake.url, { max_concurrency: 2 })] });
  const calls = Array.from({ length: 5 }, (_, index) =>
    gateway.call('jira_get_issue', { issue_key: `OPS-${index + 1}` }),
  );
  while (held.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setTimeout(resolve, 200));
  t.equal(fake.requests.length, 2, 'only two requests reached Atlassian while both were unanswered');
  const state = gateway.core.registry.upstream.statesOf('fake')[0];
  t.match(state, { inFlight: 2, limit: 2, maxConcurrency: 2, waiting: 3, breaker: 'closed', recent429s: 0 });
  let answered = 0;
  while (answered < 5) {
    if (held.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    t.ok(fake.requests.length - answered <= 2, 'never more than two unanswered');
    held.shift()!();
    answered++;
  }
  for (const result of await Promise.all(calls)) t.notOk(result.isError);
});

t.test("Atlassian's near-limit signal lowers the concurrency before the budget is gone", async (t) => {
  const probe = concurrencyProbe(150, {
    'x-ratelimit-limit': '100',
    'x-ratelimit-remaining': '12',
    'x-ratelimit-nearlimit': 'true',
  });
  const fake = await startFakeAtlassian(t, probe.handler);
  const gateway = await startGatewayFor(t, { instances: [fakeJira(fake.url, { max_concurrency: 8 })] });
  t.notOk((await gateway.call('jira_get_issue', { issue_key: 'OPS-1' })).isError);
  const limit = gateway.core.registry.upstream.statesOf('fake')[0]?.limit ?? 8;
  t.ok(limit < 8, `the limit went down from 8 to ${limit}`);
  const results = await Promise.all(
    Array.from({ length: 8 }, (_, index) => gateway.call('jira_get_issue', { issue_key: `OPS-${index + 2}` })),
  );
  for (const result of results) t.notOk(result.isError);
  t.ok(probe.seen.max <= limit, `at most ${limit} requests at once reached Atlassian (saw ${probe.seen.max})`);
});

t.test('requests_per_second spaces request starts across callers', async (t) => {
  const fake = await startFakeAtlassian(t, (_request, response, url) => answerIssue(response, url.pathname));
  const gateway = await startGatewayFor(t, { instances: [fakeJira(fake.url, { requests_per_second: 4 })] });
  const results = await Promise.all(
    Array.from({ length: 4 }, (_, index) => gateway.call('jira_get_issue', { issue_key: `OPS-${index + 1}` })),
  );
  for (const result of results) t.notOk(result.isError);
  const arrivals = fake.requests.map((request) => request.at).sort((a, b) => a - b);
  t.equal(arrivals.length, 4);
  // Unspaced, the four arrive within milliseconds of each other. The span is judged rather than each gap: on a
  // loaded machine one request can reach the fake late and the next on time, which shortens one gap but not the span.
  const span = arrivals.at(-1)! - arrivals[0]!;
  t.ok(span >= 600, `the four requests started over ${span} ms, three quarter-second gaps`);
});

t.test('a POST refused with a 429 is not sent again: only what is safe to repeat is retried', async (t) => {
  const fake = await startFakeAtlassian(t, (_request, response) => rateLimited(response, 0));
  const gateway = await startGatewayFor(t, { instances: [fakeJira(fake.url)] }, { retryLimit: 2 });
  const write = await gateway.call('jira_add_comment', { issue_key: 'OPS-1', body: 'Once' });
  t.match(write.text, /Comment on OPS-1 failed on instance "fake": rate limited by Atlassian; retry after 0 s/);
  t.equal(fake.requests.filter((request) => request.method === 'POST').length, 1, 'the POST was sent once');
});

t.test('a spent budget with its reset time holds every caller until then', async (t) => {
  for (const [form, headers] of [
    // Atlassian's X-RateLimit-Reset is an ISO 8601 time to the minute: two minutes ahead is always over a minute.
    [
      'X-RateLimit-Remaining: 0 with X-RateLimit-Reset',
      {
        'x-ratelimit-limit': '100',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': new Date(Date.now() + 120_000).toISOString().slice(0, 16) + 'Z',
      },
    ],
    ['the points-based quota header', { 'beta-ratelimit': '"tenant-app-quota";r=0;t=90' }],
  ] as const) {
    const fake = await startFakeAtlassian(t, (_request, response, url) => answerIssue(response, url.pathname, headers));
    const gateway = await startGatewayFor(t, { instances: [fakeJira(fake.url, { timeout: 3 })] });
    t.notOk((await gateway.call('jira_get_issue', { issue_key: 'OPS-1' })).isError, `${form}: the answer came`);
    const next = await gateway.call('jira_get_issue', { issue_key: 'OPS-2' });
    t.match(next.text, /instance "fake": rate limited by Atlassian: it asked for a pause of \d+(\.\d)? s/, form);
    t.equal(fake.requests.length, 1, `${form}: nothing more was sent before the reset`);
  }
});
