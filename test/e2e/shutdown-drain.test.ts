/**
 * SIGTERM with calls in flight on every transport: each call finishes and its answer reaches the client, a new
 * request on an open connection meanwhile is refused with a JSON-RPC error, and the process exits 0 within the
 * grace period. Runs the real entry point as a child process against a slow sandbox.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { stringify } from 'yaml';
import { startTestSandbox } from '@atlassian-mcp-gateway/sandbox/testing';
import { sandboxInstances } from '../../src/cli/demo.js';
import { connectClient, textOf, type TransportKind } from '../helpers/clients.js';
import { TEST_SITES } from '../helpers/gateway.js';
import { cleanEnv, startGatewayProcess } from '../helpers/process.js';

const prod = TEST_SITES.filter((site) => site.id === 'prod');
const KINDS: readonly TransportKind[] = ['http-2025', 'http-2026', 'sse', 'ws-2025', 'ws-2026'];

t.test('calls in flight on every transport finish before the process exits', async (t) => {
  const sandbox = await startTestSandbox({ sites: prod });
  t.teardown(() => sandbox.close());
  const configFile = join(t.testdir({}), 'instances.yaml');
  writeFileSync(
    configFile,
    stringify({ server: { stateful: true, shutdown_grace: 10 }, instances: sandboxInstances(sandbox, prod, ['prod']) }),
  );
  const { child, url } = await startGatewayProcess(['--config', configFile], cleanEnv());
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const clients = await Promise.all(KINDS.map((kind) => connectClient(url, kind)));
  t.teardown(() => Promise.allSettled(clients.map((client) => client.close())));

  // Every upstream answer now takes 1.5 s: the calls below are in flight when the signal arrives.
  sandbox.fault('prod', { status: 200, delayMs: 1_500, thenServe: true });
  const calls = clients.map((client) => client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } }));
  await new Promise((resolve) => setTimeout(resolve, 400));
  const signalled = Date.now();
  child.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 200));

  const late = clients[KINDS.indexOf('ws-2026')]!.callTool({
    name: 'jira_get_issue',
    arguments: { issue_key: 'OPS-2' },
  });
  await t.rejects(late, /shutting down/, 'a new request on an open connection is refused while draining');

  const results = await Promise.all(calls);
  results.forEach((result, index) =>
    t.match(textOf(result), /# OPS-1/, `${KINDS[index]}: the call in flight got its answer`),
  );
  t.equal(await exited, 0, 'exit code 0: drained, not forced');
  t.ok(Date.now() - signalled < 10_000, 'within the grace period');
});
