/**
 * `subscriptions/listen` (MCP 2026-07-28) over streamable HTTP through the official client: the resources a listen
 * names are polled like `resources/subscribe` polls them, a change arrives as `notifications/resources/updated` on that
 * stream (a stream listening to something else hears nothing), a wrong or hidden resource is refused before the
 * stream opens, and closing the stream stops the polling (seen at the sandbox).
 */
import t from 'tap';
import { connectClient } from '../helpers/clients.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const ISSUE = 'jira://prod/issue/OPS-3';
const ISSUE_PATH = '/rest/api/2/issue/OPS-3';

const polls = (gateway: TestGateway) =>
  gateway.sandbox.requests.filter((request) => request.method === 'GET' && request.path === ISSUE_PATH).length;

async function waitFor(check: () => boolean, ms = 8000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until && !check()) await new Promise((resolve) => setTimeout(resolve, 50));
  return check();
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

t.test('a listen stream hears about changes to the resources it names, until it is closed', async (t) => {
  const gateway = await startTestGateway({ extra: { resource_poll_interval: 1 } });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'http-2026');
  t.teardown(() => client.close());
  const other = await connectClient(gateway.url, 'http-2026');
  t.teardown(() => other.close());
  t.equal(client.getServerCapabilities()?.resources?.subscribe, true, 'resource subscriptions are declared');

  const updated: string[] = [];
  client.setNotificationHandler('notifications/resources/updated', (note) => void updated.push(note.params.uri));
  const overheard: string[] = [];
  other.setNotificationHandler('notifications/resources/updated', (note) => void overheard.push(note.params.uri));

  const subscription = await client.listen({ resourceSubscriptions: [ISSUE] });
  t.same(subscription.honoredFilter, { resourceSubscriptions: [ISSUE] }, 'the subscription is acknowledged');
  const unrelated = await other.listen({ resourceSubscriptions: ['confluence://wiki/page/1001'] });
  await pause(1500);
  t.same(updated, [], 'nothing changed, nothing sent');

  const renamed = await client.callTool({
    name: 'jira_update_issue',
    arguments: { issue_key: 'OPS-3', summary: 'Renamed while listened to' },
  });
  t.notOk(renamed.isError);
  t.ok(await waitFor(() => updated.length > 0), 'the change was noticed');
  t.same(updated, [ISSUE]);
  t.same(overheard, [], 'a stream listening to something else heard nothing');

  await subscription.close();
  t.equal(await subscription.closed, 'local');
  await pause(300);
  const afterClose = polls(gateway);
  await pause(2500);
  t.equal(polls(gateway), afterClose, 'closing the stream stopped its polling');
  await unrelated.close();
});

t.test('a listen naming a resource the caller cannot poll is refused before the stream opens', async (t) => {
  const gateway = await startTestGateway({ extra: { resource_poll_interval: 1 } });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'http-2026');
  t.teardown(() => client.close());
  await t.rejects(client.listen({ resourceSubscriptions: ['jira://nowhere/issue/OPS-1'] }), {
    message: /jira:\/\/nowhere\/issue\/OPS-1/,
  });
  await t.rejects(client.listen({ resourceSubscriptions: ['jira://prod/project/OPS'] }), {
    message: /Only issues and pages/,
  });
  await t.rejects(client.listen({ resourceSubscriptions: ['jira://prod/issue/OPS-999'] }), { message: /prod/ });

  const plain = await startTestGateway();
  t.teardown(() => plain.close());
  const off = await connectClient(plain.url, 'http-2026');
  t.teardown(() => off.close());
  t.notOk(off.getServerCapabilities()?.resources?.subscribe, 'off unless resource_poll_interval is set');
  const unpolled = await off.listen({ resourceSubscriptions: [ISSUE] });
  t.same(unpolled.honoredFilter, {}, 'the acknowledgement honours no resource');
  await unpolled.close();
});
