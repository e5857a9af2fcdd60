/** stdio: a local client spawns the gateway, which speaks only protocol on stdout and serves both instances. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import t from 'tap';
import { stringify } from 'yaml';
import { startSandbox } from '@atlassian-mcp-gateway/sandbox';
import { sandboxInstances } from '../../src/cli/demo.js';
import { textOf } from '../helpers/clients.js';
import { TEST_SITES } from '../helpers/gateway.js';
import { cleanEnv, NODE_ARGS } from '../helpers/process.js';

for (const mode of ['legacy', 'auto'] as const) {
  t.test(`stdio with a ${mode === 'auto' ? '2026-07-28' : '2025-11-25'} client`, async (t) => {
    const sandbox = await startSandbox({ sites: TEST_SITES });
    t.teardown(() => sandbox.close());
    const dir = t.testdir({});
    const configFile = join(dir, 'instances.yaml');
    writeFileSync(
      configFile,
      stringify({ log_level: 'debug', instances: sandboxInstances(sandbox, TEST_SITES, ['prod', 'wiki']) }),
    );

    const stderr: string[] = [];
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [...NODE_ARGS, '--transport', 'stdio', '--config', configFile],
      env: cleanEnv(),
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk) => stderr.push(String(chunk)));
    const client = new Client({ name: 'stdio-test', version: '1.0.0' }, { versionNegotiation: { mode } });
    const protocolErrors: Error[] = [];
    client.onerror = (error) => protocolErrors.push(error);
    await client.connect(transport);
    t.teardown(() => client.close());

    const { tools } = await client.listTools();
    t.ok(tools.some((tool) => tool.name === 'jira_staging_search'));
    const prod = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-3' } });
    t.match(textOf(prod), /# OPS-3: \[prod\] Rotate the service account credentials/);
    const staging = await client.callTool({
      name: 'jira_staging_search',
      arguments: { jql: 'labels = customer ORDER BY key DESC' },
    });
    t.match(textOf(staging), /WEB-5[\s\S]*WEB-3[\s\S]*WEB-1/);
    const page = await client.callTool({ name: 'confluence_dcwiki_search', arguments: { query: 'rollback' } });
    t.match(textOf(page), /Release process/, 'DC search fell back from siteSearch to text search');
    t.match(textOf(page), /text ~ "rollback"/);
    t.same(protocolErrors, [], 'stdout carried nothing but protocol messages');
    t.match(stderr.join(''), /"msg":"gateway serving on stdio"/, 'logs went to stderr');
  });
}
