/**
 * `--demo` from the built bundle, as `npm run demo` starts it: `--port` and `PORT` move it, and every client
 * snippet its banner prints is in that client's format and works when a client does what the snippet says.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import t, { type Test } from 'tap';
import { bundle } from '../../scripts/build.js';
import { textOf } from '../helpers/clients.js';
import { cleanEnv, startGatewayProcess } from '../helpers/process.js';

const dir = mkdtempSync(join(tmpdir(), 'gateway-demo-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const main = join(dir, 'dist', 'main.js');

t.before(async () => {
  await bundle(join(dir, 'dist'));
  copyFileSync('package.json', join(dir, 'package.json'));
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts the demo and waits for its whole banner. */
async function startDemo(t: Test, args: string[], env: Record<string, string>) {
  const demo = await startGatewayProcess(['--demo', ...args], cleanEnv(env), [main], { portFlag: false });
  t.teardown(() => demo.child.kill('SIGKILL'));
  for (let waited = 0; !demo.stderr().includes('Stop with Ctrl+C.') && waited < 10_000; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return { url: demo.url, banner: demo.stderr() };
}

/** The snippet printed under a client's heading. */
function snippet(banner: string, client: string): string {
  const lines = banner.split('\n');
  const heading = lines.findIndex((line) => line.startsWith(`  ${client} — `));
  if (heading < 0) throw new Error(`no snippet for ${client}`);
  return lines[heading + 1]!.trim();
}

async function toolsVia(url: string): Promise<string[]> {
  const client = new Client({ name: 'demo-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  try {
    return (await client.listTools()).tools.map((tool) => tool.name);
  } finally {
    await client.close();
  }
}

t.test('PORT moves the demo, and the banner says how', async (t) => {
  const port = await freePort();
  const { url, banner } = await startDemo(t, [], { PORT: String(port) });
  t.equal(url, `http://127.0.0.1:${port}`);
  t.match(banner, `Streamable HTTP  http://127.0.0.1:${port}/mcp`);
  t.match(banner, 'Another port or address: --port 9302 or PORT=9302, --host or HOST.');
});

t.test('--port beats PORT', async (t) => {
  const [port, other] = [await freePort(), await freePort()];
  const { url } = await startDemo(t, ['--port', String(port)], { PORT: String(other) });
  t.equal(url, `http://127.0.0.1:${port}`);
});

t.test("each client's snippet is in its own format and reaches the demo", async (t) => {
  const { url, banner } = await startDemo(t, ['--port', '0'], {});
  const mcp = `${url}/mcp`;

  const vscode = JSON.parse(snippet(banner, 'VS Code')) as { servers?: Record<string, { type: string; url: string }> };
  t.same(vscode, { servers: { atlassian: { type: 'http', url: mcp } } }, 'VS Code reads "servers", with a type');
  const cursor = JSON.parse(snippet(banner, 'Cursor')) as { mcpServers: Record<string, { url: string }> };
  t.same(cursor, { mcpServers: { atlassian: { url: mcp } } });
  const cline = JSON.parse(snippet(banner, 'Cline')) as { mcpServers: Record<string, { type: string; url: string }> };
  t.same(
    cline,
    { mcpServers: { atlassian: { type: 'streamableHttp', url: mcp } } },
    'Cline would take a bare url for SSE',
  );
  const claudeCode = /^claude mcp add --transport http atlassian (\S+)$/.exec(snippet(banner, 'Claude Code'));
  t.equal(claudeCode?.[1], mcp);

  for (const target of [
    vscode.servers!.atlassian!.url,
    cursor.mcpServers.atlassian!.url,
    cline.mcpServers.atlassian!.url,
    claudeCode![1]!,
  ]) {
    const tools = await toolsVia(target);
    t.ok(
      tools.includes('jira_get_issue') && tools.includes('servicedesk_get_request'),
      `${target} serves the demo's tools, Service Management's too`,
    );
  }

  // Claude Desktop's file starts local servers only: the snippet starts a demo of its own over stdio.
  const desktop = JSON.parse(snippet(banner, 'Claude Desktop')) as {
    mcpServers: Record<string, { command: string; args: string[] }>;
  };
  const { command, args } = desktop.mcpServers.atlassian!;
  t.same(args.slice(-4), [main, '--demo', '--transport', 'stdio']);
  const client = new Client({ name: 'claude-desktop-like', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command, args, env: cleanEnv(), stderr: 'ignore' }));
  t.teardown(() => client.close());
  const issue = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } });
  t.notOk(issue.isError, textOf(issue));
  t.match(textOf(issue), /OPS-1/);
  // The banner's Service Management example, as it prints it.
  const example = /(servicedesk_get_request) (\{[^}]*\})/.exec(banner);
  t.ok(example, 'the banner shows a Service Management call');
  const request = await client.callTool({
    name: example![1]!,
    arguments: JSON.parse(example![2]!) as Record<string, unknown>,
  });
  t.notOk(request.isError, textOf(request));
  t.match(textOf(request), /HELP-1: VPN drops every hour[\s\S]*Time to first response: BREACHED/);
});
