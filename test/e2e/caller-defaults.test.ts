/**
 * gateway_set_defaults over every transport, through the official client: defaults fill omitted project, space and
 * desk arguments, pick the caller's default instance, switch answers to JSON, say who "me" is on an instance with a
 * shared account, show in gateway_list_instances, and are never shared between two callers at the same time.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import t, { type Test } from 'tap';
import { stringify } from 'yaml';
import { startSandbox } from '@atlassian-mcp-gateway/sandbox';
import { sandboxInstances } from '../../src/cli/demo.js';
import { connectClient, textOf, type TransportKind } from '../helpers/clients.js';
import { startTestGateway, TEST_SITES, type TestGateway } from '../helpers/gateway.js';
import { cleanEnv, NODE_ARGS } from '../helpers/process.js';

const KEYS = {
  api_keys: [
    { key: 'alice-key-0123456789abcdef', name: 'alice' },
    { key: 'bob-key-0123456789abcdefgh', name: 'bob' },
  ],
};

type Call = (name: string, args: Record<string, unknown>) => Promise<{ isError: boolean; text: string }>;

function caller(client: Client): Call {
  return async (name, args) => {
    const result = await client.callTool({ name, arguments: args });
    return { isError: Boolean(result.isError), text: textOf(result) };
  };
}

async function gatewayFor(t: Test, stateful: boolean, extra: Record<string, unknown> = {}): Promise<TestGateway> {
  const gateway = await startTestGateway({ stateful, extra: { toolsets: ['all'], ...extra } });
  t.teardown(() => gateway.close());
  return gateway;
}

async function connected(t: Test, gateway: TestGateway, kind: TransportKind, headers?: Record<string, string>) {
  const client = await connectClient(gateway.url, kind, headers);
  t.teardown(() => client.close());
  return caller(client);
}

/** Two callers at once: one's defaults fill its calls and never the other's. */
async function checkIsolation(t: Test, alice: Call, bob: Call): Promise<void> {
  const set = await alice('gateway_set_defaults', {
    jiraProject: 'ops',
    confluence_space: 'ENG',
    output_format: 'markdown',
  });
  t.notOk(set.isError, set.text);
  t.match(set.text, /jira_project: OPS/);
  const [mine, theirs] = await Promise.all([alice('jira_get_project_issues', {}), bob('jira_get_project_issues', {})]);
  t.notOk(mine.isError, mine.text);
  t.match(mine.text, /OPS-\d/, 'the default project filled the omitted project_key');
  t.ok(theirs.isError, 'the other caller has no default project');
  t.match(theirs.text, /project_key: required/);
  t.match((await bob('gateway_set_defaults', { show: true })).text, /Your defaults: none/);
  t.match((await alice('gateway_list_instances', {})).text, /Your defaults:\n[\s\S]*jira_project: OPS/);
  t.notMatch((await bob('gateway_list_instances', {})).text, /Your defaults/);
}

for (const [kind, stateful] of [
  ['ws-2025', false],
  ['ws-2026', false],
  ['sse', false],
  ['http-2025', true],
] as const) {
  t.test(`defaults per connection over ${kind}${stateful ? ' (stateful)' : ''}`, async (t) => {
    const gateway = await gatewayFor(t, stateful);
    const alice = await connected(t, gateway, kind);
    const bob = await connected(t, gateway, kind);
    await checkIsolation(t, alice, bob);
  });
}
