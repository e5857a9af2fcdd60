/**
 * `resources/subscribe` polls the item's `updated` time when `resource_poll_interval` is set, on connections that
 * outlive a request: a change sends `notifications/resources/updated`; unsubscribing or closing the connection stops
 * the polling (seen at the sandbox, which records every request).
 */
import { StreamableHTTPClientTransport, type Client } from '@modelcontextprotocol/client';
import t from 'tap';
import { connectClient, type TransportKind } from '../helpers/clients.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const ISSUE_PATH = '/rest/api/2/issue/OPS-3';

function polls(gateway: TestGateway): number {
  return gateway.sandbox.requests.filter((request) => request.method === 'GET' && request.path === ISSUE_PATH).length;
}

async function waitFor(check: () => boolean, ms = 8000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function rename(client: Client, summary: string) {
  const result = await client.callTool({ name: 'jira_update_issue', arguments: { issue_key: 'OPS-3', summary } });
  if (result.isError) throw new Error(JSON.stringify(result.content));
}

for (const kind of ['http-2025', 'ws-2025', 'sse'] as TransportKind[]) {
  t.test(`${kind}: a subscribed issue notifies on change, until unsubscribed or closed`, async (t) => {
    const gateway = await startTestGateway({ stateful: true, extra: { resource_poll_interval: 1 } });
    t.teardown(() => gateway.close());
    const client = await connectClient(gateway.url, kind);
    let open = true;
    t.teardown(() => open && client.close());
    t.equal(client.getServerCapabilities()?.resources?.subscribe, true, 'subscribe is declared');
    const updated: string[] = [];
    client.setNotificationHandler('notifications/resources/updated', (notification) => {
      updated.push(notification.params.uri);
    });

    await client.subscribeResource({ uri: 'jira://prod/issue/OPS-3' });
    await pause(1500);
    t.same(updated, [], 'nothing changed, nothing sent');
    await rename(client, 'Rotate the credentials, renamed');
    t.ok(await waitFor(() => updated.length > 0), 'the change was noticed');
    t.same(updated, ['jira://prod/issue/OPS-3']);

    await client.unsubscribeResource({ uri: 'jira://prod/issue/OPS-3' });
    const afterUnsubscribe = polls(gateway);
    await rename(client, 'Renamed again');
    await pause(2500);
    t.same(updated, ['jira://prod/issue/OPS-3'], 'no notification after unsubscribing');
    t.equal(polls(gateway), afterUnsubscribe, 'and no more polling');

    await client.subscribeResource({ uri: 'jira://prod/issue/OPS-3' });
    t.ok(await waitFor(() => polls(gateway) >= afterUnsubscribe + 2), 'polling again');
    open = false;
    // A stateful HTTP session ends when the client ends it (DELETE); the other transports end with their connection.
    if (client.transport instanceof StreamableHTTPClientTransport) await client.transport.terminateSession();
    await client.close();
    await pause(300);
    const afterClose = polls(gateway);
    await pause(2500);
    t.equal(polls(gateway), afterClose, 'closing the connection stops its polling');
  });
}

t.test('subscriptions refuse what they cannot poll, and are off by default or per request', async (t) => {
  const gateway = await startTestGateway({ stateful: true, extra: { resource_poll_interval: 1 } });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'ws-2025');
  t.teardown(() => client.close());
  await t.rejects(client.subscribeResource({ uri: 'jira://prod/project/OPS' }), { message: /Only issues and pages/ });
  await t.rejects(client.subscribeResource({ uri: 'jira://nowhere/issue/OPS-1' }), {
    code: -32602,
    data: { uri: /./ },
  });
  await t.rejects(client.subscribeResource({ uri: 'jira://prod/issue/OPS-999' }), { message: /prod/ });
  await t.resolves(client.subscribeResource({ uri: 'confluence://wiki/page/1001' }), 'pages too');

  const stateless = await connectClient(gateway.url, 'http-2026');
  t.teardown(() => stateless.close());
  t.equal(
    stateless.getServerCapabilities()?.resources?.subscribe,
    true,
    '2026-07-28 over HTTP: through subscriptions/listen (listen-subscriptions.test.ts)',
  );
  const modern = await connectClient(gateway.url, 'ws-2026');
  t.teardown(() => modern.close());
  t.notOk(
    modern.getServerCapabilities()?.resources?.subscribe,
    '2026-07-28 has no resources/subscribe, and its WebSocket form no listen streams',
  );

  const plain = await startTestGateway({ stateful: true });
  t.teardown(() => plain.close());
  const off = await connectClient(plain.url, 'ws-2025');
  t.teardown(() => off.close());
  t.notOk(off.getServerCapabilities()?.resources?.subscribe, 'off unless resource_poll_interval is set');
  await t.rejects(off.subscribeResource({ uri: 'jira://prod/issue/OPS-3' }));
});
