/**
 * Which Jira instances offer Service Management tools, and under which names: the startup probe, `servicedesk:
 * true|false`, the gateway's product switches, toolsets, read-only mode and argument naming, and what
 * `gateway_list_instances` says about each instance.
 */
import type { Client } from '@modelcontextprotocol/client';
import t, { type Test } from 'tap';
import { ConfigError } from '../../src/config/errors.js';
import { loadConfig, type LoadOptions } from '../../src/config/load.js';
import { catalogOf, jiraInstance } from '../helpers/catalog.js';
import { connectClient, textOf } from '../helpers/clients.js';
import { startTestGateway, TEST_SITES, type TestGatewayOptions } from '../helpers/gateway.js';

const SITES = [
  ...TEST_SITES.filter((site) => site.product === 'jira'),
  {
    id: 'plain',
    product: 'jira',
    flavor: 'server',
    key: 'PLN',
    credentials: { type: 'pat', token: 'plain-pat-1Zq9' },
    serviceDesk: false,
  },
] as const satisfies TestGatewayOptions['sites'];

async function gatewayWithClient(t: Test, options: TestGatewayOptions & { probe?: boolean }): Promise<Client> {
  const gateway = await startTestGateway({ sites: SITES, defaults: ['prod'], ...options });
  // Not awaited: MCP requests wait for the probe themselves.
  const probing = options.probe === false ? undefined : gateway.core.probe();
  const client = await connectClient(gateway.url, 'http-2026');
  t.teardown(async () => {
    await probing;
    await client.close();
    await gateway.close();
  });
  return client;
}

const names = async (client: Client) =>
  (await client.listTools()).tools.map((tool) => tool.name).filter((name) => name.startsWith('servicedesk_'));

t.test(
  'the startup probe binds the tools where /rest/servicedeskapi/info answers, and lists each status',
  async (t) => {
    const client = await gatewayWithClient(t, { extra: { toolsets: ['servicedesk:discovery'] } });
    t.same((await names(client)).sort(), [
      'servicedesk_get_request_type',
      'servicedesk_get_request_type_fields',
      'servicedesk_get_service_desk',
      'servicedesk_list_request_types',
      'servicedesk_list_service_desks',
      'servicedesk_staging_get_request_type',
      'servicedesk_staging_get_request_type_fields',
      'servicedesk_staging_get_service_desk',
      'servicedesk_staging_list_request_types',
      'servicedesk_staging_list_service_desks',
    ]);
    const listing = textOf(await client.callTool({ name: 'gateway_list_instances', arguments: {} }));
    t.match(listing, /\*\*prod\*\*[^\n]*Service Management available/);
    t.match(listing, /\*\*staging\*\*[^\n]*Service Management available/);
    t.match(listing, /\*\*plain\*\*[^\n]*Service Management not installed/);
  },
);

t.test(
  'a slow Service Management probe holds requests back only up to its limit, then leaves the tools out',
  async (t) => {
    const gateway = await startTestGateway({
      sites: SITES,
      defaults: ['prod'],
      extra: { toolsets: ['servicedesk:discovery'] },
      serviceDeskProbeLimitMs: 300,
    });
    gateway.sandbox.fault('staging', { status: 200, path: /servicedeskapi\/info/, delayMs: 5_000, thenServe: true });
    const probing = gateway.core.probe();
    const began = Date.now();
    const client = await connectClient(gateway.url, 'http-2026');
    const listed = await names(client);
    t.ok(Date.now() - began < 4_000, 'answered before the slow instance did');
    t.ok(listed.includes('servicedesk_list_service_desks'), 'prod answered in time');
    t.notOk(
      listed.some((name) => name.startsWith('servicedesk_staging_')),
      'staging did not',
    );
    t.teardown(async () => {
      await client.close();
      await probing;
      await gateway.close();
    });
  },
);

t.test('without the probe (and without a setting) no instance offers them', async (t) => {
  const client = await gatewayWithClient(t, { probe: false, extra: { toolsets: ['all'] } });
  t.same(await names(client), []);
});

t.test('servicedesk: true skips the probe, false hides the tools', async (t) => {
  const client = await gatewayWithClient(t, {
    probe: false,
    extra: { toolsets: ['servicedesk'] },
    overrides: { prod: { servicedesk: false }, staging: { servicedesk: true } },
  });
  const listed = await names(client);
  t.ok(listed.includes('servicedesk_staging_create_request'));
  t.notOk(
    listed.some((name) => !name.startsWith('servicedesk_staging_')),
    'prod and plain have none',
  );
  const listing = textOf(await client.callTool({ name: 'gateway_list_instances', arguments: {} }));
  t.match(listing, /\*\*prod\*\*[^\n]*Service Management off/);
  t.match(listing, /\*\*staging\*\*[^\n]*Service Management available/);
});

t.test('toolsets, read-only and argument naming work as for the other products', async (t) => {
  const queues = await gatewayWithClient(t, {
    probe: false,
    extra: { toolsets: ['servicedesk:queues'] },
    overrides: { prod: { servicedesk: true } },
  });
  t.same(await names(queues), ['servicedesk_get_queues', 'servicedesk_get_queue_issues']);

  const readOnly = await gatewayWithClient(t, {
    probe: false,
    extra: { toolsets: ['servicedesk'] },
    overrides: { prod: { servicedesk: true, read_only: true } },
  });
  const readable = await names(readOnly);
  t.ok(readable.includes('servicedesk_get_request'));
  t.notOk(
    readable.some((name) =>
      /create_request|approve_request|transition_request|add_comment|add_participants|add_customers/.test(name),
    ),
    'no writes',
  );

  const argument = await gatewayWithClient(t, {
    probe: false,
    extra: { toolsets: ['servicedesk:requests'], tool_naming: 'argument' },
    overrides: { prod: { servicedesk: true }, staging: { servicedesk: true } },
  });
  const tool = (await argument.listTools()).tools.find((candidate) => candidate.name === 'servicedesk_get_request');
  t.same((tool?.inputSchema.properties as Record<string, { enum?: string[] }>).instance?.enum, ['prod', 'staging']);
  const answer = await argument.callTool({
    name: 'servicedesk_get_request',
    arguments: { instance: 'staging', request_key: 'HELP-1' },
  });
  t.match(textOf(answer), /HELP-1: VPN drops every hour/);
});

t.test('enabled and disabled tools name Service Management tools by their names', async (t) => {
  const catalog = catalogOf({
    instances: [jiraInstance('prod', { default: true, servicedesk: true, disabled_tools: ['servicedesk_get_queues'] })],
    toolsets: ['servicedesk:queues'],
  });
  t.same(
    [...catalog.tools.keys()].filter((name) => name.startsWith('servicedesk_')),
    ['servicedesk_get_queue_issues'],
  );
  const enabled = catalogOf({
    instances: [jiraInstance('prod', { default: true, servicedesk: true })],
    enabled_tools: ['servicedesk_get_request', 'jira_get_issue'],
  });
  t.same(
    [...enabled.tools.keys()].filter((name) => name !== 'gateway_list_instances'),
    ['jira_get_issue', 'servicedesk_get_request'],
  );
});

t.test('annotations: answering approvals, transitions and removing participants are destructive', async (t) => {
  const catalog = catalogOf({
    instances: [jiraInstance('prod', { default: true, servicedesk: true })],
    toolsets: ['servicedesk'],
  });
  const hints = (name: string) => catalog.tools.get(name)!.definition.annotations;
  for (const name of [
    'servicedesk_approve_request',
    'servicedesk_transition_request',
    'servicedesk_remove_participants',
  ]) {
    t.same(hints(name), {}, `${name}: destructive (the defaults)`);
  }
  t.same(hints('servicedesk_create_request'), { destructiveHint: false });
  t.same(hints('servicedesk_get_request'), { readOnlyHint: true });
});

function problemsOf(options: LoadOptions): string[] {
  try {
    loadConfig(options);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => `${problem.where}: ${problem.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const JIRA = { JIRA_URL: 'https://jira.example.com', JIRA_PERSONAL_TOKEN: 'pat' };

t.test('product switches: ATLASSIAN_MODULES and modules:, service_desk accepted, unknown names refused', async (t) => {
  t.same(loadConfig({ env: { ...JIRA, ATLASSIAN_MODULES: 'jira, Service_Desk' } }).modules, ['jira', 'servicedesk']);
  t.same(problemsOf({ env: { ...JIRA, ATLASSIAN_MODULES: 'jira,helpdesk' } }), [
    'ATLASSIAN_MODULES (entry 2): unknown module; expected jira, confluence, servicedesk',
  ]);
  const noJira = loadConfig({ env: { ...JIRA, ATLASSIAN_MODULES: 'confluence' } });
  t.same(noJira.instances, []);
  t.match(noJira.warnings, [/jira instance "default" skipped: the jira module is off/]);
  const jiraOnly = catalogOf({
    modules: ['jira'],
    instances: [jiraInstance('prod', { default: true, servicedesk: true })],
    toolsets: ['all'],
  });
  t.notOk(
    [...jiraOnly.tools.keys()].some((name) => name.startsWith('servicedesk_')),
    'servicedesk off: Jira tools only',
  );
  t.ok(jiraOnly.tools.has('jira_get_issue'));
  t.throws(() => catalogOf({ modules: ['jira', 'assets'], instances: [] }), {
    message: /modules\[1\]: unknown module/,
  });
});

t.test('JIRA_SERVICEDESK and JIRA_N_SERVICEDESK_INTERNAL_COMMENTS_ONLY', async (t) => {
  const config = loadConfig({
    env: {
      ...JIRA,
      JIRA_SERVICEDESK: 'no',
      JIRA_2_URL: 'https://b.atlassian.net',
      JIRA_2_PERSONAL_TOKEN: 'p',
      JIRA_2_SERVICEDESK_INTERNAL_COMMENTS_ONLY: 'true',
    },
  });
  t.match(config.instances, [
    { name: 'default', servicedesk: false, servicedesk_internal_comments_only: false },
    { name: '2', servicedesk: undefined, servicedesk_internal_comments_only: true },
  ]);
  t.same(problemsOf({ env: { ...JIRA, JIRA_SERVICEDSK: 'true' } }), [
    'JIRA_SERVICEDSK: not a known setting; did you mean JIRA_SERVICEDESK?',
  ]);
});
