/**
 * The nginx configuration docs/deployment.md gives for a TLS proxy, run by Debian's nginx on 127.0.0.1 in front of
 * the gateway: a client reaches the gateway's WebSocket transport at wss://…/ws and calls a tool through it.
 * Skipped, loudly, where nginx is not installed; under CI (which installs it) that is a failure instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import t from 'tap';
import { textOf } from './helpers/clients.js';
import { documentedBlock } from './helpers/doc-commands.js';
import { run } from './helpers/docker.js';
import { cleanEnv, startGatewayProcess } from './helpers/process.js';
import { WebSocketClientTransport } from './helpers/websocket-client-transport.js';

const nginx = await findNginx();

if (!nginx) {
  process.stderr.write(
    `\n${'!'.repeat(100)}\n!! test/docs-tls-proxy.test.ts SKIPPED: nginx is not installed; the TLS proxy configuration was NOT tested.\n${'!'.repeat(100)}\n`,
  );
  if (process.env.CI || process.env.REQUIRE_SYSTEM_TESTS) t.fail('nginx is required here (.ci/run installs it)');
  else t.plan(0, 'no nginx');
} else {
  t.test('wss:// through the documented nginx configuration reaches the gateway', async (t) => {
    const dir = t.testdir();
    chmodSync(dir, 0o755);
    const gateway = await startGatewayProcess(['--demo'], cleanEnv());
    t.teardown(() => gateway.child.kill('SIGKILL'));
    const gatewayPort = new URL(gateway.url).port;

    const certificate = join(dir, 'localhost.crt');
    const key = join(dir, 'localhost.key');
    const made = await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      certificate,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
    ]);
    t.equal(made.code, 0, made.code === 0 ? 'a self-signed certificate for localhost' : made.stderr);
    chmodSync(key, 0o644);

    const port = await freePort();
    let server = documentedBlock('tls-proxy').text;
    const substitutions: Array<[string, string]> = [
      ['listen 443 ssl;', `listen 127.0.0.1:${port} ssl;`],
      ['server_name mcp.example.com;', 'server_name localhost;'],
      ['/etc/ssl/mcp.example.com.crt', certificate],
      ['/etc/ssl/mcp.example.com.key', key],
      ['proxy_pass http://127.0.0.1:9000;', `proxy_pass http://127.0.0.1:${gatewayPort};`],
    ];
    for (const [from, to] of substitutions) {
      t.equal(server.split(from).length, 2, `the documented configuration has ${from} once`);
      server = server.replace(from, to);
    }
    const temp = join(dir, 'temp');
    mkdirSync(temp, { mode: 0o777 });
    chmodSync(temp, 0o777);
    const paths = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
      .map((name) => `${name}_temp_path ${temp}/${name};`)
      .join(' ');
    writeFileSync(
      join(dir, 'nginx.conf'),
      `daemon off;\nworker_processes 1;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\naccess_log off;\n${paths}\n${server}\n}\n`,
    );
    const proxy = spawn(nginx, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], {
      stdio: 'ignore',
    });
    t.teardown(() => stop(proxy));
    await waitForPort(port, () => readFileSync(join(dir, 'error.log'), 'utf8'));

    const client = new Client({ name: 'tls-proxy-test', version: '1.0.0' });
    await client.connect(
      new WebSocketClientTransport(`wss://localhost:${port}/ws`, undefined, { ca: readFileSync(certificate) }),
    );
    t.teardown(() => client.close());
    t.ok(
      (await client.listTools()).tools.some((tool) => tool.name === 'jira_get_issue'),
      'tools listed over wss://',
    );
    const issue = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } });
    t.notOk(issue.isError, textOf(issue));
    t.match(textOf(issue), /OPS-1/);
  });
}

async function findNginx(): Promise<string | undefined> {
  for (const candidate of ['/usr/sbin/nginx', 'nginx'])
    if ((await run(candidate, ['-v'], { timeoutMs: 5000 })).code === 0) return candidate;
  return undefined;
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nginx did not listen on ${port}: ${log()}`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
