/**
 * stdio under bad input and shutdown, driven through a real child process: a line over the size limit, a line
 * that is not JSON and one nested too deep each get a JSON-RPC error and the session goes on; SIGTERM lets a
 * call in flight finish and answer before the process exits 0.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import t, { type Test } from 'tap';
import { stringify } from 'yaml';
import { startTestSandbox } from '@atlassian-mcp-gateway/sandbox/testing';
import { sandboxInstances } from '../../src/cli/demo.js';
import { TEST_SITES } from '../helpers/gateway.js';
import { cleanEnv, NODE_ARGS } from '../helpers/process.js';

const prod = TEST_SITES.filter((site) => site.id === 'prod');
const INITIALIZE = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

async function startStdioGateway(t: Test, settings: Record<string, unknown> = {}) {
  const sandbox = await startTestSandbox({ sites: prod });
  t.teardown(() => sandbox.close());
  const configFile = join(t.testdir({}), 'instances.yaml');
  writeFileSync(configFile, stringify({ ...settings, instances: sandboxInstances(sandbox, prod, ['prod']) }));
  const child = spawn(process.execPath, [...NODE_ARGS, '--transport', 'stdio', '--config', configFile], {
    env: cleanEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  t.teardown(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const answers: Array<Record<string, any>> = [];
  const waiters: Array<() => void> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    answers.push(JSON.parse(line));
    for (const wake of waiters.splice(0)) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const send = (message: unknown) =>
    child.stdin.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
  /** Resolves with the first answer matching `test` that has arrived or arrives. */
  const answer = async (test: (message: Record<string, any>) => boolean) => {
    for (;;) {
      const found = answers.find(test);
      if (found) return found;
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  send(INITIALIZE);
  await answer((message) => message.id === 0);
  send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  return { child, sandbox, send, answer, exited, stderr: () => stderr };
}

t.test('bad lines are answered with JSON-RPC errors and the session goes on', async (t) => {
  const gateway = await startStdioGateway(t, { server: { body_limit: 64 * 1024 } });
  gateway.send(`{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"pad":"${'x'.repeat(200 * 1024)}"}}`);
  t.match(await gateway.answer((message) => message.id === null && /too large/.test(message.error?.message)), {
    error: { code: -32600, message: /a line of more than 65536 bytes was skipped/ },
  });
  gateway.send('{"jsonrpc": "2.0", "id": 2, "method"');
  t.match(await gateway.answer((message) => message.error?.code === -32700), {
    id: null,
    error: { message: /Parse error/ },
  });
  gateway.send(
    `{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"gateway_list_instances","arguments":{"x":${'['.repeat(5000)}${']'.repeat(5000)}}}}`,
  );
  t.match(await gateway.answer((message) => /nested deeper/.test(message.error?.message ?? '')), {
    error: { code: -32600 },
  });
  gateway.send({
    jsonrpc: '2.0',
    id: 4,
    method: 'tools/call',
    params: { name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } },
  });
  const served = await gateway.answer((message) => message.id === 4);
  t.match(served.result.content[0].text, /# OPS-1/, 'still serving after all of that');
  t.match(gateway.stderr(), /"msg":"stdin line over the size limit: skipped"/);
});

t.test('SIGTERM lets a call in flight answer, then the process exits 0', async (t) => {
  const gateway = await startStdioGateway(t, { server: { shutdown_grace: 10 } });
  // A slow upstream: the sandbox holds its answer (a server error) for 1.5 s.
  gateway.sandbox.fault('prod', { status: 500, delayMs: 1_500, times: 1 });
  gateway.send({
    jsonrpc: '2.0',
    id: 7,
    method: 'tools/call',
    params: { name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } },
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  gateway.child.kill('SIGTERM');
  const answered = await gateway.answer((message) => message.id === 7);
  t.match(
    answered.result,
    { isError: true, content: [{ text: /failed on instance "prod": Atlassian had a server error/ }] },
    'the call in flight got its answer',
  );
  t.equal(await gateway.exited, 0);
});
