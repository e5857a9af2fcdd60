/**
 * `oauth-setup` end to end against the sandbox's authorization server: the printed address is followed the way
 * a browser would (authorize → 302 → the local callback), the code is exchanged with its PKCE verifier, the
 * tokens land in the store, and a gateway that started before the sign-in uses them on its next call. Also the
 * paths a user meets when things go wrong: a pasted address, a refusal, a stray request, a timeout, a busy port,
 * a wrong secret, and command-line mistakes.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import t from 'tap';
import { stringify } from 'yaml';
import { cloudIdOf } from '@atlassian-mcp-gateway/sandbox';
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';
import { fileTokenStore } from '../../src/atlassian/credentials/token-store.js';
import { browserOpener } from '../../src/cli/oauth-setup/browser.js';
import { runOAuthSetup, type OAuthSetupOptions } from '../../src/cli/oauth-setup/run.js';
import { loadConfig } from '../../src/config/load.js';
import type { GatewayConfig, OAuthConfig } from '../../src/config/schema.js';
import { tokenKey } from '../../src/instances/connect.js';
import { useGateway } from '../helpers/harness.js';
import { CLOUD_APP, DC_APP } from '../helpers/oauth-apps.js';
import { cleanEnv, NODE_ARGS, runGateway } from '../helpers/process.js';

const CLOUD = CLOUD_APP;
const DC = DC_APP;
const SITES: readonly SiteDefinition[] = [
  {
    id: 'cloudjira',
    product: 'jira',
    flavor: 'cloud',
    key: 'WEB',
    credentials: { type: 'basic', username: 'nobody@example.com', token: 'unused-basic-1' },
    oauth: CLOUD,
  },
  {
    id: 'dcjira',
    product: 'jira',
    flavor: 'server',
    key: 'OPS',
    credentials: { type: 'pat', token: 'unused-pat-2' },
    oauth: DC,
  },
];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const tokenDir = join(t.testdir(), 'tokens');
const cloudRedirect = `http://127.0.0.1:${await freePort()}/callback`;
const dcRedirect = `http://localhost:${await freePort()}/oauth/done`;

// The gateway runs from the start, configured for OAuth but with no tokens yet, as after a first deployment.
const harness = useGateway(t, {
  sites: SITES,
  defaults: ['cloudjira'],
  extra: { oauth_token_dir: tokenDir },
  overrides: {
    cloudjira: {
      auth: {
        type: 'oauth',
        client_id: CLOUD.clientId,
        client_secret: CLOUD.clientSecret,
        cloud_id: cloudIdOf('cloudjira'),
        redirect_uri: cloudRedirect,
      },
    },
    dcjira: {
      auth: { type: 'oauth', client_id: DC.clientId, client_secret: DC.clientSecret, redirect_uri: dcRedirect },
    },
  },
});

/**
 * Collects what the command prints; `authorizeUrl` resolves once the address is printed and the command says it
 * is waiting (output may arrive in pieces).
 */
function transcript(): { out: (text: string) => void; text: () => string; authorizeUrl: Promise<string> } {
  let text = '';
  let found: (url: string) => void;
  const authorizeUrl = new Promise<string>((resolve) => (found = resolve));
  return {
    out: (chunk) => {
      text += chunk;
      const match = /^ {2}(http\S+authorize\S+)$/m.exec(text);
      if (match && /Waiting up to|cannot receive the redirect/.test(text)) found(match[1]!);
    },
    text: () => text,
    authorizeUrl,
  };
}

/** What the browser does: load the authorization address and follow the sandbox's redirect to the callback. */
async function approve(authorizeUrl: string): Promise<{ location: string; callback?: Response }> {
  const consent = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = consent.headers.get('location');
  if (consent.status !== 302 || !location)
    throw new Error(`authorize answered ${consent.status}: ${await consent.text()}`);
  return {
    location,
    callback:
      location.startsWith('http://127.0.0.1') || location.startsWith('http://localhost')
        ? await fetch(location)
        : undefined,
  };
}

function setupOptions(config: GatewayConfig, overrides: Partial<OAuthSetupOptions> = {}): OAuthSetupOptions {
  const sandbox = harness.gateway.sandbox;
  return {
    config,
    endpoints: { apiUrl: sandbox.url, authUrl: sandbox.url },
    store: fileTokenStore(tokenDir),
    out: () => undefined,
    openBrowser: false,
    timeoutMs: 10_000,
    ...overrides,
  };
}

t.test('before any sign-in, calls say which command to run', async (t) => {
  const result = await harness.call('jira_get_issue', { issue_key: 'WEB-1' });
  t.ok(result.isError);
  t.match(
    result.text,
    /instance "cloudjira".*no OAuth tokens are available yet\. Run `atlassian-mcp-gateway oauth-setup --instance cloudjira`/s,
  );
});

t.test(
  'Cloud: sign in through the browser redirect, tokens stored, cloud ids printed, the running gateway picks them up',
  async (t) => {
    const log = transcript();
    const running = runOAuthSetup(setupOptions(harness.gateway.core.config, { instance: 'cloudjira', out: log.out }));
    const authorizeUrl = new URL(await log.authorizeUrl);
    t.equal(
      `${authorizeUrl.origin}${authorizeUrl.pathname}`,
      `${harness.gateway.sandbox.url}/authorize`,
      'Cloud signs in at auth.atlassian.com/authorize',
    );
    const params = Object.fromEntries(authorizeUrl.searchParams);
    t.match(params, {
      audience: 'api.atlassian.com',
      prompt: 'consent',
      client_id: CLOUD.clientId,
      redirect_uri: cloudRedirect,
      response_type: 'code',
      code_challenge_method: 'S256',
    });
    t.match(params.code_challenge, /^[A-Za-z0-9_-]{43}$/, 'an S256 challenge');
    t.same(
      params.scope!.split(' '),
      ['read:jira-work', 'write:jira-work', 'read:jira-user', 'offline_access'],
      'default Jira scopes with offline_access',
    );

    const { callback } = await approve(authorizeUrl.toString());
    t.equal(callback?.status, 200);
    t.match(await callback!.text(), /Signed in/);
    const result = await running;

    t.equal(result.storeKey, tokenKey({ product: 'jira', name: 'cloudjira' }));
    t.same(
      result.resources.map((resource) => resource.id),
      [cloudIdOf('cloudjira')],
    );
    t.equal(result.matched?.id, cloudIdOf('cloudjira'), "the site whose URL is the instance's");
    const stored = JSON.parse(readFileSync(result.file, 'utf8'));
    t.match(stored, {
      access_token: /^sandbox-at-/,
      refresh_token: /^sandbox-rt-/,
      cloud_ids: [cloudIdOf('cloudjira')],
    });
    t.ok(stored.expires_at > Date.now(), 'the expiry is kept so the gateway refreshes in time');
    t.equal(statSync(result.file).mode & 0o777, 0o600);
    t.match(
      log.text(),
      new RegExp(`${cloudIdOf('cloudjira')}\\s+cloudjira\\s+\\S+/sites/cloudjira\\s+<- this instance`),
    );
    t.match(log.text(), /The configured cloud id \S+ is among them\./);

    const call = await harness.call('jira_get_issue', { issue_key: 'WEB-1' });
    t.notOk(call.isError, call.text);
    t.match(call.text, /# WEB-1/);
    const upstream = harness.gateway.sandbox.requests.filter((request) => request.site === 'cloudjira').at(-1)!;
    t.equal(
      upstream.authorization,
      `Bearer ${stored.access_token}`,
      'the gateway sends the signed-in token, no restart needed',
    );
  },
);

t.test('after access is revoked, signing in again repairs a running gateway without a restart', async (t) => {
  const sandbox = harness.gateway.sandbox;
  sandbox.oauth.revokeAll();
  const broken = await harness.call('jira_get_issue', { issue_key: 'WEB-2' });
  t.ok(broken.isError);
  t.match(
    broken.text,
    /refreshing the OAuth token failed\. Run `atlassian-mcp-gateway oauth-setup --instance cloudjira` to sign in again\. Cause: the token endpoint answered HTTP 403 \(invalid_grant/,
  );

  const log = transcript();
  const running = runOAuthSetup(setupOptions(harness.gateway.core.config, { instance: 'cloudjira', out: log.out }));
  await approve(await log.authorizeUrl);
  const { file } = await running;
  const stored = JSON.parse(readFileSync(file, 'utf8'));

  // The gateway still holds the revoked pair: its token is refused, its refresh too, then it finds the new sign-in.
  const repaired = await harness.call('jira_get_issue', { issue_key: 'WEB-2' });
  t.notOk(repaired.isError, repaired.text);
  const upstream = sandbox.requests.filter((request) => request.site === 'cloudjira').at(-1)!;
  t.equal(upstream.authorization, `Bearer ${stored.access_token}`, "the new sign-in's token is used");
});

t.test('Server/DC: the command itself, from a YAML file, with the callback on localhost', async (t) => {
  const sandbox = harness.gateway.sandbox;
  const file = join(t.testdir(), 'instances.yaml');
  writeFileSync(
    file,
    stringify({
      oauth_token_dir: tokenDir,
      instances: [
        {
          name: 'dcjira',
          product: 'jira',
          platform: 'server',
          url: `${sandbox.url}/sites/dcjira`,
          auth: { type: 'oauth', client_id: DC.clientId, client_secret: '${DC_SECRET}', redirect_uri: dcRedirect },
        },
        {
          name: 'other',
          product: 'confluence',
          platform: 'server',
          url: `${sandbox.url}/sites/none`,
          auth: { type: 'pat', token: 'x' },
        },
      ],
    }),
  );
  const child = spawn(process.execPath, [...NODE_ARGS, 'oauth-setup', '--config', file, '--no-browser'], {
    env: cleanEnv({ DC_SECRET: DC.clientSecret }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  t.teardown(() => void child.kill());
  const log = transcript();
  let stderr = '';
  child.stdout.on('data', (chunk) => log.out(String(chunk)));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

  const authorizeUrl = new URL(await log.authorizeUrl);
  t.equal(
    `${authorizeUrl.origin}${authorizeUrl.pathname}`,
    `${sandbox.url}/sites/dcjira/rest/oauth2/latest/authorize`,
    "the instance's own authorization endpoint",
  );
  t.equal(authorizeUrl.searchParams.get('scope'), 'WRITE', "Data Center's default scope");
  t.notOk(authorizeUrl.searchParams.has('audience'), 'no Cloud-only parameters');
  t.match(
    log.text(),
    /Signing in jira instance "dcjira" \(Server\/Data Center\)/,
    'the only OAuth instance is chosen without --instance',
  );
  t.match(
    log.text(),
    new RegExp(`Waiting up to 300 s for the browser to return to ${dcRedirect.replace(/[/.]/g, '\\$&')}`),
  );

  const { callback } = await approve(authorizeUrl.toString());
  t.equal(callback?.status, 200, 'localhost reaches the callback server');
  t.equal(await exited, 0, stderr);
  t.match(log.text(), /Signed in\. Tokens saved to .*jira-dcjira\.json/);
  t.notMatch(log.text() + stderr, new RegExp(DC.clientSecret), 'the client secret is never printed');

  const call = await harness.call('jira_dcjira_get_issue', { issue_key: 'OPS-1' });
  t.notOk(call.isError, call.text);
  t.match(call.text, /# OPS-1/);
});

t.test('a browser on another machine: the address it ended on is pasted into the terminal', async (t) => {
  const config = withOAuth(harness.gateway.core.config, 'dcjira', {
    redirect_uri: 'https://callback.example.com/oauth',
  });
  const input = new PassThrough();
  const log = transcript();
  const running = runOAuthSetup(setupOptions(config, { instance: 'jira:dcjira', out: log.out, input }));
  const { location, callback } = await approve(await log.authorizeUrl);
  t.equal(callback, undefined, 'nothing listens for a non-loopback redirect URI');
  t.match(
    log.text(),
    /This machine cannot receive the redirect \(the redirect URI https:\/\/callback\.example\.com is not an http loopback address/,
  );
  t.match(log.text(), /Paste the address it ends on here/);
  input.write('https://callback.example.com/oauth?code=forged&state=wrong\n');
  input.write(`${location}\n`);
  const result = await running;
  t.match(log.text(), /That is not the address of this sign-in/, 'a wrong address is answered, not fatal');
  t.equal(result.instance, 'dcjira');
  t.same(result.resources, [], 'no accessible-resources on Server/DC');
});

t.test(
  "a refusal on the consent screen ends the command with the server's reason; stray requests do not",
  async (t) => {
    const log = transcript();
    const running = settled(
      runOAuthSetup(setupOptions(harness.gateway.core.config, { instance: 'cloudjira', out: log.out })),
    );
    const state = new URL(await log.authorizeUrl).searchParams.get('state')!;
    const stray = await fetch(`${cloudRedirect}?code=abc&state=someone-else`);
    t.equal(stray.status, 400);
    t.match(await stray.text(), /does not belong to the sign-in/);
    t.equal((await fetch(cloudRedirect.replace('/callback', '/favicon.ico'))).status, 404);
    const refused = await fetch(
      `${cloudRedirect}?error=access_denied&error_description=User%20did%20not%20authorize%20the%20request&state=${state}`,
    );
    t.equal(refused.status, 400);
    await t.rejects(running, {
      message: 'the authorization server refused the sign-in: access_denied (User did not authorize the request)',
    });
    await t.rejects(fetch(cloudRedirect), 'the callback server is closed afterwards');
  },
);

t.test("a wrong client secret fails the code exchange with the token endpoint's answer", async (t) => {
  const config = withOAuth(harness.gateway.core.config, 'cloudjira', { client_secret: 'not-the-secret' });
  const log = transcript();
  const running = settled(runOAuthSetup(setupOptions(config, { instance: 'cloudjira', out: log.out })));
  await approve(await log.authorizeUrl);
  await t.rejects(running, {
    message:
      'exchanging the authorization code failed: the token endpoint answered HTTP 401 (access_denied: Unauthorized)',
  });
});

t.test('no browser within the timeout, and a busy callback port without a terminal, are clear failures', async (t) => {
  await t.rejects(runOAuthSetup(setupOptions(harness.gateway.core.config, { instance: 'cloudjira', timeoutMs: 150 })), {
    message: /^no sign-in arrived within 0 s \(pass --timeout to wait longer\)$/,
  });
  const blocker = createServer();
  const port = Number(new URL(cloudRedirect).port);
  await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
  t.teardown(() => void blocker.close());
  await t.rejects(runOAuthSetup(setupOptions(harness.gateway.core.config, { instance: 'cloudjira' })), {
    message: `cannot receive the sign-in: cannot listen on 127.0.0.1:${port} (the port is in use), and there is no terminal to paste the address into`,
  });
});

t.test('command-line mistakes exit with code 2 and say what to do', async (t) => {
  const run = (args: string[], env: Record<string, string>) => runGateway(['oauth-setup', ...args], cleanEnv(env));
  const help = await run(['--help'], {});
  t.equal(help.code, 0);
  t.match(help.stdout, /Usage: atlassian-mcp-gateway oauth-setup/);
  const basic = { JIRA_URL: 'https://acme.atlassian.net', JIRA_USERNAME: 'me@acme.com', JIRA_API_TOKEN: 'token-1' };
  const none = await run([], basic);
  t.equal(none.code, 2);
  t.match(none.stderr, /no instance is configured for OAuth/);
  const notOAuth = await run(['--instance', 'default'], basic);
  t.match(notOAuth.stderr, /instance "default" uses basic authentication; oauth-setup signs in OAuth instances only/);
  const unknown = await run(['--instance', 'nope'], basic);
  t.match(unknown.stderr, /no instance named "nope" \(configured: jira:default\)/);
  const badTimeout = await run(['--timeout', 'soon'], basic);
  t.match(badTimeout.stderr, /--timeout must be a positive number of seconds, not "soon"/);
  const oauthEnv = {
    JIRA_URL: 'https://acme.atlassian.net',
    JIRA_OAUTH_CLIENT_ID: 'id',
    JIRA_OAUTH_CLIENT_SECRET: 'secret',
  };
  const noRedirect = await run([], { ...oauthEnv, JIRA_OAUTH_ACCESS_TOKEN: 'at' });
  t.equal(noRedirect.code, 2);
  t.match(noRedirect.stderr, /instance "default" has no redirect URI: set the callback registered for the OAuth app/);
});

t.test('the cloud id is optional while signing in, since oauth-setup is what prints it', async (t) => {
  const env = {
    JIRA_URL: 'https://acme.atlassian.net',
    JIRA_OAUTH_CLIENT_ID: 'id',
    JIRA_OAUTH_CLIENT_SECRET: 'secret',
    JIRA_OAUTH_REDIRECT_URI: 'http://localhost:8765/callback',
  };
  t.throws(() => loadConfig({ env }), { message: /JIRA_OAUTH_CLOUD_ID: required for OAuth on Cloud/ });
  t.equal(loadConfig({ env, signingIn: true }).instances[0]?.auth.type, 'oauth');
});

t.test('a browser is opened only where there is a desktop', async (t) => {
  t.equal(browserOpener('linux', {}), undefined, 'headless Linux: print only');
  t.equal(browserOpener('linux', { DISPLAY: ':0' })?.command, 'xdg-open');
  t.equal(browserOpener('darwin', {})?.command, 'open');
  t.same(
    browserOpener('win32', {})?.args('https://x/?a=1&b=2'),
    ['url.dll,FileProtocolHandler', 'https://x/?a=1&b=2'],
    'the address stays one argument on Windows',
  );
});

/** Handles a rejection at once (the test awaits it later), so it is never reported as unhandled. */
function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** A copy of the configuration with some OAuth settings of one instance changed. */
function withOAuth(config: GatewayConfig, name: string, changes: Partial<OAuthConfig>): GatewayConfig {
  const copy = structuredClone(config);
  const instance = copy.instances.find((candidate) => candidate.name === name)!;
  if (instance.auth.type === 'oauth') Object.assign(instance.auth, changes);
  return copy;
}
