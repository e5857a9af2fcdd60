/**
 * Configuration reload through the real entry point, as operators do it: the gateway runs as a child process on a
 * YAML file, the file is edited and the process gets SIGHUP. Clients connected over stateful streamable HTTP, SSE
 * and WebSocket stay connected, receive `notifications/tools/list_changed` and see the new tool names; a call in
 * flight on a changed instance finishes with its answer; a removed instance's tools answer like unknown tools; an
 * invalid file is logged with its YAML path and changes nothing.
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import t from 'tap';
import { startTestSandbox, type TestSandbox } from '@atlassian-mcp-gateway/sandbox/testing';
import { sandboxInstances } from '../../src/cli/demo.js';
import { connectClient, textOf, type TransportKind } from '../helpers/clients.js';
import { TEST_SITES } from '../helpers/gateway.js';
import { cleanEnv, startGatewayProcess } from '../helpers/process.js';
import { toolNames, untilListChanged, waitFor, writeYaml } from '../helpers/reload.js';

const KINDS: readonly TransportKind[] = ['http-2025', 'sse', 'ws-2025'];
const jiraSites = TEST_SITES.filter((site) => site.product === 'jira');

/** Makes `site` hold its next answer: `held` resolves once a request waits there, `release` lets it be answered. */
function holdNextAnswer(sandbox: TestSandbox, site: string): { held: Promise<void>; release: () => void } {
  let release!: () => void;
  const until = new Promise<void>((resolve) => (release = resolve));
  const held = new Promise<void>((resolve) =>
    sandbox.fault(site, { status: 200, thenServe: true, times: 1, holdUntil: until, held: resolve }),
  );
  return { held, release };
}

function instances(sandbox: TestSandbox, ids: string[], overrides: Record<string, Record<string, unknown>> = {}) {
  return sandboxInstances(
    sandbox,
    jiraSites.filter((site) => ids.includes(site.id)),
    ['prod'],
    overrides,
  );
}

t.test('SIGHUP swaps the configuration under open connections', async (t) => {
  const sandbox = await startTestSandbox({ sites: jiraSites });
  t.teardown(() => sandbox.close());
  const configFile = join(t.testdir({}), 'instances.yaml');
  const settings = { server: { stateful: true }, modules: ['jira'] };
  writeYaml(configFile, { ...settings, instances: instances(sandbox, ['prod']) });
  const gateway = await startGatewayProcess(['--config', configFile], cleanEnv());
  t.teardown(() => void gateway.child.kill('SIGKILL'));
  const clients: Client[] = await Promise.all(KINDS.map((kind) => connectClient(gateway.url, kind)));
  t.teardown(() => Promise.allSettled(clients.map((client) => client.close())));
  for (const client of clients) t.notOk((await toolNames(client)).includes('jira_staging_get_issue'));

  // Prod holds its next answer until the test releases it: the call below is in flight when the reload swaps
  // prod's client, however long the reload takes on a loaded machine.
  const { held, release } = holdNextAnswer(sandbox, 'prod');
  const slow = clients[0]!.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } });
  await held;

  const told = clients.map((client) => untilListChanged(client));
  writeYaml(configFile, {
    ...settings,
    instances: instances(sandbox, ['prod', 'staging'], { prod: { description: 'Operations' } }),
  });
  gateway.child.kill('SIGHUP');
  // Every connection is told while the held call is still in flight (it is released only below).
  await Promise.all(told);
  for (const [index, client] of clients.entries()) {
    const names = await toolNames(client);
    t.ok(names.includes('jira_staging_get_issue'), `${KINDS[index]}: the added instance's tools are listed`);
    const answer = await client.callTool({ name: 'jira_staging_get_issue', arguments: { issue_key: 'WEB-1' } });
    t.match(textOf(answer), /# WEB-1/, `${KINDS[index]}: the same connection calls the new tools`);
  }
  release();
  t.match(textOf(await slow), /# OPS-1/, 'the call in flight across the reload got its answer');
  t.match(gateway.stderr(), /"msg":"configuration reloaded"/);
  t.match(gateway.stderr(), /"added":\["jira:staging"\]/, 'the log names what was added');
  t.match(gateway.stderr(), /"changed":\["jira:prod"\]/, 'and what changed');

  t.test('an invalid file is logged with its YAML path and changes nothing', async (t) => {
    const before = await toolNames(clients[1]!);
    writeYaml(configFile, { ...settings, instances: [{ ...instances(sandbox, ['prod'])[0], url: 'not a url' }] });
    gateway.child.kill('SIGHUP');
    await waitFor(() => /configuration reload refused/.test(gateway.stderr()), 'the refusal in the log');
    t.match(gateway.stderr(), /instances\[0\]\.url/, 'the log names the YAML path at fault');
    t.same(await toolNames(clients[1]!), before, 'the catalogue is the old one');
    const answer = await clients[2]!.callTool({ name: 'jira_staging_get_issue', arguments: { issue_key: 'WEB-1' } });
    t.match(textOf(answer), /# WEB-1/, 'and the old configuration keeps serving');
  });

  t.test("a removed instance's tools answer like tools that never existed", async (t) => {
    const told = untilListChanged(clients[2]!);
    writeYaml(configFile, { ...settings, instances: instances(sandbox, ['prod']) });
    gateway.child.kill('SIGHUP');
    await told;
    t.notOk((await toolNames(clients[2]!)).includes('jira_staging_get_issue'), 'its tools are gone from the list');
    for (const client of clients) {
      const removed = await client.callTool({ name: 'jira_staging_get_issue', arguments: { issue_key: 'WEB-1' } }).then(
        () => 'answered',
        (error: Error) => error.message,
      );
      const unknown = await client.callTool({ name: 'jira_nowhere_get_issue', arguments: { issue_key: 'WEB-1' } }).then(
        () => 'answered',
        (error: Error) => error.message,
      );
      t.equal(removed.replace('staging', 'nowhere'), unknown, 'the same error as for an unknown tool');
    }
    t.match(
      textOf(await clients[0]!.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-2' } })),
      /# OPS-2/,
    );
  });
});

t.test("a replaced instance's connections close after its last call, not before", async (t) => {
  const sandbox = await startTestSandbox({ sites: jiraSites });
  t.teardown(() => sandbox.close());
  // Every connection the gateway opens to prod goes through this counting relay.
  const target = new URL(sandbox.url);
  const sockets = new Map<Socket, { openedAt: number; open: boolean }>();
  const relay = createServer((socket) => {
    const entry = { openedAt: Date.now(), open: true };
    sockets.set(socket, entry);
    const upstream = connect(Number(target.port), target.hostname);
    socket.pipe(upstream).pipe(socket);
    const end = () => {
      entry.open = false;
      socket.destroy();
      upstream.destroy();
    };
    socket.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise((resolve) => relay.close(resolve)));
  const relayed = (url: string) => url.replace(target.host, `127.0.0.1:${(relay.address() as AddressInfo).port}`);
  const prod = (description?: string) =>
    instances(sandbox, ['prod'], { prod: { description } }).map((instance) => ({
      ...instance,
      url: relayed(instance.url as string),
    }));

  const configFile = join(t.testdir({}), 'instances.yaml');
  writeYaml(configFile, { modules: ['jira'], instances: prod() });
  const gateway = await startGatewayProcess(['--config', configFile], cleanEnv());
  t.teardown(() => void gateway.child.kill('SIGKILL'));
  const client = await connectClient(gateway.url, 'ws-2025');
  t.teardown(() => client.close());
  t.match(textOf(await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-2' } })), /# OPS-2/);

  const { held, release } = holdNextAnswer(sandbox, 'prod');
  const slow = client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } });
  await held;
  const reloadedAt = Date.now();
  const told = untilListChanged(client);
  writeYaml(configFile, { modules: ['jira'], instances: prod('Operations') });
  gateway.child.kill('SIGHUP');
  await told;
  const old = () => [...sockets.values()].filter((socket) => socket.openedAt < reloadedAt);
  t.ok(
    old().some((socket) => socket.open),
    'while the call runs, the old configuration keeps its connection to prod open',
  );
  release();
  t.match(textOf(await slow), /# OPS-1/, 'the call finishes on it');
  await waitFor(() => old().every((socket) => !socket.open), "the old configuration's connections to close");
  t.pass('after its last call, every connection the old configuration opened is closed');
  t.match(
    textOf(await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-2' } })),
    /# OPS-2/,
    'the new configuration serves prod over connections of its own',
  );
});
