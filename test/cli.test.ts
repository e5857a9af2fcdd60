/** The command line: --help, --check-config, exit codes and readable configuration errors. */
import t from 'tap';
import { cleanEnv, NODE_ARGS, runGateway } from './helpers/process.js';

const SECRET = 'super-secret-token-value-123';

t.test('--help and --version', async (t) => {
  const help = await runGateway(['--help']);
  t.equal(help.code, 0);
  t.match(help.stdout, /Usage: atlassian-mcp-gateway/);
  const version = await runGateway(['--version']);
  t.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  const bad = await runGateway(['--bogus']);
  t.equal(bad.code, 2);
  t.match(bad.stderr, /Unknown option '--bogus'/);
});

t.test('--check-config prints instances with secrets masked and tool counts', async (t) => {
  const result = await runGateway(
    ['--check-config'],
    cleanEnv({
      JIRA_URL: 'https://acme.atlassian.net',
      JIRA_USERNAME: 'me@acme.com',
      JIRA_API_TOKEN: SECRET,
      JIRA_2_URL: 'https://jira.example.com',
      JIRA_2_PERSONAL_TOKEN: SECRET,
      JIRA_2_INSTANCE_NAME: 'dc',
      JIRA_2_READ_ONLY: 'true',
      CONFLUENCE_3_URL: 'https://wiki.example.com',
    }),
  );
  t.equal(result.code, 0, result.stderr);
  t.match(result.stdout, /Configuration OK: 2 instance\(s\), 15 tool\(s\) in all\./);
  t.match(result.stdout, /- default \(jira, cloud, default\)\n\s+url: https:\/\/acme\.atlassian\.net\n\s+auth: basic me@acme\.com \/ \*\*\*\*\n\s+tools: 9 \(jira_\*\)/);
  t.match(result.stdout, /- dc \(jira, server, read-only\)[\s\S]*tools: 5 \(jira_dc_\*\)/);
  t.match(result.stdout, /Warning: confluence instance CONFLUENCE_3_URL=https:\/\/wiki\.example\.com skipped: no credentials/);
  t.notOk(result.stdout.includes(SECRET) || result.stderr.includes(SECRET), 'the secret appears nowhere');
  t.notMatch(result.stdout, /chars|\b28\b/, 'not even its length');
});

t.test('a bad configuration stops startup with exit code 2, every problem named, no stack trace', async (t) => {
  const result = await runGateway([], cleanEnv({ JIRA_URL: 'not-a-url', JIRA_PERSONAL_TOKEN: SECRET, JIRA_TIMEOUT: 'soon', TOOLSETS: 'isues' }));
  t.equal(result.code, 2);
  t.match(result.stderr, /Invalid configuration \(2 problems\):\n\s+- JIRA_URL: expected an http\(s\) URL\n\s+- JIRA_TIMEOUT: expected a number/);
  t.notMatch(result.stderr, /\n\s+at /, 'no stack trace');
  t.notOk(result.stderr.includes(SECRET));
  const toolsets = await runGateway(['--check-config'], cleanEnv({ JIRA_URL: 'https://jira.example.com', JIRA_PERSONAL_TOKEN: 'x', TOOLSETS: 'isues' }));
  t.equal(toolsets.code, 2);
  t.match(toolsets.stderr, /toolsets \(TOOLSETS\): unknown toolset "isues"/);
});

t.test('a missing config file is a configuration error', async (t) => {
  const result = await runGateway(['--config', '/nonexistent/gateway.yaml']);
  t.equal(result.code, 2);
  t.match(result.stderr, /\/nonexistent\/gateway\.yaml: file not found/);
});

t.test('a port in use is a runtime failure with a hint', async (t) => {
  const { createServer } = await import('node:net');
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  t.teardown(() => blocker.close());
  const port = (blocker.address() as { port: number }).port;
  const result = await runGateway(['--port', String(port)]);
  t.equal(result.code, 1);
  t.match(result.stderr, /failed to start: .*EADDRINUSE.*pass --port with another one/);
});

t.test('MCP_HOST, MCP_PORT and MCP_TRANSPORT, as other servers\' deployments name them, work and win over HOST and PORT', async (t) => {
  const { createServer } = await import('node:net');
  const { spawn } = await import('node:child_process');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));

  const child = spawn(process.execPath, [...NODE_ARGS], { env: cleanEnv({ MCP_HOST: '127.0.0.1', HOST: '0.0.0.0', MCP_PORT: String(port), PORT: '1', MCP_TRANSPORT: 'sse' }), stdio: ['ignore', 'pipe', 'pipe'] });
  t.teardown(() => child.kill('SIGKILL'));
  let stderr = '';
  const listening = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const match = /"url":"([^"]+)"/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    child.on('exit', () => reject(new Error(stderr)));
  });
  t.equal(listening, `http://127.0.0.1:${port}`, 'MCP_HOST and MCP_PORT decided; sse means "serve HTTP"');
  t.equal((await fetch(`${listening}/healthz`)).status, 200);

  const stdio = await runGateway(['--check-config'], cleanEnv({ MCP_TRANSPORT: 'carrier-pigeon' }));
  t.equal(stdio.code, 2);
  t.match(stdio.stderr, /MCP_TRANSPORT: expected stdio or http \(sse, ws and streamable-http also mean http\)/);
});

t.test('MCP_TRANSPORT=stdio serves stdio', async (t) => {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [...NODE_ARGS], { env: cleanEnv({ MCP_TRANSPORT: 'stdio' }), stdio: ['pipe', 'pipe', 'pipe'] });
  t.teardown(() => child.kill('SIGKILL'));
  const line = new Promise<string>((resolve) => child.stdout.once('data', (chunk) => resolve(String(chunk))));
  child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'cli', version: '1' } } })}\n`);
  t.match(JSON.parse(await line), { id: 1, result: { serverInfo: { name: 'atlassian-mcp-gateway' } } });
});
