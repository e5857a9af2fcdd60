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

t.test('stateless HTTP keeps defaults per API key, on both protocol eras', async (t) => {
  const gateway = await gatewayFor(t, false, KEYS);
  for (const kind of ['http-2026', 'http-2025'] as const) {
    const alice = await connected(t, gateway, kind, { 'x-gateway-key': KEYS.api_keys[0]!.key });
    const bob = await connected(t, gateway, kind, { 'x-gateway-key': KEYS.api_keys[1]!.key });
    await alice('gateway_set_defaults', { reset: true });
    await checkIsolation(t, alice, bob);
    // A second connection with the same key is the same caller: stateless HTTP cannot tell them apart.
    const aliceAgain = await connected(t, gateway, kind, { 'x-gateway-key': KEYS.api_keys[0]!.key });
    t.match((await aliceAgain('gateway_set_defaults', { show: true })).text, /jira_project: OPS/);
    t.match((await alice('gateway_set_defaults', { reset: true })).text, /Defaults cleared: none/);
  }
});

t.test('stateless HTTP without keys refuses defaults, since it cannot tell callers apart', async (t) => {
  const gateway = await gatewayFor(t, false);
  const anyone = await connected(t, gateway, 'http-2026');
  const refused = await anyone('gateway_set_defaults', { jira_project: 'OPS' });
  t.ok(refused.isError);
  t.match(refused.text, /cannot|tell you apart/);
  t.match((await anyone('jira_get_project_issues', {})).text, /project_key: required/);
});

t.test(
  'defaults fill the space of a Confluence search, pick the default instance, and switch answers to JSON',
  async (t) => {
    const gateway = await gatewayFor(t, false);
    const call = await connected(t, gateway, 'ws-2026');
    t.ok((await call('jira_get_issue', { issue_key: 'WEB-1' })).isError, 'WEB-1 is not on the configured default');
    const set = await call('gateway_set_defaults', { instance: 'staging', confSpace: 'ENG' });
    t.match(set.text, /instance \(jira\): staging/);
    const issue = await call('jira_get_issue', { issue_key: 'WEB-1' });
    t.notOk(issue.isError, issue.text);
    t.match(issue.text, /# WEB-1/, "the unprefixed tool went to the caller's default instance");
    const search = await call('confluence_search', { query: 'release' });
    t.notOk(search.isError, search.text);
    t.match(search.text, /space in \("?ENG"?\)|space = "?ENG"?/i);
    const unknown = await call('gateway_set_defaults', { instance: 'nowhere' });
    t.ok(unknown.isError);
    t.match(unknown.text, /unknown instance "nowhere", expected one of prod, staging, wiki, dcwiki/);

    await call('gateway_set_defaults', { outputFormat: 'json' });
    const json = await call('jira_get_issue', { issue_key: 'WEB-1' });
    const record = JSON.parse(json.text) as { key: string; summary: string };
    t.equal(record.key, 'WEB-1');
    t.notMatch(json.text, /\n/, 'compact JSON');
    t.equal(
      (JSON.parse((await call('gateway_list_instances', {})).text) as { defaults: { output_format: string } }).defaults
        .output_format,
      'json',
    );
  },
);

t.test('in argument naming, the default instance fills a missing instance argument', async (t) => {
  const gateway = await gatewayFor(t, false, { tool_naming: 'argument' });
  const call = await connected(t, gateway, 'sse');
  t.match((await call('jira_get_issue', { issue_key: 'WEB-1' })).text, /instance: required/);
  await call('gateway_set_defaults', { instance: ['staging', 'dcwiki'] });
  t.match((await call('jira_get_issue', { issue_key: 'WEB-1' })).text, /# WEB-1/);
  t.match(
    (await call('jira_get_issue', { issue_key: 'OPS-1', instance: 'prod' })).text,
    /# OPS-1/,
    'an explicit instance wins',
  );
});

t.test('preferred_user is who "me" and currentUser() mean on an instance with a shared account', async (t) => {
  const gateway = await startTestGateway({
    extra: { toolsets: ['all'] },
    overrides: { prod: { shared_account: true } },
  });
  t.teardown(() => gateway.close());
  const call = await connected(t, gateway, 'ws-2025');
  const unnamed = await call('jira_search', { jql: 'assignee = currentUser() ORDER BY key' });
  t.ok(unnamed.isError);
  t.match(unnamed.text, /instance "prod" signs in with a shared service account[\s\S]*preferred_user/);
  const quotedOnly = await call('jira_search', { jql: 'summary ~ "currentUser()" ORDER BY key' });
  t.notOk(quotedOnly.isError, 'currentUser() inside a string is text, not the caller: no preferred_user needed');
  t.match(quotedOnly.text, /summary ~ "currentUser\(\)"/);
  const me = await call('jira_create_issue', { project_key: 'OPS', summary: 'Mine', assignee: 'me' });
  t.ok(me.isError);
  t.match(me.text, /"me" would mean that account/);
  t.equal(gateway.sandbox.requests.filter((request) => request.method === 'POST').length, 0, 'nothing was created');

  await call('gateway_set_defaults', { preferredUser: 'alice' });
  const mine = await call('jira_search', { jql: 'assignee = currentUser() ORDER BY key' });
  t.notOk(mine.isError, mine.text);
  t.match(mine.text, /assignee = "alice"/);
  const mixed = await call('jira_search', {
    jql: `assignee = currentUser() AND summary ~ "currentUser()" AND description ~ 'x\\' currentUser()' ORDER BY key`,
  });
  t.notOk(mixed.isError, mixed.text);
  t.match(
    mixed.text,
    `assignee = "alice" AND summary ~ "currentUser()" AND description ~ 'x\\' currentUser()'`,
    'only the call outside quotes is replaced',
  );
  const profile = await call('jira_get_user_profile', { user_identifier: 'me' });
  t.notOk(profile.isError, profile.text);
  t.match(profile.text, /Alice/, '"me" is the preferred user');
  const staging = await call('jira_staging_search', { jql: 'assignee = currentUser() ORDER BY key' });
  t.notOk(staging.isError, staging.text);
  t.match(staging.text, /currentUser\(\)/, 'an instance with its own account keeps currentUser()');
});

t.test('stdio: the process is one caller, whose defaults fill its calls', async (t) => {
  const sandbox = await startSandbox({ sites: TEST_SITES });
  t.teardown(() => sandbox.close());
  const configFile = join(t.testdir({}), 'instances.yaml');
  writeFileSync(
    configFile,
    stringify({ toolsets: ['all'], instances: sandboxInstances(sandbox, TEST_SITES, ['prod', 'wiki']) }),
  );
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...NODE_ARGS, '--transport', 'stdio', '--config', configFile],
    env: cleanEnv(),
    stderr: 'pipe',
  });
  const client = new Client({ name: 'stdio-defaults', version: '1.0.0' }, { versionNegotiation: { mode: 'legacy' } });
  await client.connect(transport);
  t.teardown(() => client.close());
  const call = caller(client);
  t.match((await call('jira_get_project_issues', {})).text, /project_key: required/);
  await call('gateway_set_defaults', { jira_project: 'OPS' });
  t.match((await call('jira_get_project_issues', {})).text, /OPS-1/);
});

t.test('the default service desk fills an omitted desk id', async (t) => {
  const gateway = await startTestGateway({
    sites: TEST_SITES.filter((site) => site.product === 'jira'),
    defaults: ['prod'],
    extra: { toolsets: ['servicedesk'] },
    overrides: { prod: { servicedesk: true } },
  });
  t.teardown(() => gateway.close());
  const call = await connected(t, gateway, 'http-2025', undefined);
  t.match((await call('servicedesk_get_queues', {})).text, /service_desk_id: Invalid input/);
  const queuesOfDesk2 = await call('servicedesk_get_queues', { service_desk_id: '2' });
  t.notOk(queuesOfDesk2.isError, queuesOfDesk2.text);
  const ws = await connected(t, gateway, 'ws-2025');
  await ws('gateway_set_defaults', { serviceDesk: '2' });
  const filled = await ws('servicedesk_get_queues', {});
  t.notOk(filled.isError, filled.text);
  t.equal(filled.text, queuesOfDesk2.text, 'the same queues as naming desk 2');
});

t.test('set_defaults checks what it is given, and show changes nothing', async (t) => {
  const gateway = await gatewayFor(t, false);
  const call = await connected(t, gateway, 'ws-2025');
  const bad = await call('gateway_set_defaults', { jira_project: 'not a key', servicedesk: 'desk' });
  t.ok(bad.isError);
  t.match(bad.text, /jira_project: expected a project key such as OPS/);
  t.match(bad.text, /servicedesk: expected a numeric service desk id/);
  const twice = await call('gateway_set_defaults', { jira_project: 'OPS', jiraProject: 'WEB' });
  t.match(twice.text, /unknown argument jiraProject/, 'one argument given both ways is refused, not guessed');
  t.match((await call('gateway_set_defaults', { jira_project: 'ops' })).text, /jira_project: OPS/);
  const shown = await call('gateway_set_defaults', { show: true, reset: true, jira_project: 'WEB' });
  t.match(shown.text, /Your defaults:\n- jira_project: OPS$/);
  const replaced = await call('gateway_set_defaults', { reset: true, confluence_space: 'ENG' });
  t.match(replaced.text, /^Defaults set:\n- confluence_space: ENG$/);
});
