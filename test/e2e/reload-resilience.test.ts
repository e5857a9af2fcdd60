/**
 * A reload keeps what the gateway learned about an instance, through the real entry point: the gateway runs as a
 * child process on a YAML file in front of a fake Atlassian on loopback, the file is edited and the process gets
 * SIGHUP. Callers waiting for a slot are let in by a raised `max_concurrency` instead of being dropped or left
 * behind; a pause Atlassian asked for (429 with Retry-After) still holds the next call after a reload that changed
 * something else; an open circuit breaker stays open.
 */
import { join } from 'node:path';
import t from 'tap';
import { connectClient, textOf } from '../helpers/clients.js';
import { fakeJira, jiraIssue, sendJson, startFakeAtlassian } from '../helpers/fake-atlassian.js';
import { cleanEnv, startGatewayProcess } from '../helpers/process.js';
import { waitFor, writeYaml } from '../helpers/reload.js';

const PAUSE_S = 4;

/** Requests held by the fake until the test lets them go, by issue key. */
const held = new Map<string, () => void>();
/** Issue keys the fake answers 429 (once each) or 500 (always). */
const limited = new Set<string>();
const failing = new Set<string>();

const fake = await startFakeAtlassian(t, (_request, response, url) => {
  const key = url.pathname.split('/').pop() ?? '';
  if (!url.pathname.includes('/issue/')) return sendJson(response, { name: 'probe', version: '9.12.0' });
  if (limited.delete(key)) {
    response.setHeader('retry-after', String(PAUSE_S));
    return sendJson(response, { errorMessages: ['Rate limit exceeded.'] }, 429);
  }
  if (failing.has(key)) return sendJson(response, { errorMessages: ['Internal server error'] }, 500);
  if (key === 'OPS-1') return void held.set(key, () => sendJson(response, jiraIssue(key)));
  sendJson(response, jiraIssue(key));
});
const issueRequests = (key: string) => fake.requests.filter((request) => request.path.endsWith(`/issue/${key}`));

const configFile = join(t.testdir({}), 'instances.yaml');
const instance = (extra: Record<string, unknown>) =>
  fakeJira(fake.url, { timeout: 30, circuit_breaker_failures: 2, circuit_breaker_cooldown: 120, ...extra });
writeYaml(configFile, { modules: ['jira'], instances: [instance({ max_concurrency: 1 })] });
const gateway = await startGatewayProcess(['--config', configFile], cleanEnv());
t.teardown(() => void gateway.child.kill('SIGKILL'));
const client = await connectClient(gateway.url, 'http-2026');
t.teardown(() => client.close());
const get = (issue_key: string) => client.callTool({ name: 'jira_get_issue', arguments: { issue_key } });

let reloads = 0;
/** Writes `extra` into the instance's entry, sends SIGHUP and waits until the gateway says it reloaded. */
async function reloadWith(extra: Record<string, unknown>): Promise<void> {
  writeYaml(configFile, { modules: ['jira'], instances: [instance(extra)] });
  gateway.child.kill('SIGHUP');
  reloads++;
  await waitFor(
    () => (gateway.stderr().match(/"msg":"configuration reloaded"/g) ?? []).length >= reloads,
    `reload ${reloads}`,
  );
}

t.test('a raised max_concurrency lets in the callers waiting at the same gate', async (t) => {
  const first = get('OPS-1');
  await waitFor(() => held.has('OPS-1'), 'the first call at the fake');
  const waiting = [get('OPS-2'), get('OPS-3')];
  // Time for both to reach the gate, where they wait for the one slot.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  t.equal(issueRequests('OPS-2').length + issueRequests('OPS-3').length, 0, 'they wait for the one slot');
  await reloadWith({ max_concurrency: 3 });
  // Before the held call is answered: the waiting callers went on under the new cap, not the old one.
  await waitFor(() => issueRequests('OPS-2').length + issueRequests('OPS-3').length === 2, 'the waiting callers');
  held.get('OPS-1')!();
  const answers = await Promise.all([first, ...waiting]);
  t.same(
    answers.filter((answer) => answer.isError).map(textOf),
    [],
    'every call, held or waiting across the reload, got its answer',
  );
});

t.test('a pause Atlassian asked for holds calls after a reload', async (t) => {
  limited.add('OPS-4');
  const refused = get('OPS-4');
  await waitFor(() => issueRequests('OPS-4').length === 1, 'the 429');
  const refusedAt = issueRequests('OPS-4')[0]!.at;
  await reloadWith({ max_concurrency: 3, description: 'Operations' });
  const next = await get('OPS-5');
  t.notOk(next.isError, textOf(next));
  const sentAt = issueRequests('OPS-5')[0]!.at;
  t.ok(sentAt - refusedAt >= (PAUSE_S - 0.5) * 1000, `the next call waited out the pause (${sentAt - refusedAt} ms)`);
  t.notOk((await refused).isError, 'the refused call was retried after the pause');
});

t.test('an open circuit breaker stays open across a reload', async (t) => {
  failing.add('OPS-9');
  // Two failing calls in a row open it (one attempt each: a 500 is not retried).
  for (let call = 0; call < 2; call++) t.ok((await get('OPS-9')).isError, `failing call ${call + 1} failed`);
  const opened = await get('OPS-6');
  t.match(textOf(opened), /circuit breaker open/, 'the breaker opened');
  await reloadWith({ max_concurrency: 3, description: 'Operations, again' });
  const sent = fake.requests.length;
  const after = await get('OPS-7');
  t.match(textOf(after), /circuit breaker open/, 'the breaker is still open after the reload');
  t.equal(fake.requests.length, sent, 'nothing was sent to the instance');
});
