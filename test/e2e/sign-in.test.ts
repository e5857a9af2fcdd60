/**
 * Sign-in from the MCP client, end to end with the official client's OAuth support: the 401 and its discovery
 * documents, dynamic registration, authorize with PKCE through the sandbox's Cloud consent, the user's calls
 * reaching the sandbox with that user's own Atlassian token (static instances unchanged), two users at once never
 * crossing, the gateway's refresh-token rotation with reuse detection, the Atlassian token refreshed once under
 * concurrency, and revocation that signs the user out everywhere.
 */
import t from 'tap';
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';
import { textOf } from '../helpers/clients.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { CLOUD_JIRA_SITE } from '../helpers/oauth-apps.js';
import { connectWith, PER_USER_CLOUD, signInAs, TestOAuthProvider } from '../helpers/sign-in.js';

const SITES: readonly SiteDefinition[] = [
  CLOUD_JIRA_SITE,
  { id: 'prod', product: 'jira', flavor: 'server', key: 'OPS', credentials: { type: 'pat', token: 'prod-pat-7Qx1' } },
];

async function start(extraAuth: Record<string, unknown> = {}): Promise<TestGateway> {
  return startTestGateway({
    sites: SITES,
    defaults: ['cloudjira'],
    extra: { auth: { mode: 'oauth', rate_limit: 10_000, ...extraAuth } },
    overrides: { cloudjira: PER_USER_CLOUD },
  });
}

/** The assertion message of a call expected to work: its error text when it did not. */
function answered(result: unknown): string {
  return (result as { isError?: boolean }).isError ? textOf(result) : 'the call was answered';
}

/** The sandbox user whose OAuth token signed each recorded request to a site. */
function usersSeenBy(gateway: TestGateway, site: string): Array<string | undefined> {
  return gateway.sandbox.requests
    .filter((request) => request.site === site)
    .map((request) => gateway.sandbox.oauth.userOf(request.authorization));
}

t.test('an unauthenticated request is told where to sign in', async (t) => {
  const gateway = await start();
  t.teardown(() => gateway.close());
  for (const endpoint of ['mcp', 'sse', 'ws']) {
    const response = await fetch(`${gateway.url}/${endpoint}`, {
      method: endpoint === 'mcp' ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      ...(endpoint === 'mcp' ? { body: '{}' } : {}),
    });
    t.equal(response.status, 401, `/${endpoint} answers 401`);
    t.match(
      response.headers.get('www-authenticate'),
      `Bearer resource_metadata="${gateway.url}/.well-known/oauth-protected-resource/${endpoint}"`,
    );
  }
  for (const path of ['', '/mcp', '/sse', '/ws']) {
    const metadata = (await (
      await fetch(`${gateway.url}/.well-known/oauth-protected-resource${path}`)
    ).json()) as Record<string, unknown>;
    t.same(metadata.authorization_servers, [gateway.url], `resource metadata at ${path || '/'}`);
    t.equal(metadata.resource, `${gateway.url}/`);
  }
  const server = (await (await fetch(`${gateway.url}/.well-known/oauth-authorization-server`)).json()) as Record<
    string,
    unknown
  >;
  t.equal(server.issuer, gateway.url);
  t.same(server.code_challenge_methods_supported, ['S256']);
  t.equal(server.authorization_response_iss_parameter_supported, true);
  t.equal(server.registration_endpoint, `${gateway.url}/register`);
  const forged = await fetch(`${gateway.url}/mcp`, {
    method: 'POST',
    headers: { authorization: 'Bearer not-a-token', 'content-type': 'application/json' },
    body: '{}',
  });
  t.equal(forged.status, 401);
  t.match(forged.headers.get('www-authenticate'), 'error="invalid_token"');
});

t.test('two users sign in and each calls Jira as themselves', async (t) => {
  const gateway = await start();
  t.teardown(() => gateway.close());
  const bob = await signInAs(gateway.url, gateway.sandbox.url, 'bob');
  t.teardown(() => bob.close());
  const alice = await signInAs(gateway.url, gateway.sandbox.url, 'alice');
  t.teardown(() => alice.close());
  t.ok(bob.provider.clientInfo?.client_id.startsWith('gw-'), 'registered dynamically');

  const calls = await Promise.all(
    Array.from({ length: 6 }, (_, index) =>
      (index % 2 ? alice : bob).client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'WEB-1' } }),
    ),
  );
  for (const result of calls) t.notOk(result.isError, answered(result));
  const seen = usersSeenBy(gateway, 'cloudjira');
  t.equal(seen.filter((user) => user === 'bob').length, 3, "bob's calls carried bob's token");
  t.equal(seen.filter((user) => user === 'alice').length, 3, "alice's calls carried alice's token");
  t.notOk(seen.includes(undefined), 'no call went out without a user token');

  const staticCall = await bob.client.callTool({ name: 'jira_prod_get_issue', arguments: { issue_key: 'OPS-1' } });
  t.notOk(staticCall.isError, answered(staticCall));
  const prod = gateway.sandbox.requests.filter((request) => request.site === 'prod');
  t.ok(prod.length > 0 && prod.every((request) => request.authorization === 'Bearer prod-pat-7Qx1'), 'static PAT kept');
  t.notOk(
    gateway.sandbox.requests.some((request) => request.authorization?.includes(bob.provider.saved!.access_token)),
    "the gateway's token never reaches Atlassian",
  );
});

t.test('refresh tokens rotate, and a reused one revokes its family', async (t) => {
  const gateway = await start();
  t.teardown(() => gateway.close());
  const bob = await signInAs(gateway.url, gateway.sandbox.url, 'bob');
  t.teardown(() => bob.close());
  const first = bob.provider.saved!;
  // An access token the gateway no longer accepts: the client refreshes on the 401 and carries on.
  bob.provider.saved = { ...first, access_token: 'expired' };
  const again = await connectWith(gateway.url, bob.provider);
  t.teardown(() => again.close());
  const result = await again.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'WEB-2' } });
  t.notOk(result.isError, answered(result));
  const second = bob.provider.saved;
  t.not(second.refresh_token, first.refresh_token, 'the refresh token rotated');

  const reuse = await fetch(`${gateway.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token!,
      client_id: bob.provider.clientInfo!.client_id,
    }),
  });
  t.equal(reuse.status, 400);
  t.match(await reuse.json(), { error: 'invalid_grant' });
  const afterReuse = await fetch(`${gateway.url}/mcp`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${second.access_token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
  });
  t.equal(afterReuse.status, 401, 'the whole family is revoked, access tokens included');
});

t.test(
  "the user's Atlassian token is refreshed once under concurrency, and a lost one asks to sign in again",
  async (t) => {
    const gateway = await start();
    t.teardown(() => gateway.close());
    const bob = await signInAs(gateway.url, gateway.sandbox.url, 'bob');
    t.teardown(() => bob.close());
    gateway.sandbox.oauth.expireAccessTokens();
    const before = gateway.sandbox.oauth.refreshCount;
    const calls = await Promise.all(
      Array.from({ length: 5 }, () =>
        bob.client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'WEB-1' } }),
      ),
    );
    for (const result of calls) t.notOk(result.isError, answered(result));
    t.equal(gateway.sandbox.oauth.refreshCount - before, 1, 'one refresh for five calls');

    gateway.sandbox.oauth.revokeAll();
    const lost = await bob.client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'WEB-1' } });
    t.ok(lost.isError);
    t.match(textOf(lost), /instance "cloudjira".*sign in again from your MCP client/s);
  },
);

t.test('revocation signs the user out and deletes their Atlassian tokens', async (t) => {
  const gateway = await start();
  t.teardown(() => gateway.close());
  const bob = await signInAs(gateway.url, gateway.sandbox.url, 'bob', new TestOAuthProvider('revoking client'));
  t.teardown(() => bob.close());
  const vault = gateway.core.signIn!.vault;
  const bobId = '5b10ac8d82e05b22cc7d4ef5';
  t.ok(await vault.tokens(bobId, 'jira-cloudjira'), "bob's Atlassian token is in the vault");
  const revoked = await fetch(`${gateway.url}/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      token: bob.provider.saved!.refresh_token!,
      client_id: bob.provider.clientInfo!.client_id,
    }),
  });
  t.equal(revoked.status, 200);
  t.equal(await vault.tokens(bobId, 'jira-cloudjira'), undefined, 'deleted on sign-out');
  const after = await fetch(`${gateway.url}/mcp`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bob.provider.saved!.access_token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  t.equal(after.status, 401, 'the access token stops working at once');
});
