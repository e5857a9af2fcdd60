/**
 * Resources, prompts and completions over stdio, where one process serves one client for its lifetime: reads,
 * recent items, a subscription that notifies on change, a prompt and a completion.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import t from 'tap';
import { stringify } from 'yaml';
import { startSandbox } from '@atlassian-mcp-gateway/sandbox';
import { sandboxInstances } from '../../src/cli/demo.js';
import { TEST_SITES } from '../helpers/gateway.js';
import { cleanEnv, NODE_ARGS } from '../helpers/process.js';

t.test('stdio: resources, a subscription, prompts and completions', async (t) => {
  const sandbox = await startSandbox({ sites: TEST_SITES });
  t.teardown(() => sandbox.close());
  const configFile = join(t.testdir({}), 'instances.yaml');
  writeFileSync(
    configFile,
    stringify({ resource_poll_interval: 1, instances: sandboxInstances(sandbox, TEST_SITES, ['prod', 'wiki']) }),
  );
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...NODE_ARGS, '--transport', 'stdio', '--config', configFile],
    env: cleanEnv(),
    stderr: 'pipe',
  });
  const client = new Client({ name: 'stdio-test', version: '1.0.0' }, { versionNegotiation: { mode: 'legacy' } });
  await client.connect(transport);
  t.teardown(() => client.close());

  const { contents } = await client.readResource({ uri: 'jira://prod/issue/OPS-3' });
  t.match(contents[0], {
    mimeType: 'text/markdown',
    text: /^# OPS-3: \[prod\] Rotate the service account credentials/,
  });
  const page = await client.callTool({ name: 'confluence_get_page', arguments: { page_id: '1001' } });
  t.match(page.content, [{ type: 'text' }, { type: 'resource_link', uri: 'confluence://wiki/page/1001' }]);
  const { resources } = await client.listResources();
  t.same(
    resources.map((resource) => resource.uri),
    [
      'confluence://wiki/page/1001',
      'jira://prod/issue/OPS-3',
      'jira://prod/filter/10101',
      'jira://staging/filter/10101',
      'confluence://wiki/page/1002',
      'confluence://dcwiki/page/1002',
    ],
    'recent items, then favourites',
  );

  const updated: string[] = [];
  client.setNotificationHandler('notifications/resources/updated', (notification) => {
    updated.push(notification.params.uri);
  });
  await client.subscribeResource({ uri: 'jira://prod/issue/OPS-3' });
  const renamed = await client.callTool({
    name: 'jira_update_issue',
    arguments: { issue_key: 'OPS-3', summary: 'Renamed over stdio' },
  });
  t.notOk(renamed.isError);
  const until = Date.now() + 8000;
  while (updated.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
  t.same(updated, ['jira://prod/issue/OPS-3'], 'the change was noticed');

  const { messages } = await client.getPrompt({ name: 'summarize_page_tree', arguments: { page_id: '1001' } });
  t.match(messages[0]?.content, { type: 'text', text: /`confluence_get_page_children` with parent_id 1001/ });
  const { completion } = await client.complete({
    ref: { type: 'ref/resource', uri: 'confluence://{instance}/space/{key}' },
    argument: { name: 'key', value: 'e' },
  });
  t.same(completion.values, ['ENG']);
});
