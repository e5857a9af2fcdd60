/**
 * The sign-in's defences, each with a request that must fail: redirect URIs matched exactly (any port only for a
 * registered loopback URI), nothing redirected to an unregistered address, PKCE S256 required and checked, the
 * upstream state checked and bound to the browser, the authorization code single-use, the consent pages unframeable,
 * the cookie HttpOnly/SameSite (and Secure behind https), every endpoint rate-limited per address, tokens only for
 * this resource, and the `iss` of the answer checked by the client (mix-up).
 */
import { StreamableHTTPClientTransport, Client, UnauthorizedError } from '@modelcontextprotocol/client';
import t from 'tap';
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { CLOUD_JIRA_SITE } from '../helpers/oauth-apps.js';
import { CLIENT_REDIRECT, PER_USER_CLOUD, TestBrowser, TestOAuthProvider } from '../helpers/sign-in.js';

const SITES: readonly SiteDefinition[] = [CLOUD_JIRA_SITE];
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

function start(auth: Record<string, unknown> = {}): Promise<TestGateway> {
  return startTestGateway({
    sites: SITES,
    defaults: ['cloudjira'],
    extra: { auth: { mode: 'oauth', rate_limit: 10_000, ...auth } },
    overrides: { cloudjira: PER_USER_CLOUD },
  });
}

async function register(gateway: TestGateway, redirectUris: string[]): Promise<Response> {
  return fetch(`${gateway.url}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ redirect_uris: redirectUris, token_endpoint_auth_method: 'none', client_name: 'safety' }),
  });
}

function authorizeUrl(gateway: TestGateway, clientId: string, params: Record<string, string> = {}): string {
  return `${gateway.url}/authorize?${new URLSearchParams({
    client_id: clientId,
    redirect_uri: CLIENT_REDIRECT,
    response_type: 'code',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    state: 'client-state',
    ...params,
  })}`;
}

t.test('redirect URIs: exact match, loopback ports only, no open redirects', async (t) => {
  const gateway = await start();
  t.teardown(() => gateway.close());
  t.equal((await register(gateway, ['http://app.example.com/cb'])).status, 400, 'plain http off loopback is refused');
  t.equal((await register(gateway, ['javascript:alert(1)'])).status, 400);
  const web = (await (await register(gateway, ['https://app.example.com/cb'])).json()) as { client_id: string };
  const loopback = (await (await register(gateway, [CLIENT_REDIRECT])).json()) as { client_id: string };

  for (const redirect of [
    'https://app.example.com/cb/../evil',
    'https://app.example.com/cb?next=https://evil.example',
    'https://app.example.com:8443/cb',
    'https://evil.example/cb',
  ]) {
    const answer = await fetch(authorizeUrl(gateway, web.client_id, { redirect_uri: redirect }), {
      redirect: 'manual',
    });
    t.equal(answer.status, 400, `${redirect} is refused`);
    t.equal(answer.headers.get('location'), null, 'and not redirected to');
  }
  const otherPort = await fetch(
    authorizeUrl(gateway, loopback.client_id, { redirect_uri: 'http://127.0.0.1:5555/callback' }),
    { redirect: 'manual' },
  );
  t.equal(otherPort.status, 200, 'a registered loopback URI may use another port (RFC 8252)');
  const otherPath = await fetch(
    authorizeUrl(gateway, loopback.client_id, { redirect_uri: 'http://127.0.0.1:5555/elsewhere' }),
    { redirect: 'manual' },
  );
  t.equal(otherPath.status, 400, 'but not another path');
  const unknown = await fetch(authorizeUrl(gateway, 'gw-unknown'), { redirect: 'manual' });
  t.equal(unknown.status, 400, 'an unknown client is refused on a page');
  t.equal(unknown.headers.get('location'), null);
});

t.test('PKCE S256 is required, and errors go back only to the registered redirect URI with iss', async (t) => {
  const gateway = await start();
  t.teardown(() => gateway.close());
  const client = (await (await register(gateway, [CLIENT_REDIRECT])).json()) as { client_id: string };
  const cases: Array<Record<string, string>> = [
    { code_challenge: '' },
    { code_challenge_method: 'plain' },
    { response_type: 'token' },
    { resource: 'https://other.example/' },
    { scope: 'admin' },
  ];
  for (const params of cases) {
    const answer = await fetch(authorizeUrl(gateway, client.client_id, params), { redirect: 'manual' });
    t.equal(answer.status, 302, JSON.stringify(params));
    const location = new URL(answer.headers.get('location')!);
    t.equal(`${location.origin}${location.pathname}`, CLIENT_REDIRECT);
    t.ok(location.searchParams.get('error'), `error ${location.searchParams.get('error')}`);
    t.equal(location.searchParams.get('state'), 'client-state');
    t.equal(location.searchParams.get('iss'), gateway.url, 'the issuer is named (RFC 9207)');
  }
});

t.test('state, browser binding, single-use codes and the PKCE verifier are checked', async (t) => {
  const gateway = await start();
  t.teardown(() => gateway.close());
  const client = (await (await register(gateway, [CLIENT_REDIRECT])).json()) as { client_id: string };
  const browser = new TestBrowser();
  const page = await browser.go(authorizeUrl(gateway, client.client_id));
  t.equal(page.status, 200);
  t.match(page.headers.get('content-security-policy'), "frame-ancestors 'none'", 'no framing (clickjacking)');
  t.equal(page.headers.get('x-frame-options'), 'DENY');
  const cookie = page.headers.get('set-cookie') ?? '';
  t.match(cookie, /HttpOnly/);
  t.match(cookie, /SameSite=Lax/);

  const forged = await browser.go(`${gateway.url}/authorize/callback?code=x&state=forged`);
  t.equal(forged.status, 400, 'a callback with a foreign state is refused');
  const stranger = await new TestBrowser().go(`${gateway.url}/authorize/next`);
  t.equal(stranger.status, 400, 'another browser cannot continue the sign-in');

  const landed = await browser.walkSignIn(authorizeUrl(gateway, client.client_id));
  const code = landed.searchParams.get('code')!;
  const token = (verifier: string) =>
    fetch(`${gateway.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: CLIENT_REDIRECT,
        client_id: client.client_id,
        code_verifier: verifier,
      }),
    });
  const wrong = await token('x'.repeat(43));
  t.equal(wrong.status, 400);
  t.match(await wrong.json(), { error: 'invalid_grant' });
  const again = await token(VERIFIER);
  t.equal(again.status, 400, 'a code is spent by its first redemption, right or wrong');
});

t.test('a whole sign-in with the right verifier works once', async (t) => {
  const gateway = await start();
  t.teardown(() => gateway.close());
  const client = (await (await register(gateway, [CLIENT_REDIRECT])).json()) as { client_id: string };
  const landed = await new TestBrowser().walkSignIn(authorizeUrl(gateway, client.client_id));
  t.equal(landed.searchParams.get('iss'), gateway.url);
  t.equal(landed.searchParams.get('state'), 'client-state');
  const exchange = () =>
    fetch(`${gateway.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: landed.searchParams.get('code')!,
        redirect_uri: CLIENT_REDIRECT,
        client_id: client.client_id,
        code_verifier: VERIFIER,
        resource: `${gateway.url}/`,
      }),
    });
  const first = await exchange();
  t.equal(first.status, 200);
  t.match(await first.json(), { token_type: 'Bearer', refresh_token: String });
  t.equal((await exchange()).status, 400, 'not twice');
});

t.test('the client refuses an answer from another issuer (mix-up)', async (t) => {
  const gateway = await start();
  t.teardown(() => gateway.close());
  const provider = new TestOAuthProvider('mix-up');
  const transport = new StreamableHTTPClientTransport(new URL(`${gateway.url}/mcp`), { authProvider: provider });
  const refused = await new Client({ name: 'mix-up', version: '1' })
    .connect(transport)
    .catch((error: unknown) => error);
  t.ok(refused instanceof UnauthorizedError);
  const landed = await new TestBrowser().walkSignIn(provider.authorizationUrl!.toString());
  const tampered = new URLSearchParams(landed.searchParams);
  tampered.set('iss', 'https://attacker.example');
  await t.rejects(transport.finishAuth(tampered), 'another iss is refused');
  t.equal(provider.saved, undefined, 'no tokens were taken');
  await transport.close();
});

t.test('cookies are Secure behind https', async (t) => {
  const gateway = await start({ public_url: 'https://gateway.example.com' });
  t.teardown(() => gateway.close());
  const client = (await (await register(gateway, [CLIENT_REDIRECT])).json()) as { client_id: string };
  const page = await fetch(authorizeUrl(gateway, client.client_id), { redirect: 'manual' });
  t.equal(page.status, 200);
  t.match(page.headers.get('set-cookie'), /; HttpOnly; SameSite=Lax; Secure/);
});

t.test('every authorization-server endpoint is rate-limited per address', async (t) => {
  const gateway = await start({ rate_limit: 5 });
  t.teardown(() => gateway.close());
  const paths = ['/.well-known/oauth-authorization-server', '/.well-known/oauth-protected-resource', '/authorize'];
  const statuses: number[] = [];
  for (let index = 0; index < 6; index++)
    statuses.push((await fetch(`${gateway.url}${paths[index % paths.length]}`, { redirect: 'manual' })).status);
  t.equal(statuses.at(-1), 429, 'the sixth request in a minute is refused');
  for (const [method, path] of [
    ['POST', '/token'],
    ['POST', '/revoke'],
    ['POST', '/register'],
    ['GET', '/authorize/next'],
    ['GET', '/authorize/callback'],
  ] as const) {
    const answer = await fetch(`${gateway.url}${path}`, { method, redirect: 'manual' });
    t.equal(answer.status, 429, `${method} ${path}`);
    t.ok(Number(answer.headers.get('retry-after')) > 0, 'with Retry-After');
  }
});
