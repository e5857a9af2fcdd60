/**
 * Every auth mode against the sandbox, through a real MCP client: OAuth 2.0 on Cloud (via the API gateway by
 * cloud id) and on Server/DC (the instance's own token endpoint), refresh before expiry and after a 401,
 * rotating refresh tokens kept in a 0600 token store, exactly one refresh under concurrent calls, a clear
 * error when a refresh is refused or a bring-your-own token expires, and no secret in the most verbose log.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { cloudIdOf } from '@atlassian-mcp-gateway/sandbox';
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';
import { tokenKey } from '../../src/instances/connect.js';
import { useGateway } from '../helpers/harness.js';
import { CLOUD_APP, CLOUD_JIRA_SITE, DC_APP, DC_JIRA_SITE } from '../helpers/oauth-apps.js';

const SITES: readonly SiteDefinition[] = [
  CLOUD_JIRA_SITE,
  DC_JIRA_SITE,
  {
    id: 'cloudwiki',
    product: 'confluence',
    flavor: 'cloud',
    key: 'ENG',
    credentials: { type: 'basic', username: 'nobody@example.com', token: 'unused-basic-3' },
    oauth: CLOUD_APP,
  },
];

const tokenDir = join(t.testdir(), 'tokens');
const issued: Record<string, { access_token: string; refresh_token: string }> = {};

const { call, gateway: harness } = (() => {
  const h = useGateway(t, {
    sites: SITES,
    defaults: ['cloudjira', 'cloudwiki'],
    logLevel: 'trace',
    extra: { oauth_token_dir: tokenDir },
    overrides: (sandbox) => {
      issued.cloudjira = sandbox.oauth.issue('cloudjira');
      issued.dcjira = sandbox.oauth.issue('dcjira');
      issued.cloudwiki = sandbox.oauth.issue('cloudwiki');
      return {
        // Only a refresh token: the first call has to refresh before it can send anything.
        cloudjira: {
          auth: {
            type: 'oauth',
            client_id: CLOUD_APP.clientId,
            client_secret: CLOUD_APP.clientSecret,
            cloud_id: cloudIdOf('cloudjira'),
            refresh_token: issued.cloudjira.refresh_token,
          },
        },
        dcjira: {
          auth: {
            type: 'oauth',
            client_id: DC_APP.clientId,
            client_secret: DC_APP.clientSecret,
            access_token: issued.dcjira.access_token,
            refresh_token: issued.dcjira.refresh_token,
          },
        },
        cloudwiki: { auth: { type: 'bearer', token: issued.cloudwiki.access_token, cloud_id: cloudIdOf('cloudwiki') } },
      };
    },
  });
  return { call: h.call, gateway: h };
})();

t.test(
  'a bring-your-own token (first, before other tests expire every token) is used as given and reported clearly when it expires',
  async (t) => {
    const sandbox = harness.gateway.sandbox;
    const ok = await call('confluence_get_page', { page_id: '1002' });
    t.notOk(ok.isError, ok.text);
    t.equal(
      sandbox.requests.filter((request) => request.site === 'cloudwiki').at(-1)!.authorization,
      `Bearer ${issued.cloudwiki!.access_token}`,
    );
    sandbox.oauth.expireAccessTokens();
    const before = sandbox.oauth.refreshCount;
    const expired = await call('confluence_get_page', { page_id: '1002' });
    t.ok(expired.isError);
    t.match(
      expired.text,
      /failed on instance "cloudwiki": authentication failed.*\(HTTP 401\).*never refreshed; it has probably expired: supply a new one/s,
    );
    t.equal(sandbox.oauth.refreshCount, before, 'no refresh was attempted');
  },
);

t.test('OAuth on Cloud goes through the API gateway by cloud id and refreshes with a rotating token', async (t) => {
  const sandbox = harness.gateway.sandbox;
  const before = sandbox.oauth.refreshCount;
  const result = await call('jira_get_issue', { issue_key: 'WEB-1' });
  t.notOk(result.isError, result.text);
  t.match(result.text, /# WEB-1/);
  t.equal(sandbox.oauth.refreshCount, before + 1, 'one refresh to get the first access token');
  const upstream = sandbox.requests.filter((request) => request.site === 'cloudjira').at(-1)!;
  t.match(upstream.authorization, /^Bearer sandbox-at-/, 'the refreshed access token is sent');

  const file = join(tokenDir, `${tokenKey({ product: 'jira', name: 'cloudjira' })}.json`);
  const stored = JSON.parse(readFileSync(file, 'utf8'));
  t.not(stored.refresh_token, issued.cloudjira!.refresh_token, 'the rotated refresh token replaced the configured one');
  t.equal(statSync(file).mode & 0o777, 0o600, 'the token file is readable by its owner only');
  t.equal(statSync(tokenDir).mode & 0o077, 0, 'and so is its directory');

  t.notOk((await call('jira_get_issue', { issue_key: 'WEB-2' })).isError);
  t.equal(sandbox.oauth.refreshCount, before + 1, 'a live token is reused, not refreshed');
});

t.test('concurrent calls during a refresh trigger exactly one refresh', async (t) => {
  const sandbox = harness.gateway.sandbox;
  sandbox.oauth.expireAccessTokens();
  const before = sandbox.oauth.refreshCount;
  const results = await Promise.all(
    Array.from({ length: 25 }, (_, index) => call('jira_get_issue', { issue_key: `WEB-${(index % 5) + 1}` })),
  );
  t.same(
    results.filter((result) => result.isError).map((result) => result.text),
    [],
    'every call succeeded after the refresh',
  );
  t.equal(sandbox.oauth.refreshCount, before + 1, 'one refresh for 25 calls that all met an expired token');
});

t.test('refresh happens before expiry, without a 401 first', async (t) => {
  const sandbox = harness.gateway.sandbox;
  sandbox.oauth.expireAccessTokens();
  sandbox.oauth.accessTokenTtlS = 30; // inside the 60 s refresh margin: every use refreshes ahead of time
  t.teardown(() => void (sandbox.oauth.accessTokenTtlS = 3600));
  t.notOk((await call('jira_get_issue', { issue_key: 'WEB-1' })).isError, 'refreshed after the 401');
  const before = sandbox.oauth.refreshCount;
  const requestsBefore = sandbox.requests.length;
  t.notOk((await call('jira_get_issue', { issue_key: 'WEB-1' })).isError);
  t.equal(sandbox.oauth.refreshCount, before + 1, 'the token about to expire was refreshed first');
  t.equal(sandbox.requests.length - requestsBefore, 1, 'and the call needed a single upstream request');
});

t.test('OAuth on Server/DC refreshes at the instance token endpoint after a 401', async (t) => {
  const sandbox = harness.gateway.sandbox;
  t.notOk((await call('jira_dcjira_get_issue', { issue_key: 'OPS-1' })).isError, 'the configured access token works');
  sandbox.oauth.expireAccessTokens();
  const before = sandbox.oauth.refreshCount;
  const result = await call('jira_dcjira_get_issue', { issue_key: 'OPS-1' });
  t.notOk(result.isError, result.text);
  t.equal(sandbox.oauth.refreshCount, before + 1);
  const stored = JSON.parse(readFileSync(join(tokenDir, 'jira-dcjira.json'), 'utf8'));
  t.match(stored, { access_token: /^sandbox-at-/, refresh_token: /^sandbox-rt-/, expires_at: Number });
});

t.test('a refused refresh is an isError naming the instance and what to do', async (t) => {
  const sandbox = harness.gateway.sandbox;
  sandbox.oauth.expireAccessTokens();
  // Revoke: the sandbox forgets every refresh token by rotating them away from the gateway.
  const stored = JSON.parse(readFileSync(join(tokenDir, 'jira-dcjira.json'), 'utf8'));
  await fetch(`${sandbox.url}/sites/dcjira/rest/oauth2/latest/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: DC_APP.clientId,
      client_secret: DC_APP.clientSecret,
      refresh_token: stored.refresh_token,
    }),
  });
  const result = await call('jira_dcjira_get_issue', { issue_key: 'OPS-1' });
  t.ok(result.isError);
  t.match(result.text, /Get issue OPS-1 failed on instance "dcjira": authentication failed/);
  t.match(
    result.text,
    /refreshing the OAuth token failed\. Run `atlassian-mcp-gateway oauth-setup --instance dcjira` to sign in again, or configure a new refresh token\. Cause: the token endpoint answered HTTP 403 \(invalid_grant: Unknown or invalid refresh token\.\)/,
  );
});

t.test('no secret reaches the log, even at trace level', async (t) => {
  const logs = harness.gateway.logs.join('');
  t.ok(logs.length > 0, 'something was logged');
  const secrets = [
    CLOUD_APP.clientSecret,
    DC_APP.clientSecret,
    ...Object.values(issued).flatMap((tokens) => [tokens.access_token, tokens.refresh_token]),
    ...harness.gateway.sandbox.requests
      .map((request) => request.authorization?.replace(/^\S+ /, ''))
      .filter((value): value is string => Boolean(value)),
  ];
  for (const secret of new Set(secrets)) t.notOk(logs.includes(secret), `${secret.slice(0, 12)}… absent from the log`);
});
