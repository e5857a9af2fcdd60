/**
 * Multi-tenant mode through real MCP clients: callers bring their credentials and targets in headers, on
 * every transport; two tenants interleaving 500 calls over streamable HTTP and WebSocket each reach
 * Atlassian with their own credential only; refusals (no credentials, hostile URLs, PAT on Cloud) are clear
 * 4xx answers; a gateway with no instances at all serves tenants purely from headers.
 */
import t from 'tap';
import { cloudIdOf } from '@atlassian-mcp-gateway/sandbox';
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';
import { connectClient, HTTP_TRANSPORTS, textOf } from '../helpers/clients.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';

const SITES: readonly SiteDefinition[] = [
  {
    id: 'dc',
    product: 'jira',
    flavor: 'server',
    key: 'OPS',
    credentials: { type: 'pat', token: 'operator-pat-Hd6' },
    oauth: { clientId: 'dc-app', clientSecret: 'dc-secret-Lk3' },
  },
  {
    id: 'cloud',
    product: 'jira',
    flavor: 'cloud',
    key: 'WEB',
    credentials: { type: 'basic', username: 'op@example.com', token: 'operator-token-Xy1' },
    oauth: { clientId: 'cloud-app', clientSecret: 'cloud-secret-Rt5' },
  },
  {
    id: 'docs',
    product: 'confluence',
    flavor: 'server',
    key: 'DOC',
    credentials: { type: 'pat', token: 'operator-wiki-pat-Pq2' },
    oauth: { clientId: 'dc-app', clientSecret: 'dc-secret-Lk3' },
  },
];

/** The sandbox listens on 127.0.0.1 over http: the operator allows exactly that. */
const LOOPBACK_TENANTS = { enabled: true, allow_http: true, allow_private_networks: true, allowed_urls: ['127.0.0.1'] };

async function post(gateway: TestGateway, headers: Record<string, string>) {
  const response = await fetch(`${gateway.url}/mcp`, {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-11-25',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
  });
  return { status: response.status, text: await response.text() };
}

t.test('header-only gateway: no instances configured, tenants name everything', async (t) => {
  const gateway = await startTestGateway({
    sites: SITES,
    configured: [],
    defaults: [],
    extra: { multi_tenant: LOOPBACK_TENANTS },
  });
  t.teardown(() => gateway.close());
  const { sandbox } = gateway;
  const tokenA = sandbox.oauth.issue('dc').access_token;
  const tokenB = sandbox.oauth.issue('dc').access_token;
  const dcUrl = sandbox.instanceUrl('dc');

  t.test('tools appear for the products the headers name, on every transport', async (t) => {
    for (const kind of HTTP_TRANSPORTS) {
      const client = await connectClient(gateway.url, kind, { authorization: `Token ${tokenA}`, 'x-jira-url': dcUrl });
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      t.ok(
        names.includes('jira_get_issue') && !names.some((name) => name.startsWith('confluence_')),
        `${kind}: Jira tools only`,
      );
      t.notOk(names.includes('jira_batch_get_changelogs'), `${kind}: Server/DC catalogue (no Cloud-only tools)`);
      const result = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } });
      t.match(textOf(result), /# OPS-1/, kind);
      await client.close();
    }
    const both = await connectClient(gateway.url, 'http-2026', {
      'x-atlassian-jira-url': dcUrl,
      'x-atlassian-jira-personal-token': tokenA,
      'x-atlassian-confluence-url': sandbox.instanceUrl('docs'),
      'x-atlassian-confluence-personal-token': sandbox.oauth.issue('docs').access_token,
    });
    const names = (await both.listTools()).tools.map((tool) => tool.name);
    t.ok(
      names.includes('jira_get_issue') && names.includes('confluence_get_page'),
      'the alias headers name both products',
    );
    t.notOk((await both.callTool({ name: 'confluence_get_page', arguments: { page_id: '1002' } })).isError);
    await both.close();
  });

  t.test('Cloud by cloud id: an OAuth token goes through the API gateway', async (t) => {
    const client = await connectClient(gateway.url, 'http-2026', {
      authorization: `Bearer ${sandbox.oauth.issue('cloud').access_token}`,
      'x-atlassian-cloud-id': cloudIdOf('cloud'),
    });
    t.teardown(() => client.close());
    const result = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'WEB-1' } });
    t.match(textOf(result), /# WEB-1/);
    t.match(sandbox.requests.at(-1), { site: 'cloud', path: '/rest/api/3/issue/WEB-1' });
  });

  t.test(
    "two tenants, 500 interleaved calls over streamable HTTP and WebSocket: each upstream request carries its own tenant's credential",
    async (t) => {
      const clients = await Promise.all([
        connectClient(gateway.url, 'http-2026', { authorization: `Bearer ${tokenA}`, 'x-jira-url': dcUrl }),
        connectClient(gateway.url, 'ws-2026', { authorization: `Bearer ${tokenB}`, 'x-jira-url': dcUrl }),
        connectClient(gateway.url, 'ws-2025', { authorization: `Token ${tokenA}`, 'x-jira-url': dcUrl }),
        connectClient(gateway.url, 'http-2025', { authorization: `Token ${tokenB}`, 'x-jira-url': dcUrl }),
      ]);
      t.teardown(() => Promise.all(clients.map((client) => client.close())));
      const start = sandbox.requests.length;
      // Tenant A reads OPS-1, tenant B reads OPS-2: the issue in the path says who asked.
      const calls = Array.from({ length: 500 }, (_, index) => {
        const client = clients[index % 4]!;
        const issue = index % 2 === 0 ? 'OPS-1' : 'OPS-2';
        return client.callTool({ name: 'jira_get_issue', arguments: { issue_key: issue } });
      });
      const results = await Promise.all(calls);
      t.equal(results.filter((result) => result.isError).length, 0, 'every call succeeded');
      const upstream = sandbox.requests
        .slice(start)
        .filter((request) => request.site === 'dc' && /\/issue\/OPS-[12]$/.test(request.path));
      t.equal(upstream.length, 500, 'one upstream request per call');
      const wrong = upstream.filter(
        (request) => request.authorization !== `Bearer ${request.path.endsWith('OPS-1') ? tokenA : tokenB}`,
      );
      t.same(
        wrong.map((request) => `${request.path} ${request.authorization}`),
        [],
        "no request carried the other tenant's credential",
      );
    },
  );

  t.test('refusals are clear 4xx answers before any MCP handling', async (t) => {
    const cases: Array<[Record<string, string>, number, RegExp]> = [
      [{}, 401, /send Authorization: Bearer <OAuth token or PAT> or Token <PAT>/],
      [{ authorization: 'Digest abc' }, 400, /Authorization must be/],
      [{ authorization: `Token ${tokenA}` }, 400, /the headers name no Jira or Confluence target/],
      [
        { authorization: `Token ${tokenA}`, 'x-jira-url': 'http://10.0.0.1:8080' },
        403,
        /X-Jira-URL host 10\.0\.0\.1 is not in the gateway's allow-list/,
      ],
      [{ authorization: `Token ${tokenA}`, 'x-jira-url': 'file:///etc/passwd' }, 403, /X-Jira-URL must use https/],
      [
        { authorization: `Token ${tokenA}`, 'x-atlassian-cloud-id': cloudIdOf('cloud') },
        400,
        /personal access tokens \(Authorization: Token\) work with Server\/Data Center only/,
      ],
      [
        { authorization: `Bearer ${tokenA}`, 'x-atlassian-cloud-id': '../../admin' },
        400,
        /X-Atlassian-Cloud-Id is not a cloud id/,
      ],
    ];
    for (const [headers, status, message] of cases) {
      const response = await post(gateway, headers);
      t.equal(response.status, status, JSON.stringify(headers));
      t.match(response.text, message);
      t.notMatch(response.text, /at .*\.ts:\d+/, 'no stack trace');
    }
  });

  t.test('an SSE stream belongs to its tenant', async (t) => {
    const client = await connectClient(gateway.url, 'sse', { authorization: `Token ${tokenA}`, 'x-jira-url': dcUrl });
    t.teardown(() => client.close());
    const endpoint = (client.transport as unknown as { _endpoint?: URL })._endpoint;
    t.ok(endpoint, 'the stream announced its endpoint');
    const response = await fetch(endpoint!, {
      method: 'POST',
      headers: { authorization: `Token ${tokenB}`, 'x-jira-url': dcUrl, 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/list' }),
    });
    t.equal(response.status, 404, 'another tenant cannot post into the stream');
  });
});

t.test('default policy: private and loopback targets are refused; tenants override the static default', async (t) => {
  const gateway = await startTestGateway({
    sites: SITES,
    configured: ['dc', 'docs'],
    defaults: ['dc', 'docs'],
    extra: { multi_tenant: { enabled: true } },
  });
  t.teardown(() => gateway.close());
  const { sandbox } = gateway;
  const token = sandbox.oauth.issue('dc').access_token;

  const refused = await post(gateway, { authorization: `Token ${token}`, 'x-jira-url': 'https://127.0.0.1:8443' });
  t.equal(refused.status, 403);
  t.match(refused.text, /X-Jira-URL points at a private, loopback or link-local address/);
  const http = await post(gateway, { authorization: `Token ${token}`, 'x-jira-url': 'http://acme.atlassian.net' });
  t.match(http.text, /X-Jira-URL must use https \(http targets are not allowed on this gateway\)/);

  // No URL header: the static default's URL with the caller's own credential.
  const start = sandbox.requests.length;
  const client = await connectClient(gateway.url, 'http-2026', { authorization: `Bearer ${token}` });
  t.teardown(() => client.close());
  const names = (await client.listTools()).tools.map((tool) => tool.name);
  t.ok(names.includes('jira_get_issue') && names.includes('confluence_get_page'), 'the defaults of both products');
  t.match(textOf(await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } })), /# OPS-1/);
  t.same(
    new Set(sandbox.requests.slice(start).map((request) => request.authorization)),
    new Set([`Bearer ${token}`]),
    "the caller's token, never the operator's",
  );
  const wrong = await client.callTool({ name: 'confluence_get_page', arguments: { page_id: '1002' } });
  t.match(
    textOf(wrong),
    /failed on instance "docs": authentication failed.*The credentials sent in the request headers were refused/s,
    "a token for another site is reported as the caller's problem",
  );

  const missing = await post(gateway, {});
  t.equal(missing.status, 401, 'no credentials and no fallback: refused');
});

t.test('with the static-credentials fallback, callers without credentials use the configured ones', async (t) => {
  const gateway = await startTestGateway({
    sites: SITES,
    configured: ['dc'],
    defaults: ['dc'],
    extra: { multi_tenant: { enabled: true, static_credentials_fallback: true } },
  });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'http-2026');
  t.teardown(() => client.close());
  t.match(textOf(await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } })), /# OPS-1/);
  t.equal(gateway.sandbox.requests.at(-1)!.authorization, 'Bearer operator-pat-Hd6');
});

t.test(
  "the operator's custom headers never go out with a tenant's credential, on a URL they name or the default",
  async (t) => {
    const gateway = await startTestGateway({
      sites: SITES,
      configured: ['dc'],
      defaults: ['dc'],
      extra: { multi_tenant: LOOPBACK_TENANTS },
      overrides: { dc: { custom_headers: { 'X-Operator-Secret': 'op-secret-9Qa' } } },
    });
    t.teardown(() => gateway.close());
    const { sandbox } = gateway;
    const token = sandbox.oauth.issue('dc').access_token;
    for (const headers of [
      { authorization: `Token ${token}` },
      { authorization: `Token ${token}`, 'x-jira-url': sandbox.instanceUrl('dc') },
    ] as Array<Record<string, string>>) {
      const start = sandbox.requests.length;
      const client = await connectClient(gateway.url, 'http-2026', headers);
      t.match(textOf(await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } })), /# OPS-1/);
      await client.close();
      const sent = sandbox.requests.slice(start);
      t.ok(sent.length > 0, 'the call reached the instance');
      t.same(
        sent.filter((request) => request.headers['x-operator-secret'] !== undefined),
        [],
        `${Object.keys(headers).join(' + ')}: no operator header`,
      );
    }
  },
);
