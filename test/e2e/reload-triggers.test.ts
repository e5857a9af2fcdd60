/**
 * The other ways to ask for a reload, through the real entry point: `--watch` picks up an editor's save (a new file
 * renamed over the old one, twice, so the watch survives the rename); `POST /admin/reload` answers 401 without a
 * key, 403 to a key without `admin`, and with an admin key says what changed, what needs a restart, or why the new
 * file was refused; without any admin key the route answers like one that does not exist. Each outcome is counted
 * in the metrics. stdio reloads on SIGHUP too.
 */
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import t, { type Test } from 'tap';
import { startTestSandbox, type TestSandbox } from '@atlassian-mcp-gateway/sandbox/testing';
import { sandboxInstances } from '../../src/cli/demo.js';
import { connectClient } from '../helpers/clients.js';
import { TEST_SITES } from '../helpers/gateway.js';
import { cleanEnv, NODE_ARGS, runGateway, startGatewayProcess } from '../helpers/process.js';
import { parseSamples, sampleValue } from '../helpers/prometheus.js';
import { toolNames, untilListChanged, writeYaml } from '../helpers/reload.js';

const ADMIN = 'admin-key-0123456789abcdef';
const USER = 'user-key-0123456789abcdef';
const jiraSites = TEST_SITES.filter((site) => site.product === 'jira');

function instances(sandbox: TestSandbox, ids: string[]) {
  return sandboxInstances(
    sandbox,
    jiraSites.filter((site) => ids.includes(site.id)),
    ['prod'],
  );
}

async function startSandbox(t: Test): Promise<TestSandbox> {
  const sandbox = await startTestSandbox({ sites: jiraSites });
  t.teardown(() => sandbox.close());
  return sandbox;
}

t.test('--watch reloads when an editor saves the file, save after save', async (t) => {
  const sandbox = await startTestSandbox({ sites: TEST_SITES });
  t.teardown(() => sandbox.close());
  const all = (ids: string[]) =>
    sandboxInstances(
      sandbox,
      TEST_SITES.filter((site) => ids.includes(site.id)),
      ['prod', 'wiki'],
    );
  const configFile = join(t.testdir({}), 'instances.yaml');
  writeYaml(configFile, { instances: all(['prod']) });
  const gateway = await startGatewayProcess(['--config', configFile, '--watch'], cleanEnv());
  t.teardown(() => void gateway.child.kill('SIGKILL'));
  const client = await connectClient(gateway.url, 'sse');
  t.teardown(() => client.close());
  const heard = (method: string) =>
    new Promise<void>((resolve) => client.setNotificationHandler(method as never, () => resolve()));

  // A Confluence instance brings prompts and resource templates of its own: those lists change too.
  const told = [
    untilListChanged(client),
    heard('notifications/prompts/list_changed'),
    heard('notifications/resources/list_changed'),
  ];
  writeYaml(configFile, { instances: all(['prod', 'wiki']) });
  await Promise.all(told);
  t.ok((await toolNames(client)).includes('confluence_get_page'), 'the first save is served');
  const templates = (await client.listResourceTemplates()).resourceTemplates.map((template) => template.name);
  t.ok(templates.includes('confluence-page'), 'with the new resource templates');

  const again = untilListChanged(client);
  writeYaml(configFile, { instances: all(['prod']) });
  await again;
  t.notOk((await toolNames(client)).includes('confluence_get_page'), 'and so is the next one');
  t.match(gateway.stderr(), /"trigger":"watch"/, 'the log says what asked for the reload');
});

t.test('--watch without a configuration file is a usage error', async (t) => {
  const { code, stderr } = await runGateway(['--watch'], cleanEnv());
  t.equal(code, 2);
  t.match(stderr, /--watch needs a configuration file: pass --config FILE or set ATLASSIAN_GATEWAY_CONFIG/);
});

t.test('POST /admin/reload', async (t) => {
  const sandbox = await startSandbox(t);
  const configFile = join(t.testdir({}), 'instances.yaml');
  const settings = {
    modules: ['jira'],
    metrics: { enabled: true },
    api_keys: [
      { key: ADMIN, name: 'ops', admin: true },
      { key: USER, name: 'dev' },
    ],
  };
  writeYaml(configFile, { ...settings, instances: instances(sandbox, ['prod']) });
  const gateway = await startGatewayProcess(['--config', configFile], cleanEnv());
  t.teardown(() => void gateway.child.kill('SIGKILL'));
  const reload = async (headers: Record<string, string>) => {
    const response = await fetch(`${gateway.url}/admin/reload`, { method: 'POST', headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const anonymous = await reload({});
  t.equal(anonymous.status, 401, 'no key: 401');
  t.match(anonymous.body, { error: /admin API key is required/ });
  const user = await reload({ 'x-gateway-key': USER });
  t.equal(user.status, 403, 'a key without admin: 403');
  t.match(user.body, { error: /key "dev" is not an admin key/ });

  const unchanged = await reload({ authorization: `Bearer ${ADMIN}` });
  t.equal(unchanged.status, 200);
  t.match(unchanged.body, { outcome: 'unchanged', instances: { added: [], removed: [], changed: [] } });

  writeYaml(configFile, {
    ...settings,
    server: { session_idle_timeout: 60 },
    read_only: true,
    instances: instances(sandbox, ['prod', 'staging']),
  });
  const applied = await reload({ 'x-gateway-key': ADMIN });
  t.equal(applied.status, 200);
  t.match(applied.body, {
    outcome: 'applied',
    instances: { added: ['jira:staging'], removed: [], changed: [] },
    settings: ['read_only'],
    restart_needed: ['server.session_idle_timeout'],
  });
  t.ok((applied.body.tools as number) > (applied.body.tools_before as number), 'the tool count grew');
  const client = await connectClient(gateway.url, 'http-2026', { 'x-gateway-key': USER });
  t.teardown(() => client.close());
  const names = await toolNames(client);
  t.ok(names.includes('jira_staging_get_issue'), 'the new instance serves');
  t.notOk(names.includes('jira_staging_create_issue'), 'read_only applies');

  writeYaml(configFile, { ...settings, instances: [{ ...instances(sandbox, ['prod'])[0], url: 'not a url' }] });
  const invalid = await reload({ 'x-gateway-key': ADMIN });
  t.equal(invalid.status, 422, 'an invalid file: 422');
  t.match(invalid.body, { outcome: 'invalid', errors: [/^instances\[0\]\.url: /] });
  t.ok((await toolNames(client)).includes('jira_staging_get_issue'), 'and the old configuration keeps serving');

  const scrape = parseSamples(await (await fetch(`${gateway.url}/metrics`)).text());
  for (const outcome of ['unchanged', 'applied', 'invalid'])
    t.equal(sampleValue(scrape, 'mcp_gateway_config_reloads_total', { outcome }), 1, `one reload ${outcome}`);
  t.match(gateway.stderr(), /"audit":"refused".*"route":"\/admin\/reload".*"status":403/, 'refusals are audited');
});

t.test('without an admin key, /admin/reload answers like a route that does not exist', async (t) => {
  const sandbox = await startSandbox(t);
  const configFile = join(t.testdir({}), 'instances.yaml');
  writeYaml(configFile, { modules: ['jira'], api_keys: [USER], instances: instances(sandbox, ['prod']) });
  const gateway = await startGatewayProcess(['--config', configFile], cleanEnv());
  t.teardown(() => void gateway.child.kill('SIGKILL'));
  for (const headers of [{}, { 'x-gateway-key': USER }] as Array<Record<string, string>>) {
    const answer = async (path: string) => {
      const response = await fetch(`${gateway.url}${path}`, { method: 'POST', headers });
      return { status: response.status, body: (await response.text()).replace(path, '<path>') };
    };
    t.same(await answer('/admin/reload'), await answer('/admin/unknown'), JSON.stringify(headers));
  }
});

t.test('stdio reloads on SIGHUP', async (t) => {
  const sandbox = await startSandbox(t);
  const configFile = join(t.testdir({}), 'instances.yaml');
  writeYaml(configFile, { modules: ['jira'], instances: instances(sandbox, ['prod']) });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...NODE_ARGS, '--transport', 'stdio', '--config', configFile],
    env: cleanEnv(),
    stderr: 'pipe',
  });
  const client = new Client({ name: 'reload-test', version: '1.0.0' }, { versionNegotiation: { mode: 'legacy' } });
  await client.connect(transport);
  t.teardown(() => client.close());
  t.notOk((await toolNames(client)).includes('jira_staging_get_issue'));

  const told = untilListChanged(client);
  writeYaml(configFile, { modules: ['jira'], instances: instances(sandbox, ['prod', 'staging']) });
  process.kill(transport.pid!, 'SIGHUP');
  await told;
  t.ok((await toolNames(client)).includes('jira_staging_get_issue'), 'the stdio client sees the new tools');
});
