/** Every Atlassian failure and bad input comes back as an isError result naming the instance and the cause. */
import type { Client } from '@modelcontextprotocol/client';
import t from 'tap';
import { connectClient, textOf } from '../helpers/clients.js';
import { startTestGateway, TEST_SITES, type TestGateway } from '../helpers/gateway.js';

const SECRETS = TEST_SITES.map((site) => site.credentials.token);

let gateway: TestGateway;
let client: Client;

t.before(async () => {
  gateway = await startTestGateway({ logLevel: 'trace' });
  client = await connectClient(gateway.url, 'http-2025');
});
t.teardown(async () => {
  await client.close();
  await gateway.close();
});
t.afterEach(() => {
  for (const site of TEST_SITES) gateway.sandbox.fault(site.id, undefined);
});

async function call(name: string, args: Record<string, unknown>) {
  const result = await client.callTool({ name, arguments: args });
  const text = textOf(result);
  for (const secret of SECRETS) if (text.includes(secret)) throw new Error(`result leaked a secret: ${text}`);
  if (/\n\s+at\s/.test(text)) throw new Error(`result contains a stack trace: ${text}`);
  return { isError: Boolean(result.isError), text };
}

t.test('404: not found, naming the instance', async (t) => {
  const result = await call('jira_staging_get_issue', { issue_key: 'WEB-999' });
  t.ok(result.isError);
  t.match(result.text, /Get issue WEB-999 failed on instance "staging": not found/);
  t.match(result.text, /HTTP 404/);
  t.match(result.text, /Issue does not exist/, "Atlassian's own message is surfaced");
});

t.test('401: bad credentials', async (t) => {
  gateway.sandbox.fault('prod', { status: 401, body: { errorMessages: ['Unauthorized'] } });
  const result = await call('jira_get_issue', { issue_key: 'OPS-1' });
  t.ok(result.isError);
  t.match(result.text, /instance "prod": authentication failed/);
  const list = await call('gateway_list_instances', {});
  t.match(list.text, /\*\*prod\*\*[^\n]*status bad_credentials/, 'health reflects the failure');
});

t.test('403: permission denied', async (t) => {
  gateway.sandbox.fault('wiki', {
    status: 403,
    body: { errors: [{ status: 403, code: 'FORBIDDEN', title: 'Forbidden', detail: 'No permission to view page' }] },
  });
  const result = await call('confluence_get_page', { page_id: '1002' });
  t.match(result.text, /Get page 1002 failed on instance "wiki": permission denied/);
  t.match(result.text, /No permission to view page/);
});

t.test('429 with a short Retry-After is retried and succeeds', async (t) => {
  gateway.sandbox.fault('staging', { status: 429, retryAfter: 0, times: 1 });
  const result = await call('jira_staging_search', { jql: 'project = WEB' });
  t.notOk(result.isError, 'the retry went through');
  t.match(result.text, /WEB-1/);
});

// Last of the staging rate-limit tests: the instance's callers all wait out the pause it asks for.
t.test('429 with a long Retry-After is reported with the wait, not slept through', async (t) => {
  gateway.sandbox.fault('staging', { status: 429, retryAfter: 120 });
  const started = Date.now();
  const result = await call('jira_staging_search', { jql: 'project = WEB' });
  t.ok(result.isError);
  t.match(result.text, /instance "staging": rate limited by Atlassian; retry after 120 s/);
  t.ok(Date.now() - started < 1_500, 'answered without waiting two minutes');
});

t.test('503 is retried; a persistent 500 is reported as a server error', async (t) => {
  gateway.sandbox.fault('prod', { status: 503, times: 2 });
  t.notOk((await call('jira_get_issue', { issue_key: 'OPS-2' })).isError, 'recovered after two 503s');
  gateway.sandbox.fault('prod', { status: 500 });
  const result = await call('jira_get_issue', { issue_key: 'OPS-2' });
  t.match(result.text, /instance "prod": Atlassian had a server error/);
});

t.test('400 with field errors surfaces each field', async (t) => {
  const result = await call('jira_search', { jql: 'nosuchfield = 1' });
  t.ok(result.isError);
  t.match(result.text, /Atlassian rejected the request as invalid/);
  t.match(result.text, /Field 'nosuchfield' does not exist/);
});

t.test('invalid arguments name the argument', async (t) => {
  const missing = await call('jira_get_issue', {});
  t.ok(missing.isError);
  t.match(missing.text, /Invalid arguments for jira_get_issue: issue_key: required/);
  const malformed = await call('jira_get_issue', { issue_key: 'not a key', extra: 1 });
  t.match(malformed.text, /issue_key: expected an issue key such as PROJ-123/);
  t.match(malformed.text, /unknown argument extra/);
  const limit = await call('jira_search', { jql: 'project = OPS', limit: 500 });
  t.match(limit.text, /limit: Too big/i);
  const neither = await call('confluence_get_page', {});
  t.match(neither.text, /instance "wiki": pass page_id, or both title and space_key/);
});

t.test('an unknown tool is a protocol error, like a gated one', async (t) => {
  await t.rejects(client.callTool({ name: 'jira_nope_get_issue', arguments: {} }), /Unknown tool: jira_nope_get_issue/);
});

t.test('secrets never reach the logs, even at trace level', async (t) => {
  await call('jira_get_issue', { issue_key: 'OPS-1' });
  await call('jira_staging_get_issue', { issue_key: 'WEB-1' });
  const logs = gateway.logs.join('');
  t.ok(logs.length > 0, 'something was logged');
  for (const secret of SECRETS) t.notOk(logs.includes(secret), `log does not contain ${secret.slice(0, 6)}…`);
  t.notOk(/Basic [A-Za-z0-9+/=]{8,}|Bearer \S+/.test(logs), 'no authorization header values');
});

t.test('timeouts and unreachable instances', async (t) => {
  const slow = await startTestGateway({
    sites: [TEST_SITES[1]!],
    defaults: ['staging'],
    overrides: { staging: { timeout: 0.3 } },
    httpTuning: { retryLimit: 0 },
  });
  t.teardown(() => slow.close());
  const slowClient = await connectClient(slow.url, 'http-2025');
  t.teardown(() => slowClient.close());
  slow.sandbox.fault('staging', { status: 200, delayMs: 1_000, times: 1 });
  const timeout = await slowClient.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'WEB-1' } });
  t.ok(timeout.isError);
  t.match(
    textOf(timeout),
    /Get issue WEB-1 failed on instance "staging": the call timed out: no complete answer from Atlassian within the instance.s 0.3 s timeout/,
  );
  await slow.sandbox.close();
  const unreachable = await slowClient.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'WEB-1' } });
  t.ok(unreachable.isError);
  t.match(textOf(unreachable), /instance "staging": the instance could not be reached/);
});
