/**
 * The built gateway, as the Docker image and `npx` run it: `npm run build`'s bundle, written to a scratch
 * directory next to nothing but a copy of package.json, so it must carry every dependency itself. Started on its
 * embedded sandbox, it serves a real client over every transport, including stdio; the sandbox's test controls
 * (fault injection, request recording) are not in it.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import t from 'tap';
import { stringify } from 'yaml';
import { bundle } from '../../scripts/build.js';
import { latin1Only } from '../../scripts/dependency-edits.js';
import { catalogOf, confluenceInstance, jiraInstance } from '../helpers/catalog.js';
import { connectClient, HTTP_TRANSPORTS, textOf } from '../helpers/clients.js';
import { cleanEnv, runGateway, startGatewayProcess } from '../helpers/process.js';

// Outside the repository: no node_modules up the tree to fall back on.
const dir = mkdtempSync(join(tmpdir(), 'gateway-bundle-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const main = join(dir, 'dist', 'main.js');

t.before(async () => {
  await bundle(join(dir, 'dist'));
  copyFileSync('package.json', join(dir, 'package.json'));
});

t.test('every chunk parses, including those only some commands load', async (t) => {
  const chunks = readdirSync(join(dir, 'dist')).filter((name) => name.endsWith('.js'));
  t.ok(chunks.length > 5, `${chunks.length} chunks`);
  t.ok(chunks.includes('conversion-worker.js'), 'the text conversion worker is an entry of its own, beside the chunks');
  for (const chunk of chunks)
    t.doesNotThrow(
      () => execFileSync(process.execPath, ['--check', join(dir, 'dist', chunk)], { stdio: 'pipe' }),
      chunk,
    );
});

t.test('every chunk is Latin-1, so V8 holds its source at one byte a character', async (t) => {
  const dist = join(dir, 'dist');
  for (const chunk of readdirSync(dist).filter((name) => name.endsWith('.js')))
    t.notMatch(readFileSync(join(dist, chunk), 'utf8'), /[^\t-\u00ff]/, chunk);
  t.equal(latin1Only('"a … b 😀"'), '"a \\u2026 b \\ud83d\\ude00"', 'escapes, astral characters as surrogates');
  t.equal(JSON.parse(latin1Only('"a … b 😀"')), 'a … b 😀', 'which read back as the same text');
});

t.test('the bundle carries the sandbox for --demo but none of its test controls', async (t) => {
  const dist = join(dir, 'dist');
  const names = readdirSync(dist);
  const sources = names
    .filter((name) => name.endsWith('.js.map'))
    .flatMap((name) =>
      (JSON.parse(readFileSync(join(dist, name), 'utf8')) as { sources: string[] }).sources.map((source) =>
        source.replace(/\\/g, '/'),
      ),
    );
  const sandboxFiles = sources.filter((source) => /(^|\/)sandbox\//.test(source) && !source.includes('/node_modules/'));
  t.ok(
    sandboxFiles.some((source) => source.endsWith('/sandbox/server.ts')),
    'the sandbox is bundled (--demo starts it)',
  );
  t.same(
    sandboxFiles.filter((source) => /\/sandbox\/testing(\/|\.ts$)/.test(source)),
    [],
    'no file of the test controls is in any chunk',
  );
  for (const chunk of names.filter((name) => name.endsWith('.js'))) {
    const code = readFileSync(join(dist, chunk), 'utf8');
    for (const marker of ['Sandbox fault', 'createFaults', 'recordRequests', 'startTestSandbox'])
      t.notOk(code.includes(marker), `${chunk} has no ${marker}`);
  }
});

t.test("loading the bundle's got builds no TLS socket (see src/atlassian/js-stream-socket.cjs)", async (t) => {
  const chunk = readdirSync(join(dir, 'dist')).find(
    (name) =>
      name.endsWith('.js.map') &&
      readFileSync(join(dir, 'dist', name), 'utf8').includes('http2-wrapper/source/index.js'),
  );
  if (!chunk) return t.fail('no chunk carries http2-wrapper');
  // A child process with tls.TLSSocket counted, so that nothing loaded before (here, in tap) is measured.
  const script = `import tls from 'node:tls';
const Real = tls.TLSSocket; let built = 0;
tls.TLSSocket = class extends Real { constructor(...args) { super(...args); built++; } };
await import(${JSON.stringify(join(dir, 'dist', chunk.replace(/\.map$/, '')))});
process.stdout.write(String(built));`;
  const built = execFileSync(process.execPath, ['--input-type=module', '--eval', script], {
    encoding: 'utf8',
    env: cleanEnv(),
  });
  t.equal(built, '0', 'TLS sockets built while got and http2-wrapper load');
});

t.test('the bundle reports its version and checks a configuration', async (t) => {
  const version = await runGateway(['--version'], cleanEnv(), [main]);
  t.equal(version.code, 0);
  t.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
  const check = await runGateway(['--demo', '--check-config'], cleanEnv(), [main]);
  t.equal(check.code, 0, check.stderr);
  t.match(check.stdout, /Configuration OK: 3 instance\(s\)/);
});

t.test('the bundle serves every HTTP transport', async (t) => {
  const { child, url } = await startGatewayProcess(['--demo'], cleanEnv(), [main]);
  t.teardown(() => void child.kill('SIGTERM'));
  for (const kind of HTTP_TRANSPORTS) {
    const client = await connectClient(url, kind);
    const result = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-3' } });
    t.match(textOf(result), /# OPS-3: \[prod\] Rotate the service account credentials/, kind);
    await client.close();
  }
  const client = await connectClient(url, 'http-2026');
  t.teardown(() => client.close());
  const prose = Array.from({ length: 400 }, (_item, index) => `Paragraph ${index} with **bold** words.`).join('\n\n');
  const long = await client.callTool({
    name: 'jira_staging_add_comment',
    arguments: { issue_key: 'WEB-1', body: prose },
  });
  t.match(textOf(long), /^Added comment \d+ to WEB-1/, 'a long text is converted by the bundled worker');
});

t.test("the bundle's precomputed input schemas are the ones the source converts", async (t) => {
  const instances = [
    jiraInstance('prod', {
      url: 'https://jira.example.com',
      platform: 'server',
      default: true,
      auth: { type: 'pat', token: 't' },
    }),
    jiraInstance('staging'),
    confluenceInstance('dc', { default: true }),
    confluenceInstance('cloud', {
      url: 'https://acme.atlassian.net/wiki',
      platform: 'cloud',
      auth: { type: 'basic', username: 'u@example.com', token: 't' },
    }),
  ];
  // Both platforms with every toolset (prefix naming), and the platform-neutral variant (argument naming).
  for (const raw of [
    { toolsets: ['all'], instances },
    { toolsets: ['all'], tool_naming: 'argument', instances: instances.slice(0, 3) },
  ]) {
    const configFile = join(dir, 'schemas.yaml');
    writeFileSync(configFile, stringify(raw));
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [main, '--transport', 'stdio', '--config', configFile],
      env: cleanEnv(),
      stderr: 'ignore',
    });
    const client = new Client({ name: 'bundle-test', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
    await client.connect(transport);
    const listed = (await client.listTools()).tools;
    await client.close();
    const expected = catalogOf(raw).list;
    t.equal(listed.length, expected.length, `${raw.tool_naming ?? 'prefix'}: ${expected.length} tools`);
    t.same(
      Object.fromEntries(listed.map((tool) => [tool.name, tool.inputSchema])),
      Object.fromEntries(expected.map((tool) => [tool.name, tool.inputSchema])),
      `${raw.tool_naming ?? 'prefix'}: every input schema as the source converts it`,
    );
  }
});

t.test('the bundle serves stdio', async (t) => {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [main, '--demo', '--transport', 'stdio'],
    env: cleanEnv(),
    stderr: 'ignore',
  });
  const client = new Client({ name: 'bundle-test', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
  await client.connect(transport);
  t.teardown(() => client.close());
  const page = await client.callTool({ name: 'confluence_search', arguments: { query: 'release' } });
  t.match(textOf(page), /Release process/);
  const staging = await client.callTool({ name: 'jira_staging_get_issue', arguments: { issue_key: 'WEB-1' } });
  t.match(textOf(staging), /# WEB-1:/, 'a Cloud instance, with ADF turned into markdown');
});
