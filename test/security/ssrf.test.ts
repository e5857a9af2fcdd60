/** The SSRF guard against a table of hostile URLs, host patterns, and the resolve-time and connect-time address checks. */
import http from 'node:http';
import net, { type AddressInfo, type LookupFunction } from 'node:net';
import t from 'tap';
import { createAgents, destroyAgents } from '../../src/atlassian/connection.js';
import {
  checkResolvedHost,
  checkTargetUrl,
  guardedLookup,
  hostAllowed,
  isPublicAddress,
  SSRF_REFUSED_CODE,
  TargetRefused,
  type TargetPolicy,
} from '../../src/security/ssrf.js';

const OPEN: TargetPolicy = { allowedHosts: ['*'], allowHttp: false, allowPrivateNetworks: false };
const ATLASSIAN_ONLY: TargetPolicy = { ...OPEN, allowedHosts: ['*.atlassian.net', 'jira.example.com'] };

const HOSTILE: ReadonlyArray<readonly [url: string, reason: RegExp]> = [
  ['https://127.0.0.1/', /private, loopback or link-local/],
  ['https://127.1/', /private, loopback or link-local/],
  ['https://2130706433/', /private, loopback or link-local/],
  ['https://0x7f000001/', /private, loopback or link-local/],
  ['https://0177.0.0.1/', /private, loopback or link-local/],
  ['https://0/', /private, loopback or link-local/],
  ['https://0.0.0.0/', /private, loopback or link-local/],
  ['https://10.0.0.8/', /private, loopback or link-local/],
  ['https://172.16.5.4/', /private, loopback or link-local/],
  ['https://192.168.1.1/', /private, loopback or link-local/],
  ['https://100.64.0.1/', /private, loopback or link-local/],
  ['https://169.254.169.254/latest/meta-data/', /private, loopback or link-local/],
  ['https://[::1]/', /private, loopback or link-local/],
  ['https://[::]/', /private, loopback or link-local/],
  ['https://[::ffff:127.0.0.1]/', /private, loopback or link-local/],
  ['https://[::ffff:a9fe:a9fe]/', /private, loopback or link-local/],
  ['https://[fe80::1]/', /private, loopback or link-local/],
  ['https://[fc00::1]/', /private, loopback or link-local/],
  ['https://[fd00:ec2::254]/', /private, loopback or link-local/],
  ['https://[64:ff9b::7f00:1]/', /private, loopback or link-local/],
  ['https://[2002:7f00:1::]/', /private, loopback or link-local/],
  ['https://224.0.0.1/', /private, loopback or link-local/],
  ['https://255.255.255.255/', /private, loopback or link-local/],
  ['https://localhost/', /internal host name/],
  ['https://LOCALHOST./', /internal host name/],
  ['https://api.localhost/', /internal host name/],
  ['https://metadata.google.internal/computeMetadata/v1/', /internal host name/],
  ['https://instance-data/', /internal host name/],
  ['http://acme.atlassian.net/', /must use https/],
  ['file:///etc/passwd', /must use https/],
  ['gopher://acme.atlassian.net/', /must use https/],
  ['ftp://acme.atlassian.net/', /must use https/],
  ['https://user:pass@acme.atlassian.net/', /must not contain credentials/],
  ['https://acme.atlassian.net/?redirect=http://169.254.169.254', /without query/],
  ['not a url', /not a valid URL/],
];

t.test(`${HOSTILE.length} hostile URLs are refused with a reason`, async (t) => {
  t.ok(HOSTILE.length >= 25);
  for (const [url, reason] of HOSTILE) {
    t.throws(() => checkTargetUrl(url, OPEN, 'X-Jira-URL'), { name: 'TargetRefused', message: reason }, url);
  }
});

t.test('the allow-list: suffix patterns match whole labels; exact hosts; * for any public host', async (t) => {
  t.ok(checkTargetUrl('https://acme.atlassian.net/', ATLASSIAN_ONLY, 'X-Jira-URL') instanceof URL);
  t.equal(
    checkTargetUrl('https://jira.example.com/jira/', ATLASSIAN_ONLY, 'X-Jira-URL').href,
    'https://jira.example.com/jira',
  );
  for (const url of [
    'https://atlassian.net.evil.com/',
    'https://evilatlassian.net/',
    'https://atlassian.net/',
    'https://sub.jira.example.com/',
    'https://example.com/',
  ]) {
    t.throws(
      () => checkTargetUrl(url, ATLASSIAN_ONLY, 'X-Jira-URL'),
      { message: /not in the gateway's allow-list \(ATLASSIAN_ALLOWED_URLS\)/ },
      url,
    );
  }
  t.ok(hostAllowed('jira.example.com', ['https://jira.example.com']), 'URL-shaped entries name their host');
  t.notOk(hostAllowed('anything.com', []), 'an empty list allows nothing');
});

t.test('operators may allow http and private networks (self-hosted Data Center on an intranet)', async (t) => {
  const intranet: TargetPolicy = {
    allowedHosts: ['10.1.2.3', 'jira.corp'],
    allowHttp: true,
    allowPrivateNetworks: true,
  };
  t.ok(checkTargetUrl('http://10.1.2.3:8080/', intranet, 'X-Jira-URL'));
  t.throws(
    () => checkTargetUrl('http://10.1.2.4/', intranet, 'X-Jira-URL'),
    TargetRefused,
    'the allow-list still applies',
  );
});

t.test('addresses: public unicast only', async (t) => {
  for (const address of ['8.8.8.8', '104.192.136.1', '2606:4700::1111']) t.ok(isPublicAddress(address), address);
  for (const address of ['127.0.0.1', '10.0.0.1', '::1', '::ffff:192.168.0.1', 'fe80::1', '169.254.0.1', 'nonsense'])
    t.notOk(isPublicAddress(address), address);
});

t.test('names resolving to private addresses are refused before and at connect time', async (t) => {
  await t.rejects(checkResolvedHost('localhost', OPEN, 'X-Jira-URL'), {
    message: /resolves to a private, loopback or link-local address/,
  });
  await t.resolves(
    checkResolvedHost('localhost', { ...OPEN, allowPrivateNetworks: true }, 'X-Jira-URL'),
    'unless private networks are allowed',
  );

  // A server on loopback, reached by name through an agent with the guarded lookup: the connection never opens.
  let reached = false;
  const server = http.createServer((_request, response) => {
    reached = true;
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise((resolve) => server.close(resolve)));
  const { port } = server.address() as AddressInfo;
  const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
    const agent = new http.Agent({ lookup: guardedLookup() });
    http.get({ host: 'localhost', port, agent }, () => resolve(new Error('connected'))).on('error', resolve);
  });
  t.equal(error.code, SSRF_REFUSED_CODE);
  t.notOk(reached, 'the request never reached the server');
});

t.test(
  'through a proxy, a tenant-named host is checked by the guard and tunnelled to the address it checked',
  async (t) => {
    let reached = 0;
    const server = http.createServer((_request, response) => {
      reached++;
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.teardown(() => new Promise((resolve) => server.close(resolve)));
    const { port } = server.address() as AddressInfo;
    const tunnels: string[] = [];
    const proxy = http.createServer();
    proxy.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
      tunnels.push(request.url ?? '');
      const [host, targetPort] = (request.url ?? '').split(':');
      const upstream = net.connect(Number(targetPort), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client).pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    t.teardown(() => new Promise((resolve) => proxy.close(resolve)));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const get = (agents: ReturnType<typeof createAgents>, host: string) =>
      new Promise<NodeJS.ErrnoException | string>((resolve) => {
        http
          .get({ host, port, agent: agents.http }, (response) => {
            response.resume();
            resolve(String(response.statusCode));
          })
          .on('error', resolve);
      });

    // The guard refuses: the proxy is never asked for the name (it would resolve it itself, past the guard).
    const guarded = createAgents({ tls: { verify: true }, proxy: proxyUrl, lookup: guardedLookup() });
    t.teardown(() => destroyAgents(guarded));
    const refused = await get(guarded, 'localhost');
    t.equal(typeof refused === 'object' && refused.code, SSRF_REFUSED_CODE, 'refused by the guard');
    t.same(tunnels, [], 'the proxy was never asked to connect');

    // A guard that allows the name: the proxy tunnels to the address the guard returned, not to the name.
    const allowing: LookupFunction = (_hostname, _options, callback) =>
      (callback as unknown as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [
        { address: '127.0.0.1', family: 4 },
      ]);
    const pinned = createAgents({ tls: { verify: true }, proxy: proxyUrl, lookup: allowing });
    t.teardown(() => destroyAgents(pinned));
    t.equal(await get(pinned, 'jira.tenant.example'), '200');
    t.same(tunnels, [`127.0.0.1:${port}`], 'tunnelled to the checked address');
    t.equal(reached, 1);
  },
);
