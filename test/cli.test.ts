/** The command line: --help, --check-config, exit codes and readable configuration errors. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { cleanEnv, NODE_ARGS, runGateway, startGatewayProcess } from './helpers/process.js';

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
  t.equal(result.code, 3, 'usable, but an instance was skipped: the check fails so it can gate a deployment');
  t.match(result.stdout, /Configuration usable with 1 warning\(s\): 2 instance\(s\), 16 tool\(s\) in all\./);
  t.match(
    result.stdout,
    /- default \(jira, cloud, default\)\n\s+url: https:\/\/acme\.atlassian\.net\n\s+auth: basic me@acme\.com \/ \*\*\*\*\n\s+tools: 9 \(jira_\*\)/,
  );
  t.match(result.stdout, /- dc \(jira, server, read-only\)[\s\S]*tools: 5 \(jira_dc_\*\)/);
  t.match(
    result.stdout,
    /Warning: confluence instance CONFLUENCE_3_URL=https:\/\/wiki\.example\.com skipped: no credentials/,
  );
  t.notOk(result.stdout.includes(SECRET) || result.stderr.includes(SECRET), 'the secret appears nowhere');
  t.notMatch(result.stdout, /\d+ chars|\b28\b/, 'not even its length');
});

t.test('a bad configuration stops startup with exit code 2, every problem named, no stack trace', async (t) => {
  const result = await runGateway(
    [],
    cleanEnv({ JIRA_URL: 'not-a-url', JIRA_PERSONAL_TOKEN: SECRET, JIRA_TIMEOUT: 'soon', TOOLSETS: 'isues' }),
  );
  t.equal(result.code, 2);
  t.match(
    result.stderr,
    /Invalid configuration \(2 problems\):\n\s+- JIRA_URL: expected an http\(s\) URL\n\s+- JIRA_TIMEOUT: expected a number/,
  );
  t.notMatch(result.stderr, /\n\s+at /, 'no stack trace');
  t.notOk(result.stderr.includes(SECRET));
  const toolsets = await runGateway(
    ['--check-config'],
    cleanEnv({ JIRA_URL: 'https://jira.example.com', JIRA_PERSONAL_TOKEN: 'x', TOOLSETS: 'isues' }),
  );
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

t.test(
  "MCP_HOST, MCP_PORT and MCP_TRANSPORT, as other servers' deployments name them, work and win over HOST and PORT",
  async (t) => {
    const { createServer } = await import('node:net');
    const { spawn } = await import('node:child_process');
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const child = spawn(process.execPath, [...NODE_ARGS], {
      env: cleanEnv({
        MCP_HOST: '127.0.0.1',
        HOST: '0.0.0.0',
        MCP_PORT: String(port),
        PORT: '1',
        MCP_TRANSPORT: 'sse',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
  },
);

t.test('MCP_TRANSPORT=stdio serves stdio', async (t) => {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [...NODE_ARGS], {
    env: cleanEnv({ MCP_TRANSPORT: 'stdio' }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  t.teardown(() => child.kill('SIGKILL'));
  const line = new Promise<string>((resolve) => child.stdout.once('data', (chunk) => resolve(String(chunk))));
  child.stdin.write(
    `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'cli', version: '1' } } })}\n`,
  );
  t.match(JSON.parse(await line), { id: 1, result: { serverInfo: { name: 'atlassian-mcp-gateway' } } });
});

t.test('--check-config prints every process-wide setting with where its value came from', async (t) => {
  const file = join(t.testdir(), 'instances.yaml');
  writeFileSync(
    file,
    'log_level: warn\nserver:\n  port: 9302\n  host: 127.0.0.1\ninstances:\n  - { name: prod, product: jira, url: "https://jira.example.com", auth: { type: pat, token: "${JIRA_PROD_PAT}" } }\n',
  );
  const result = await runGateway(
    ['--check-config', '--config', file, '--host', '::1'],
    cleanEnv({ JIRA_PROD_PAT: SECRET, PORT: '9303', HOST: '0.0.0.0' }),
  );
  t.equal(result.code, 0, result.stderr);
  t.match(result.stdout, /^Configuration OK: 1 instance\(s\)/);
  t.match(result.stdout, /Settings \(command-line flag > environment > file > default\):/);
  t.match(
    result.stdout,
    new RegExp(`\\n  config file +${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} +flag --config\\n`),
  );
  t.match(result.stdout, /\n {2}server\.host +::1 +flag --host\n/, 'the flag beats HOST and the file');
  t.match(result.stdout, /\n {2}server\.port +9303 +env PORT\n/, 'PORT beats the file');
  t.match(result.stdout, new RegExp(`\\n  log_level +warn +file ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\n`));
  t.match(result.stdout, /\n {2}tool_naming +prefix +default\n/);
  t.notOk(result.stdout.includes(SECRET));
});

t.test('--check-config fails on an unknown JIRA_* variable, naming the known one', async (t) => {
  const result = await runGateway(
    ['--check-config'],
    cleanEnv({ JIRA_URL: 'https://jira.example.com', JIRA_PERSONAL_TOKEN: SECRET, JIRA_PROJECT_FILTER: 'OPS' }),
  );
  t.equal(result.code, 2);
  t.match(result.stderr, /- JIRA_PROJECT_FILTER: not a known setting; did you mean JIRA_PROJECTS_FILTER\?/);
  t.notMatch(result.stdout, /Configuration OK/);
});

t.test('with a YAML file, HOST and PORT from the environment decide where the gateway listens', async (t) => {
  const file = join(t.testdir(), 'instances.yaml');
  // An address no interface has: if the file won over HOST, listening would fail.
  writeFileSync(file, 'server:\n  host: 192.0.2.1\n  port: 9\ninstances: []\n');
  const gateway = await startGatewayProcess(['--config', file], cleanEnv({ HOST: '127.0.0.1', PORT: '0' }), undefined, {
    portFlag: false,
  });
  t.teardown(() => gateway.child.kill('SIGKILL'));
  t.match(gateway.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  t.not(gateway.url, 'http://127.0.0.1:9');
  const health = await fetch(`${gateway.url}/healthz`);
  t.equal(health.status, 200);
});
