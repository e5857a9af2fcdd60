/**
 * Connection options per instance against a real TLS sandbox and a real CONNECT proxy: an mTLS client
 * certificate (alone or with a PAT), a CA bundle instead of turning verification off, a proxy per instance
 * and from HTTP(S)_PROXY/NO_PROXY, and custom headers on every request.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { startTestSandbox } from '@atlassian-mcp-gateway/sandbox/testing';
import { buildApp } from '../../src/app.js';
import { bypassesProxy, proxyFor } from '../../src/atlassian/connection.js';
import { createGatewayCore } from '../../src/gateway.js';
import { callBoundTool } from '../../src/mcp/call.js';
import { silentLogger } from '../helpers/catalog.js';
import { connectClient, textOf } from '../helpers/clients.js';
import { sandboxConfig, TEST_SITES } from '../helpers/gateway.js';

const prod = TEST_SITES.find((site) => site.id === 'prod')!;

/** A CA, a server certificate for 127.0.0.1 and a client certificate, all signed by the CA. */
function makePki(dir: string) {
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '1',
    '-subj',
    '/CN=Sandbox Test CA',
  );
  for (const [name, extra] of [
    ['server', 'subjectAltName=IP:127.0.0.1'],
    ['client', 'extendedKeyUsage=clientAuth'],
  ] as const) {
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      file(`${name}.key`),
      '-out',
      file(`${name}.csr`),
      '-subj',
      `/CN=${name}`,
    );
    execFileSync('sh', ['-c', `printf '%s' '${extra}' > ${file(`${name}.ext`)}`]);
    openssl(
      'x509',
      '-req',
      '-in',
      file(`${name}.csr`),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-out',
      file(`${name}.pem`),
      '-days',
      '1',
      '-extfile',
      file(`${name}.ext`),
    );
  }
  return {
    ca: file('ca.pem'),
    serverKey: file('server.key'),
    serverCert: file('server.pem'),
    clientKey: file('client.key'),
    clientCert: file('client.pem'),
  };
}

/** A CONNECT proxy on loopback that records every tunnel (`host:port`) and the credentials it was offered. */
async function startConnectProxy(
  t: Test,
): Promise<{ tunnels: string[]; credentials: Array<string | undefined>; url: string }> {
  const tunnels: string[] = [];
  const credentials: Array<string | undefined> = [];
  const proxy = http.createServer((_request, response) => response.writeHead(405).end());
  proxy.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    tunnels.push(request.url ?? '');
    credentials.push(request.headers['proxy-authorization']);
    const [host, port] = (request.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise((resolve) => proxy.close(resolve)));
  proxy.unref();
  return { tunnels, credentials, url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` };
}

async function callOnce(
  config: ReturnType<typeof sandboxConfig>,
  tool = 'jira_get_issue',
  args: Record<string, unknown> = { issue_key: 'OPS-1' },
) {
  const core = await createGatewayCore(config, { logger: silentLogger });
  try {
    const result = await callBoundTool(core.catalog.tools.get(tool)!, args, core.catalog, new AbortController().signal);
    return { isError: Boolean(result.isError), text: textOf(result) };
  } finally {
    core.close();
  }
}

t.test('mTLS: a client certificate alone, or with a PAT; a CA bundle makes the private CA trusted', async (t) => {
  const pki = makePki(t.testdir());
  const sandbox = await startTestSandbox({
    sites: [prod],
    record: true,
    tls: {
      key: readFileSync(pki.serverKey, 'utf8'),
      cert: readFileSync(pki.serverCert, 'utf8'),
      clientCa: readFileSync(pki.ca, 'utf8'),
    },
  });
  t.teardown(() => sandbox.close());
  const withCert = { ca_bundle: pki.ca, client_cert: pki.clientCert, client_key: pki.clientKey };

  const alone = await callOnce(
    sandboxConfig(sandbox, [prod], ['prod'], {}, { prod: { ...withCert, auth: { type: 'none' } } }),
  );
  t.notOk(alone.isError, alone.text);
  t.equal(
    sandbox.requests.at(-1)!.authorization,
    undefined,
    'no Authorization header: the certificate identified the gateway',
  );

  const both = await callOnce(sandboxConfig(sandbox, [prod], ['prod'], {}, { prod: withCert }));
  t.notOk(both.isError, both.text);
  t.equal(
    sandbox.requests.at(-1)!.authorization,
    `Bearer ${prod.credentials.token}`,
    'the PAT travels alongside the certificate',
  );

  const noCert = await callOnce(sandboxConfig(sandbox, [prod], ['prod'], {}, { prod: { ca_bundle: pki.ca } }));
  t.ok(noCert.isError, 'without the client certificate the handshake is refused');
  t.match(noCert.text, /failed on instance "prod": the (TLS connection failed|instance could not be reached)/);

  const untrusted = await callOnce(
    sandboxConfig(sandbox, [prod], ['prod'], {}, { prod: { client_cert: pki.clientCert, client_key: pki.clientKey } }),
  );
  t.match(
    untrusted.text,
    /the TLS connection failed \(certificate not trusted or invalid\)/,
    'without the CA bundle the private CA is not trusted',
  );
});

t.test('proxies: per instance, from HTTPS_PROXY, bypassed by NO_PROXY, and turned off with none', async (t) => {
  const { tunnels, url: proxyUrl } = await startConnectProxy(t);
  const sandbox = await startTestSandbox({ sites: [prod], record: true });
  t.teardown(() => sandbox.close());
  const sandboxHost = new URL(sandbox.url).host;

  const viaInstance = await callOnce(sandboxConfig(sandbox, [prod], ['prod'], {}, { prod: { proxy: proxyUrl } }));
  t.notOk(viaInstance.isError, viaInstance.text);
  t.same(tunnels, [sandboxHost], 'the request was tunnelled through the instance proxy');

  tunnels.length = 0;
  const viaGlobal = await callOnce(sandboxConfig(sandbox, [prod], ['prod'], { proxy: { http: proxyUrl } }));
  t.notOk(viaGlobal.isError, viaGlobal.text);
  t.same(tunnels, [sandboxHost], 'HTTP_PROXY applies to instances without their own');

  tunnels.length = 0;
  await callOnce(
    sandboxConfig(sandbox, [prod], ['prod'], { proxy: { http: proxyUrl, no_proxy: ['localhost', '127.0.0.1'] } }),
  );
  await callOnce(sandboxConfig(sandbox, [prod], ['prod'], { proxy: { http: proxyUrl } }, { prod: { proxy: 'none' } }));
  t.same(tunnels, [], 'NO_PROXY and proxy: none connect directly');

  const unreachable = await callOnce(
    sandboxConfig(sandbox, [prod], ['prod'], {}, { prod: { proxy: 'http://127.0.0.1:9' } }),
  );
  t.match(
    unreachable.text,
    /failed on instance "prod": the instance could not be reached/,
    'a dead proxy is a clear error',
  );
});

t.test('NO_PROXY matching follows curl: exact hosts, domain suffixes, ports and *', async (t) => {
  const url = (text: string) => new URL(text);
  t.ok(bypassesProxy(url('https://jira.corp.example.com'), ['corp.example.com']));
  t.ok(bypassesProxy(url('https://jira.corp.example.com'), ['.example.com']));
  t.ok(bypassesProxy(url('https://jira.corp.example.com'), ['*.example.com']));
  t.notOk(bypassesProxy(url('https://notexample.com'), ['example.com']), 'a suffix matches whole labels only');
  t.ok(bypassesProxy(url('http://10.0.0.5:8080'), ['10.0.0.5:8080']));
  t.notOk(bypassesProxy(url('http://10.0.0.5:8081'), ['10.0.0.5:8080']));
  t.ok(bypassesProxy(url('http://[::1]:80'), ['::1']));
  t.ok(bypassesProxy(url('https://anything.example'), ['*']));
  t.equal(
    proxyFor('https://acme.atlassian.net', undefined, { https: 'http://p:3128', http: 'http://q:3128' }),
    'http://p:3128',
  );
  t.equal(
    proxyFor('http://jira.local', undefined, { https: 'http://p:3128' }),
    undefined,
    'HTTPS_PROXY is not used for http targets',
  );
  t.equal(
    proxyFor('http://jira.local', 'http://mine:8080', { http: 'http://q:3128', no_proxy: ['jira.local'] }),
    'http://mine:8080',
    'the instance proxy wins over NO_PROXY',
  );
});

t.test("custom headers travel on every request and never replace the gateway's own", async (t) => {
  const sandbox = await startTestSandbox({ sites: [prod], record: true });
  t.teardown(() => sandbox.close());
  const result = await callOnce(
    sandboxConfig(
      sandbox,
      [prod],
      ['prod'],
      {},
      { prod: { custom_headers: { 'X-Team': 'ops', 'X-Trace-Tag': 'abc=def' } } },
    ),
  );
  t.notOk(result.isError, result.text);
  t.match(sandbox.requests.at(-1)!.headers, {
    'x-team': 'ops',
    'x-trace-tag': 'abc=def',
    authorization: `Bearer ${prod.credentials.token}`,
  });
});

t.test(
  "a tenant's credential never travels with the operator's client certificate, custom headers or proxy",
  async (t) => {
    const pki = makePki(t.testdir());
    const sandbox = await startTestSandbox({
      sites: [prod],
      record: true,
      tls: {
        key: readFileSync(pki.serverKey, 'utf8'),
        cert: readFileSync(pki.serverCert, 'utf8'),
        clientCa: readFileSync(pki.ca, 'utf8'),
      },
    });
    t.teardown(() => sandbox.close());
    const tenants = { enabled: true, allow_private_networks: true, allowed_urls: ['127.0.0.1'] };
    const operator = {
      ca_bundle: pki.ca,
      client_cert: pki.clientCert,
      client_key: pki.clientKey,
      auth: { type: 'none' },
      custom_headers: { 'X-Operator-Secret': 'op-secret-4Fz' },
    };
    const config = sandboxConfig(sandbox, [prod], ['prod'], { multi_tenant: tenants }, { prod: operator });
    const core = await createGatewayCore(config, { logger: silentLogger });
    const { app } = await buildApp(core);
    await app.listen({ host: '127.0.0.1', port: 0 });
    t.teardown(async () => {
      await app.close();
      core.close();
    });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    for (const headers of [
      { authorization: 'Bearer made-up-credential' },
      { authorization: 'Bearer made-up-credential', 'x-jira-url': sandbox.instanceUrl('prod') },
    ] as Array<Record<string, string>>) {
      const client = await connectClient(url, 'http-2026', headers);
      const result = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } });
      await client.close();
      t.ok(
        result.isError,
        `${Object.keys(headers).join(' + ')}: refused, since the certificate was not lent to the caller`,
      );
      t.match(textOf(result), /failed on instance "prod": the (TLS connection failed|instance could not be reached)/);
    }
    t.equal(sandbox.requests.length, 0, 'no request with a made-up credential reached the instance');

    // The operator's own calls still carry both.
    const own = await callOnce(sandboxConfig(sandbox, [prod], ['prod'], {}, { prod: operator }));
    t.notOk(own.isError, own.text);
    t.equal(sandbox.requests.at(-1)!.headers['x-operator-secret'], 'op-secret-4Fz');
  },
);

t.test("the instance proxy and its credentials carry a tenant only to the operator's own host", async (t) => {
  const proxy = await startConnectProxy(t);
  const sandbox = await startTestSandbox({ sites: [prod], record: true });
  t.teardown(() => sandbox.close());
  const { port } = new URL(sandbox.url);
  const tenants = {
    enabled: true,
    allow_http: true,
    allow_private_networks: true,
    allowed_urls: ['127.0.0.1', 'localhost'],
  };
  const withCredentials = proxy.url.replace('http://', 'http://proxyuser:proxy-secret-5Wq@');
  const config = sandboxConfig(
    sandbox,
    [prod],
    ['prod'],
    { multi_tenant: tenants },
    { prod: { proxy: withCredentials } },
  );
  const core = await createGatewayCore(config, { logger: silentLogger });
  const { app } = await buildApp(core);
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.teardown(async () => {
    await app.close();
    core.close();
  });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const pat = `Bearer ${prod.credentials.token}`;
  const call = async (headers: Record<string, string>) => {
    const client = await connectClient(url, 'http-2026', headers);
    const result = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } });
    await client.close();
    return textOf(result);
  };

  t.match(
    await call({ authorization: pat, 'x-jira-url': `http://localhost:${port}/sites/prod` }),
    /# OPS-1/,
    'a host the tenant named',
  );
  t.same(proxy.tunnels, [], "was reached directly, not through the operator's proxy");

  t.match(await call({ authorization: pat }), /# OPS-1/, "the operator's own host");
  t.same(proxy.tunnels, [`127.0.0.1:${port}`], 'is reached the way the operator configured, through the proxy');
  t.same(proxy.credentials, [`Basic ${Buffer.from('proxyuser:proxy-secret-5Wq').toString('base64')}`]);
});
