/**
 * Prometheus metrics, scraped after real tool calls over real transports (stateful streamable HTTP, SSE,
 * WebSocket) against an HTTP-level fake of Jira Cloud that rate-limits once and knows one issue: calls by
 * instance, tool and outcome, their latency, upstream requests by method class and status, retries, 429s and the
 * seconds waited, open sessions per transport, the bearer token, bounded labels (no issue keys), and OAuth
 * refreshes against the sandbox's token endpoint. Off by default; on a port of its own with METRICS_PORT.
 */
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { buildApp } from '../../src/app.js';
import { createGatewayCore } from '../../src/gateway.js';
import { configOf } from '../helpers/catalog.js';
import { connectClient, textOf, type TransportKind } from '../helpers/clients.js';
import { startRateLimitedJira, type FakeAtlassian } from '../helpers/fake-atlassian.js';
import { captureLogger, startTestGateway } from '../helpers/gateway.js';
import { DC_APP, DC_JIRA_SITE } from '../helpers/oauth-apps.js';
import { cleanEnv, startGatewayProcess } from '../helpers/process.js';
import { parseSamples, sampleValue } from '../helpers/prometheus.js';

const TOKEN = 'scrape-token-0123456789';

async function gatewayFor(t: Test, fake: FakeAtlassian, metrics: Record<string, unknown>): Promise<string> {
  const { logger } = captureLogger('warn');
  const instance = {
    name: 'cloudy',
    product: 'jira',
    platform: 'cloud',
    url: fake.url,
    auth: { type: 'basic', username: 'a@example.com', token: 'tok-123456' },
  };
  const config = configOf({ instances: [instance], metrics });
  config.server = { ...config.server, stateful: true };
  const core = await createGatewayCore(config, { logger, httpTuning: { backoffBaseMs: 1 } });
  const { app } = await buildApp(core);
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.teardown(async () => {
    await app.close();
    core.close();
  });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

async function scrape(t: Test, url: string, token = TOKEN) {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  t.equal(response.status, 200, 'the scrape is answered');
  t.match(response.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  return { text, samples: parseSamples(text) };
}

t.test('metrics are off unless turned on', async (t) => {
  const fake = await startRateLimitedJira(t, 1);
  const url = await gatewayFor(t, fake, {});
  t.equal((await fetch(`${url}/metrics`)).status, 404);
});

t.test('calls over three transports are counted by instance, tool and outcome, with upstream detail', async (t) => {
  const fake = await startRateLimitedJira(t, 1);
  const url = await gatewayFor(t, fake, { enabled: true, token: TOKEN });

  t.equal((await fetch(`${url}/metrics`)).status, 401, 'no token, no metrics');
  const wrong = await fetch(`${url}/metrics`, { headers: { authorization: 'Bearer scrape-token-wrong-0000' } });
  t.equal(wrong.status, 401, 'a wrong token neither');
  t.equal(wrong.headers.get('www-authenticate'), 'Bearer realm="metrics"');

  const clients = new Map<TransportKind, Awaited<ReturnType<typeof connectClient>>>();
  for (const kind of ['http-2025', 'sse', 'ws-2025'] as const) {
    const client = await connectClient(url, kind);
    t.teardown(() => client.close());
    clients.set(kind, client);
    const found = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } });
    t.notOk(found.isError, textOf(found));
    const missing = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-2' } });
    t.ok(missing.isError, 'a missing issue is an error result');
  }
  const listed = await clients.get('sse')!.callTool({ name: 'jira_get_all_projects', arguments: {} });
  t.notOk(listed.isError, textOf(listed));

  const { text, samples } = await scrape(t, url);
  const value = (name: string, labels: Record<string, string> = {}) =>
    sampleValue(samples, `mcp_gateway_${name}`, labels);
  const tool = { instance: 'cloudy', tool: 'jira_get_issue' };
  t.equal(value('tool_calls_total', { ...tool, outcome: 'ok' }), 3, 'three calls answered');
  t.equal(value('tool_calls_total', { ...tool, outcome: 'error' }), 3, 'three calls failed');
  t.equal(value('tool_calls_total', { instance: 'cloudy', tool: 'jira_get_all_projects', outcome: 'ok' }), 1);
  t.equal(value('tool_call_duration_seconds_count', tool), 6, 'every call timed');
  t.equal(value('tool_call_duration_seconds_bucket', { ...tool, le: '+Inf' }), 6);
  t.ok(value('tool_call_duration_seconds_sum', tool)! > 0, 'with a positive total');

  const reads = { instance: 'cloudy', method_class: 'read' };
  t.equal(value('upstream_requests_total', { ...reads, status: '200' }), 4, 'three issues and one listing read');
  t.equal(value('upstream_requests_total', { ...reads, status: '404' }), 3, 'three answered 404');
  t.equal(value('upstream_retries_total', { instance: 'cloudy', reason: '429' }), 1, 'the 429 was retried');
  t.equal(value('upstream_rate_limited_total', { instance: 'cloudy' }), 1, 'one 429');
  t.equal(value('upstream_rate_limit_wait_seconds_total', { instance: 'cloudy' }), 1, 'Retry-After: 1 was waited');
  t.equal(value('upstream_request_duration_seconds_count', reads), 7);

  t.equal(value('open_sessions', { transport: 'http' }), 1, 'one stateful HTTP session');
  t.equal(value('open_sessions', { transport: 'sse' }), 1, 'one SSE stream');
  t.equal(value('open_sessions', { transport: 'websocket' }), 1, 'one WebSocket');
  t.equal(value('info', { version: (await import('../../src/version.js')).GATEWAY_VERSION }), 1);
  t.ok(sampleValue(samples, 'process_resident_memory_bytes')! > 0, 'process metrics too');

  t.notMatch(text, /OPS-1|OPS-2|tok-123456|a@example\.com|\/rest\//, 'no issue keys, credentials, users or paths');

  await clients.get('sse')!.close();
  await clients.get('ws-2025')!.close();
  await waitFor(async () => {
    const again = (await scrape(t, url)).samples;
    return (
      sampleValue(again, 'mcp_gateway_open_sessions', { transport: 'sse' }) === 0 &&
      sampleValue(again, 'mcp_gateway_open_sessions', { transport: 'websocket' }) === 0
    );
  });
  t.pass('closed connections leave the gauge');
});

t.test('OAuth refreshes are counted by outcome', async (t) => {
  const sites = [DC_JIRA_SITE];
  let refreshToken = '';
  const tokenDir = t.testdir();
  const gateway = await startTestGateway({
    sites,
    defaults: ['dcjira'],
    extra: { metrics: { enabled: true }, oauth_token_dir: tokenDir },
    overrides: (sandbox) => {
      refreshToken = sandbox.oauth.issue('dcjira').refresh_token;
      const auth = {
        type: 'oauth',
        client_id: DC_APP.clientId,
        client_secret: DC_APP.clientSecret,
        refresh_token: refreshToken,
      };
      return { dcjira: { auth } };
    },
  });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'http-2026');
  t.teardown(() => client.close());
  const ok = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } });
  t.notOk(ok.isError, textOf(ok));

  // Revoked: the refresh token the gateway holds is used up elsewhere, so the next refresh is refused.
  gateway.sandbox.oauth.expireAccessTokens();
  const stored = (await import('node:fs')).readFileSync(`${tokenDir}/jira-dcjira.json`, 'utf8');
  await fetch(`${gateway.sandbox.url}/sites/dcjira/rest/oauth2/latest/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: DC_APP.clientId,
      client_secret: DC_APP.clientSecret,
      refresh_token: (JSON.parse(stored) as { refresh_token: string }).refresh_token,
    }),
  });
  const refused = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } });
  t.ok(refused.isError);

  const samples = parseSamples(await (await fetch(`${gateway.url}/metrics`)).text());
  const refreshes = (outcome: string) =>
    sampleValue(samples, 'mcp_gateway_oauth_token_refreshes_total', { instance: 'dcjira', outcome });
  t.equal(refreshes('ok'), 1, 'the first access token came from one refresh');
  t.equal(refreshes('failed'), 1, 'the refused one is counted as failed');
});

t.test('METRICS_PORT serves the metrics on a port of their own, bound to loopback', async (t) => {
  const port = await freePort();
  const { child, url } = await startGatewayProcess(
    ['--demo'],
    cleanEnv({ METRICS_PORT: String(port), METRICS_TOKEN: TOKEN, LOG_LEVEL: 'info' }),
  );
  t.teardown(() => void child.kill('SIGTERM'));
  const client = await connectClient(url, 'http-2026');
  t.teardown(() => client.close());
  t.notOk((await client.callTool({ name: 'gateway_list_instances', arguments: {} })).isError);

  t.equal((await fetch(`${url}/metrics`)).status, 404, 'not on the MCP port');
  const { samples } = await scrape(t, `http://127.0.0.1:${port}`);
  t.equal(
    sampleValue(samples, 'mcp_gateway_tool_calls_total', {
      instance: 'gateway',
      tool: 'gateway_list_instances',
      outcome: 'ok',
    }),
    1,
  );
});

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
