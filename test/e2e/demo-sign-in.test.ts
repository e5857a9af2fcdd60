/** `--demo --auth oauth`: the sandbox's Cloud-style and Server/DC-style OAuth servers serve the federated sign-in. */
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { startDemo } from '../../src/cli/demo.js';
import { loadConfig } from '../../src/config/load.js';
import { createGatewayCore } from '../../src/gateway.js';
import { silentLogger } from '../helpers/catalog.js';
import { textOf } from '../helpers/clients.js';
import { signInAs } from '../helpers/sign-in.js';

t.test('the demo signs a user in to its Server/DC and Cloud Jira, and keeps the wiki static', async (t) => {
  const { sandbox, instances } = await startDemo(true);
  t.teardown(() => sandbox.close());
  const config = loadConfig({ env: {}, flags: { 'auth.mode': 'oauth', 'server.port': 0 }, demo: instances });
  const core = await createGatewayCore(config, {
    logger: silentLogger,
    atlassianApiUrl: sandbox.url,
    atlassianAuthUrl: sandbox.url,
  });
  const { app } = await buildApp(core);
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.teardown(async () => {
    await app.close();
    core.close();
  });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const bob = await signInAs(url, sandbox.url, 'bob');
  t.teardown(() => bob.close());
  for (const [tool, key] of [
    ['jira_get_issue', 'OPS-1'],
    ['jira_staging_get_issue', 'WEB-1'],
  ] as const) {
    const result = await bob.client.callTool({ name: tool, arguments: { issue_key: key } });
    t.notOk(result.isError, result.isError ? textOf(result) : `${tool} answered`);
  }
  const wiki = await bob.client.callTool({ name: 'confluence_search', arguments: { query: 'onboarding' } });
  t.notOk(wiki.isError, 'the static wiki answers too');
});
