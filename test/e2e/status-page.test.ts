/**
 * The status page at `/`, read as HTML over HTTP after real tool calls: each instance with product, platform,
 * health, tool count and recent error and 429 rates; client configurations pointing at this deployment; the version;
 * the same protection as /mcp when keys are on (a limited key sees only its instances); every value escaped.
 * test/e2e/status-page-browser.test.ts renders it in Chromium.
 */
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { buildApp } from '../../src/app.js';
import { createGatewayCore } from '../../src/gateway.js';
import { GATEWAY_VERSION } from '../../src/version.js';
import { configOf } from '../helpers/catalog.js';
import { connectClient, textOf } from '../helpers/clients.js';
import { startRateLimitedJira, type FakeAtlassian } from '../helpers/fake-atlassian.js';
import { captureLogger } from '../helpers/gateway.js';
import { rawRequest } from '../helpers/raw-http.js';

const KEY = 'status-key-0123456789abcdef';
const LIMITED_KEY = 'status-key-limited-0123456789';

/** Two instances on the fake (Cloud Jira `cloudy`, Server/DC Confluence `wiki`); `extra` is merged into the config. */
async function gatewayFor(t: Test, fake: FakeAtlassian, extra: Record<string, unknown> = {}): Promise<string> {
  const { logger } = captureLogger('warn');
  const instances = [
    {
      name: 'cloudy',
      product: 'jira',
      platform: 'cloud',
      url: fake.url,
      servicedesk: false,
      auth: { type: 'basic', username: 'a@example.com', token: 'tok-123456' },
    },
    {
      name: 'wiki',
      product: 'confluence',
      platform: 'server',
      url: `${fake.url}/wiki`,
      read_only: true,
      auth: { type: 'pat', token: 'pat-123456' },
    },
  ];
  const { server, ...rest } = extra as { server?: Record<string, unknown> };
  const config = configOf({ instances, ...rest, ...(server ? { server } : {}) });
  const core = await createGatewayCore(config, { logger, httpTuning: { backoffBaseMs: 1 } });
  const { app } = await buildApp(core);
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.teardown(async () => {
    await app.close();
    core.close();
  });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** The text of the table row of one instance, tags dropped. */
function rowText(html: string, instance: string): string | undefined {
  const row = new RegExp(`<tr data-instance="${instance}">(.*?)</tr>`, 's').exec(html)?.[1];
  return row
    ?.replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

t.test('each instance with its health, tools and recent error and 429 rates, after real calls', async (t) => {
  const fake = await startRateLimitedJira(t, 0);
  const url = await gatewayFor(t, fake);
  const client = await connectClient(url, 'http-2026');
  t.teardown(() => client.close());
  t.notOk((await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } })).isError);
  t.ok((await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-2' } })).isError);
  const listed = await client.callTool({ name: 'jira_get_all_projects', arguments: {} });
  t.notOk(listed.isError, textOf(listed));
  const tools = (await client.listTools()).tools;

  const response = await fetch(`${url}/`);
  t.equal(response.status, 200);
  t.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
  t.match(response.headers.get('content-security-policy'), /default-src 'none'/, 'nothing but its own style runs');
  const html = await response.text();
  t.notMatch(html, /<script/i, 'no script: it works without JavaScript');
  t.match(html, `Version ${GATEWAY_VERSION}`);
  t.match(html, `2 instances · ${tools.length} tools`);

  const cloudyTools = tools.filter((tool) => tool.name.startsWith('jira_')).length;
  t.equal(
    rowText(html, 'cloudy'),
    `cloudy (default) Jira Cloud ok ${cloudyTools} 1 of 3 calls (33 %) 1 of 4 requests (25 %) none ${fake.url}`,
    'Cloud Jira: healthy, one call of three failed, one answer of four was a 429',
  );
  const wikiTools = tools.filter((tool) => tool.name.startsWith('confluence_')).length;
  t.equal(
    rowText(html, 'wiki'),
    `wiki (default, read-only) Confluence Server/DC unknown ${wikiTools} no calls no requests none ${fake.url}/wiki`,
    'Confluence, not called yet',
  );
});

t.test('client configurations point at this deployment and parse', async (t) => {
  const fake = await startRateLimitedJira(t, 0);
  const url = await gatewayFor(t, fake);
  const html = await (await fetch(`${url}/`)).text();
  const snippets = [...html.matchAll(/<summary>(.*?)<\/summary>.*?<pre><code>(.*?)<\/code><\/pre>/gs)].map(
    ([, client, code]) => ({ client: client!, text: unescapeHtml(code!) }),
  );
  t.same(
    snippets.map((snippet) => snippet.client),
    ['Claude Desktop', 'Claude Code', 'Cursor', 'VS Code', 'Cline'],
  );
  const mcp = `${url}/mcp`;
  const byClient = new Map(snippets.map((snippet) => [snippet.client, snippet.text]));
  t.same(JSON.parse(byClient.get('Claude Desktop')!), {
    mcpServers: { atlassian: { command: 'npx', args: ['-y', 'mcp-remote', mcp] } },
  });
  t.equal(byClient.get('Claude Code'), `claude mcp add --transport http atlassian ${mcp}`);
  t.same(JSON.parse(byClient.get('Cursor')!), { mcpServers: { atlassian: { url: mcp } } });
  t.same(JSON.parse(byClient.get('VS Code')!), { servers: { atlassian: { type: 'http', url: mcp } } });
  t.same(JSON.parse(byClient.get('Cline')!), { mcpServers: { atlassian: { type: 'streamableHttp', url: mcp } } });

  // What the Cursor snippet says really connects.
  const client = await connectClient(url, 'http-2026');
  t.teardown(() => client.close());
  t.ok((await client.listTools()).tools.length > 0, 'a client at that URL lists tools');
});

t.test('with keys on, the page is protected like /mcp and shows a key only its instances', async (t) => {
  const fake = await startRateLimitedJira(t, 0);
  const url = await gatewayFor(t, fake, {
    api_keys: [{ key: KEY }, { key: LIMITED_KEY, instances: ['wiki'] }],
  });
  const refused = await fetch(`${url}/`);
  t.equal(refused.status, 401, 'no key, no page');
  t.notMatch(await refused.text(), /cloudy|wiki/, 'and nothing about the instances');
  t.equal((await fetch(`${url}/`, { headers: { 'x-gateway-key': 'wrong-key-0123456789abcdef' } })).status, 401);

  const full = await fetch(`${url}/`, { headers: { authorization: `Bearer ${KEY}` } });
  t.equal(full.status, 200);
  const html = await full.text();
  t.ok(rowText(html, 'cloudy') && rowText(html, 'wiki'), 'both instances');
  t.match(unescapeHtml(html), '"X-Gateway-Key": "<your gateway key>"', 'the snippets carry a placeholder for the key');
  t.match(unescapeHtml(html), '--header "X-Gateway-Key: <your gateway key>"', 'Claude Code too');
  t.notMatch(html, KEY, 'never the key itself');

  const limited = await (await fetch(`${url}/`, { headers: { 'x-gateway-key': LIMITED_KEY } })).text();
  t.notOk(rowText(limited, 'cloudy'), 'a key limited to wiki does not see cloudy');
  t.ok(rowText(limited, 'wiki'));
});

t.test('what the browser sent is escaped', async (t) => {
  const fake = await startRateLimitedJira(t, 0);
  // Bound beyond loopback without an allow-list, Host is not checked, so any Host reaches the page.
  const url = await gatewayFor(t, fake, { server: { host: '0.0.0.0' } });
  const answer = await rawRequest(url, {
    method: 'GET',
    target: '/',
    headers: { host: `x"><script>alert(1)</script>`, connection: 'close' },
  });
  t.equal(answer.status, 200);
  t.notMatch(answer.body, /<script/i, 'no markup from the Host header');
  t.match(answer.body, 'http://x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;/mcp', 'shown as text');
});
