/**
 * The instance's `timeout` bounds a whole call, retries and Retry-After waits included, and a write that may have
 * reached Atlassian (it timed out, lost its connection, met a gateway error) is never sent twice. Driven through a
 * real MCP client against an HTTP-level fake with the gateway's production retry settings.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import t from 'tap';
import { fakeJira, jiraIssue, sendJson, startFakeAtlassian, startGatewayFor } from '../helpers/fake-atlassian.js';

const hang = () => undefined;

t.test('a read that hangs fails once the budget is spent, not after three timed-out attempts', async (t) => {
  const fake = await startFakeAtlassian(t, hang);
  const gateway = await startGatewayFor(t, { instances: [fakeJira(fake.url, { timeout: 1 })] });
  const started = Date.now();
  const result = await gateway.call('jira_get_issue', { issue_key: 'OPS-1' });
  const elapsed = Date.now() - started;
  t.ok(result.isError);
  t.match(
    result.text,
    /Get issue OPS-1 failed on instance "fake": the call timed out: no complete answer from Atlassian within the instance's 1 s timeout, which covers the whole call \(every request and retry\)/,
  );
  t.ok(elapsed < 2_500, `answered in ${elapsed} ms, within the 1 s budget plus slack (three attempts took over 4 s)`);
  t.equal(fake.requests.length, 1, 'no attempt was started after the budget ran out');
});

t.test('slow failures are retried only while the budget lasts', async (t) => {
  const fake = await startFakeAtlassian(
    t,
    (_request, response) => void setTimeout(() => sendJson(response, { errorMessages: ['busy'] }, 502), 600),
  );
  const gateway = await startGatewayFor(t, { instances: [fakeJira(fake.url, { timeout: 1 })] });
  const started = Date.now();
  const result = await gateway.call('jira_get_issue', { issue_key: 'OPS-1' });
  const elapsed = Date.now() - started;
  t.ok(result.isError);
  t.match(result.text, /instance "fake": Atlassian had a server error/);
  t.ok(elapsed < 2_000, `answered in ${elapsed} ms (three slow attempts and their backoff took over 3 s)`);
  t.equal(fake.requests.length, 1, 'a retry that could not finish within the budget was not started');
});

t.test('a Retry-After longer than the remaining budget is reported, not slept through', async (t) => {
  const fake = await startFakeAtlassian(t, (_request, response) => {
    response.setHeader('retry-after', '3');
    sendJson(response, { errorMessages: ['Rate limit exceeded.'] }, 429);
  });
  const gateway = await startGatewayFor(t, { instances: [fakeJira(fake.url, { timeout: 2 })] });
  const started = Date.now();
  const result = await gateway.call('jira_get_issue', { issue_key: 'OPS-1' });
  const elapsed = Date.now() - started;
  t.match(result.text, /instance "fake": rate limited by Atlassian; retry after 3 s/);
  t.ok(elapsed < 1_500, `answered in ${elapsed} ms instead of sleeping 3 s (twice)`);
  t.equal(fake.requests.length, 1);
});

t.test('writes that time out, lose their connection or meet a gateway error are sent once', async (t) => {
  const fake = await startFakeAtlassian(t, hang);
  // Every case fails on purpose: the circuit breaker (tested in resilience.test.ts) stays off here.
  const gateway = await startGatewayFor(t, {
    instances: [fakeJira(fake.url, { timeout: 1, circuit_breaker_failures: 0 })],
  });
  const writes = () => fake.requests.filter((request) => request.method !== 'GET');
  const cases: Array<[string, (request: IncomingMessage, response: ServerResponse) => void]> = [
    ['a timeout', hang],
    ['a dropped connection', (_request, response) => response.socket?.destroy()],
    ['a 504 from a proxy', (_request, response) => sendJson(response, { message: 'upstream timed out' }, 504)],
  ];
  for (const [what, answer] of cases) {
    for (const [tool, args, method] of [
      ['jira_update_issue', { issue_key: 'OPS-1', summary: 'Renamed' }, 'PUT'],
      ['jira_add_comment', { issue_key: 'OPS-1', body: 'Once' }, 'POST'],
    ] as const) {
      fake.requests.length = 0;
      fake.handle((request, response) =>
        request.method === 'GET' ? sendJson(response, jiraIssue('OPS-1')) : answer(request, response),
      );
      const result = await gateway.call(tool, args);
      t.ok(result.isError, `${tool} after ${what}: ${result.text}`);
      t.equal(writes().length, 1, `${method} after ${what} was sent exactly once`);
      t.match(
        result.text,
        /The change may have been made anyway: check before trying again\./,
        'and the caller is told it may have happened',
      );
    }
  }
});

t.test('reads still retry within the budget, and writes retry after a refusal', async (t) => {
  let attempts = 0;
  const fake = await startFakeAtlassian(t, (_request, response) => {
    attempts++;
    if (attempts === 1) return void response.socket?.destroy();
    sendJson(response, jiraIssue('OPS-1'));
  });
  const gateway = await startGatewayFor(t, { instances: [fakeJira(fake.url, { timeout: 5 })] }, { backoffBaseMs: 10 });
  const read = await gateway.call('jira_get_issue', { issue_key: 'OPS-1' });
  t.notOk(read.isError, read.text);
  t.equal(fake.requests.length, 2, 'the dropped read was tried again');

  let puts = 0;
  fake.requests.length = 0;
  fake.handle((request, response) => {
    if (request.method !== 'PUT') return sendJson(response, jiraIssue('OPS-1'));
    if (++puts === 1) return sendJson(response, { errorMessages: ['Service unavailable'] }, 503);
    response.writeHead(204).end();
  });
  const write = await gateway.call('jira_update_issue', { issue_key: 'OPS-1', summary: 'Renamed' });
  t.notOk(write.isError, write.text);
  t.equal(puts, 2, 'a 503 says nothing was done, so the PUT went again');
});

t.test('a tool that makes many requests is bounded by the same timeout as one request', async (t) => {
  // Every page takes 0.8 s and announces another: one call would read pages until its page budget (10 on Cloud).
  const fake = await startFakeAtlassian(t, (_request, response, url) => {
    const startAt = Number(url.searchParams.get('startAt') ?? 0);
    setTimeout(
      () =>
        sendJson(response, {
          values: [{ id: String(startAt + 1), key: `P${startAt + 1}`, name: `Project ${startAt + 1}` }],
          isLast: false,
          startAt,
          maxResults: 1,
        }),
      800,
    );
  });
  const cloud = fakeJira(fake.url, {
    platform: 'cloud',
    timeout: 2,
    auth: { type: 'basic', username: 'a@example.com', token: 'x' },
  });
  const gateway = await startGatewayFor(t, { toolsets: ['all'], instances: [cloud] });
  const started = Date.now();
  const result = await gateway.call('jira_get_all_projects', {});
  const elapsed = Date.now() - started;
  t.ok(result.isError, result.text.slice(0, 200));
  t.match(
    result.text,
    /timed out: no complete answer from Atlassian within the instance's 2 s timeout, which covers the whole call/,
  );
  t.ok(elapsed < 3_500, `answered in ${elapsed} ms: the 2 s timeout bounded the call (10 pages would take 8 s)`);
  t.ok(fake.requests.length <= 3, `${fake.requests.length} requests were started`);
});
