/**
 * `confirm_destructive: true`: a destructive tool on such an instance asks its user first, through the official
 * client's elicitation handler where the client declared form elicitation (2026-07-28 `input_required` results,
 * 2025-era `elicitation/create` requests), and otherwise needs `confirm: true`. Declined or cancelled, the answer is
 * an error saying nothing changed, and the sandbox sees no write.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Client,
  SSEClientTransport,
  StreamableHTTPClientTransport,
  type ElicitRequestFormParams,
  type ElicitResult,
} from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import t, { type Test } from 'tap';
import { stringify } from 'yaml';
import { startTestSandbox } from '@atlassian-mcp-gateway/sandbox/testing';
import { sandboxInstances } from '../../src/cli/demo.js';
import { connectClient, textOf, type TransportKind } from '../helpers/clients.js';
import { startTestGateway, TEST_SITES, type TestGateway } from '../helpers/gateway.js';
import { cleanEnv, NODE_ARGS } from '../helpers/process.js';
import { WebSocketClientTransport } from '../helpers/websocket-client-transport.js';

const UPDATE = { issue_key: 'OPS-1', summary: 'Renamed after confirmation' };

async function confirmingGateway(t: Test, stateful = false, extra: Record<string, unknown> = {}): Promise<TestGateway> {
  const gateway = await startTestGateway({ stateful, extra, overrides: { prod: { confirm_destructive: true } } });
  t.teardown(() => gateway.close());
  return gateway;
}

/** A client that declares form elicitation and answers every question with `answer`, noting what it was asked. */
async function elicitingClient(
  t: Test,
  url: string,
  kind: TransportKind,
  answer: ElicitResult,
): Promise<{ client: Client; asked: ElicitRequestFormParams[] }> {
  const client = new Client(
    { name: 'confirming', version: '1.0.0' },
    {
      capabilities: { elicitation: { form: {} } },
      versionNegotiation: { mode: kind.endsWith('2026') ? 'auto' : 'legacy' },
    },
  );
  const asked: ElicitRequestFormParams[] = [];
  client.setRequestHandler('elicitation/create', (request) => {
    asked.push(request.params as ElicitRequestFormParams);
    return answer;
  });
  const transport =
    kind === 'sse'
      ? new SSEClientTransport(new URL(`${url}/sse`))
      : kind.startsWith('ws')
        ? new WebSocketClientTransport(`${url.replace(/^http/, 'ws')}/ws`)
        : new StreamableHTTPClientTransport(new URL(`${url}/mcp`));
  await client.connect(transport);
  t.teardown(() => client.close());
  return { client, asked };
}

function writesTo(gateway: TestGateway, path: string): number {
  return gateway.sandbox.requests.filter((request) => request.method !== 'GET' && request.path.endsWith(path)).length;
}

for (const [kind, stateful] of [
  ['http-2026', false],
  ['http-2025', true],
  ['ws-2025', false],
  ['ws-2026', false],
  ['sse', false],
] as const) {
  t.test(
    `elicitation over ${kind}${stateful ? ' (stateful)' : ''}: accepted runs, declined changes nothing`,
    async (t) => {
      const gateway = await confirmingGateway(t, stateful);
      const declining = await elicitingClient(t, gateway.url, kind, { action: 'decline' });
      const declined = await declining.client.callTool({ name: 'jira_update_issue', arguments: UPDATE });
      t.ok(declined.isError);
      t.match(
        textOf(declined),
        /Update issue OPS-1 on instance "prod" .*was not confirmed by the user: nothing was changed/,
      );
      t.equal(declining.asked.length, 1, 'the user was asked once');
      t.match(declining.asked[0]!.message, /OPS-1 on instance "prod"/);
      t.equal(writesTo(gateway, '/issue/OPS-1'), 0, 'the sandbox saw no write');

      const cancelling = await elicitingClient(t, gateway.url, kind, { action: 'cancel' });
      t.ok((await cancelling.client.callTool({ name: 'jira_update_issue', arguments: UPDATE })).isError);
      const unticked = await elicitingClient(t, gateway.url, kind, { action: 'accept', content: { confirm: false } });
      t.ok((await unticked.client.callTool({ name: 'jira_update_issue', arguments: UPDATE })).isError);
      t.equal(writesTo(gateway, '/issue/OPS-1'), 0, 'cancelled or left unticked, still no write');

      const accepting = await elicitingClient(t, gateway.url, kind, { action: 'accept', content: { confirm: true } });
      const done = await accepting.client.callTool({ name: 'jira_update_issue', arguments: UPDATE });
      t.notOk(done.isError, textOf(done));
      t.equal(accepting.asked.length, 1);
      t.equal(writesTo(gateway, '/issue/OPS-1'), 1, 'confirmed, the update was sent once');

      const unasked = await accepting.client.callTool({
        name: 'jira_staging_update_issue',
        arguments: { ...UPDATE, issue_key: 'WEB-1' },
      });
      t.notOk(unasked.isError, textOf(unasked));
      t.equal(accepting.asked.length, 1, 'an instance without confirm_destructive does not ask');
    },
  );
}

t.test('a client without elicitation needs confirm: true, listed only where the instance asks', async (t) => {
  const gateway = await confirmingGateway(t);
  for (const kind of ['http-2026', 'http-2025', 'ws-2025'] as const) {
    const client = await connectClient(gateway.url, kind);
    t.teardown(() => client.close());
    const { tools } = await client.listTools();
    const schemaOf = (name: string) => tools.find((tool) => tool.name === name)!.inputSchema.properties ?? {};
    t.ok('confirm' in schemaOf('jira_update_issue'), 'prod lists confirm');
    t.notOk('confirm' in schemaOf('jira_staging_update_issue'), 'staging does not');
    t.notOk('confirm' in schemaOf('jira_create_issue'), 'creating is not destructive');

    const refused = await client.callTool({ name: 'jira_update_issue', arguments: UPDATE });
    t.ok(refused.isError);
    t.match(textOf(refused), /needs confirmation[\s\S]*Nothing was changed[\s\S]*confirm: true/);
    t.equal(writesTo(gateway, '/issue/OPS-1'), 0);
    const foreign = await client.callTool({
      name: 'jira_staging_update_issue',
      arguments: { issue_key: 'WEB-1', summary: 'x', confirm: true },
    });
    t.match(textOf(foreign), /unknown argument confirm/);
  }
  // Stateless 2025-era HTTP has no channel to ask on, even for a client that declared elicitation.
  const stateless = await elicitingClient(t, gateway.url, 'http-2025', {
    action: 'accept',
    content: { confirm: true },
  });
  const unasked = await stateless.client.callTool({ name: 'jira_update_issue', arguments: UPDATE });
  t.match(textOf(unasked), /needs confirmation[\s\S]*confirm: true/);
  t.equal(stateless.asked.length, 0);
  t.equal(writesTo(gateway, '/issue/OPS-1'), 0);

  const client = await connectClient(gateway.url, 'http-2026');
  t.teardown(() => client.close());
  const done = await client.callTool({ name: 'jira_update_issue', arguments: { ...UPDATE, confirm: true } });
  t.notOk(done.isError, textOf(done));
  t.equal(writesTo(gateway, '/issue/OPS-1'), 1);
});

t.test('in argument naming, confirm is listed and required only for the instance that asks', async (t) => {
  const gateway = await confirmingGateway(t, false, { tool_naming: 'argument' });
  const client = await connectClient(gateway.url, 'ws-2026');
  t.teardown(() => client.close());
  const { tools } = await client.listTools();
  t.ok('confirm' in (tools.find((tool) => tool.name === 'jira_update_issue')!.inputSchema.properties ?? {}));
  const refused = await client.callTool({ name: 'jira_update_issue', arguments: { ...UPDATE, instance: 'prod' } });
  t.match(textOf(refused), /needs confirmation/);
  const staging = await client.callTool({
    name: 'jira_update_issue',
    arguments: { issue_key: 'WEB-1', summary: 'y', instance: 'staging' },
  });
  t.notOk(staging.isError, textOf(staging));
});

t.test('stdio: the user is asked, and a declined update sends nothing', async (t) => {
  const sandbox = await startTestSandbox({ sites: TEST_SITES, record: true });
  t.teardown(() => sandbox.close());
  const configFile = join(t.testdir({}), 'instances.yaml');
  const instances = sandboxInstances(sandbox, TEST_SITES, ['prod', 'wiki'], { prod: { confirm_destructive: true } });
  writeFileSync(configFile, stringify({ instances }));
  for (const [mode, answer] of [
    ['legacy', { action: 'decline' }],
    ['auto', { action: 'decline' }],
    ['legacy', { action: 'accept', content: { confirm: true } }],
  ] as const) {
    const client = new Client(
      { name: 'stdio-confirming', version: '1.0.0' },
      { capabilities: { elicitation: { form: {} } }, versionNegotiation: { mode } },
    );
    const asked: string[] = [];
    client.setRequestHandler('elicitation/create', (request) => {
      asked.push((request.params as ElicitRequestFormParams).message);
      return answer;
    });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [...NODE_ARGS, '--transport', 'stdio', '--config', configFile],
        env: cleanEnv(),
        stderr: 'pipe',
      }),
    );
    const result = await client.callTool({ name: 'jira_update_issue', arguments: UPDATE });
    await client.close();
    t.equal(asked.length, 1, `${mode}: the user was asked`);
    const writes = sandbox.requests.filter(
      (request) => request.method === 'PUT' && request.path.endsWith('/issue/OPS-1'),
    );
    if (answer.action === 'decline') {
      t.ok(result.isError);
      t.match(textOf(result), /not confirmed by the user: nothing was changed/);
      t.equal(writes.length, 0, 'no write reached the sandbox');
    } else {
      t.notOk(result.isError, textOf(result));
      t.equal(writes.length, 1, 'accepted: the update was sent');
    }
  }
});
