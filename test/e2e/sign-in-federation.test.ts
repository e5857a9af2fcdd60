/**
 * One sign-in, several instances: a Cloud Jira (3LO) and a Server/DC Jira (its own OAuth 2.0) walked through in
 * configuration order with the progress page between them, next to a Confluence that keeps its static
 * credentials; the user's identity comes from the first instance (a Cloud account id, or a Server/DC user key);
 * a Cloud grant covering several sites, none the configured one, asks the user which site is meant.
 */
import t from 'tap';
import { cloudIdOf, type SiteDefinition } from '@atlassian-mcp-gateway/sandbox';
import { textOf } from '../helpers/clients.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { CLOUD_APP, CLOUD_JIRA_SITE, DC_APP, DC_JIRA_SITE } from '../helpers/oauth-apps.js';
import { PER_USER_CLOUD, signInAs } from '../helpers/sign-in.js';

const SITES: readonly SiteDefinition[] = [
  CLOUD_JIRA_SITE,
  DC_JIRA_SITE,
  {
    id: 'cloudwiki',
    product: 'confluence',
    flavor: 'cloud',
    key: 'ENG',
    credentials: { type: 'basic', username: 'wiki@example.com', token: 'wiki-token-3Hf8' },
    oauth: CLOUD_APP,
  },
];

const DC_USER = { auth: { type: 'per_user', client_id: DC_APP.clientId, client_secret: DC_APP.clientSecret } };

function start(
  overrides: Record<string, Record<string, unknown>>,
  sites: readonly SiteDefinition[] = SITES,
): Promise<TestGateway> {
  return startTestGateway({
    sites,
    defaults: ['cloudjira', 'cloudwiki'],
    extra: { auth: { mode: 'oauth', rate_limit: 10_000 } },
    overrides,
  });
}

function call(client: { callTool: (p: { name: string; arguments: Record<string, unknown> }) => Promise<unknown> }) {
  return async (name: string, args: Record<string, unknown>) => {
    const result = (await client.callTool({ name, arguments: args })) as { isError?: boolean };
    return { isError: Boolean(result.isError), text: textOf(result) };
  };
}

t.test('Cloud and Server/DC in one sign-in, static Confluence unchanged', async (t) => {
  const gateway = await start({ cloudjira: PER_USER_CLOUD, dcjira: DC_USER });
  t.teardown(() => gateway.close());
  const bob = await signInAs(gateway.url, gateway.sandbox.url, 'bob');
  t.teardown(() => bob.close());

  const pages = bob.browser.history.filter((visit) => visit.url.includes('/authorize') && visit.status === 200);
  t.equal(pages.length, 2, 'a progress page before each instance');
  t.match(pages[0]!.body, /→ Jira cloudjira .*· Jira dcjira /s);
  t.match(pages[1]!.body, /✓ Jira cloudjira .*→ Jira dcjira /s);
  const upstream = bob.browser.history.map((visit) => new URL(visit.url).pathname);
  t.ok(upstream.includes('/authorize'), 'Cloud consent at the Atlassian-style authorization server');
  t.ok(upstream.includes('/sites/dcjira/rest/oauth2/latest/authorize'), "Server/DC consent at the instance's own");

  const run = call(bob.client);
  t.notOk((await run('jira_get_issue', { issue_key: 'WEB-1' })).isError);
  t.notOk((await run('jira_dcjira_get_issue', { issue_key: 'OPS-1' })).isError);
  t.notOk((await run('confluence_search', { query: 'onboarding' })).isError);
  const { requests, oauth } = gateway.sandbox;
  for (const site of ['cloudjira', 'dcjira']) {
    const seen = requests.filter((request) => request.site === site);
    t.ok(
      seen.length > 0 && seen.every((request) => oauth.userOf(request.authorization) === 'bob'),
      `${site}: bob's token`,
    );
  }
  const cloudPaths = requests.filter((request) => request.site === 'cloudjira').map((request) => request.path);
  t.ok(cloudPaths.length > 0, 'Cloud calls go through the API gateway by the matched cloud id');
  const wiki = requests.filter((request) => request.site === 'cloudwiki');
  t.ok(
    wiki.length > 0 && wiki.every((request) => request.authorization?.startsWith('Basic ')),
    'static credentials kept',
  );

  const vault = gateway.core.signIn!.vault;
  const bobAccount = '5b10ac8d82e05b22cc7d4ef5';
  t.equal((await vault.tokens(bobAccount, 'jira-cloudjira'))?.cloud_id, cloudIdOf('cloudjira'), 'site matched by URL');
  t.ok(await vault.tokens(bobAccount, 'jira-dcjira'), 'the Server/DC token is kept under the same user');
});

t.test('a Server/DC instance first: the user key is the identity', async (t) => {
  const dcFirst = [SITES[1]!, SITES[0]!, SITES[2]!];
  const gateway = await start({ dcjira: DC_USER, cloudjira: PER_USER_CLOUD }, dcFirst);
  t.teardown(() => gateway.close());
  const carol = await signInAs(gateway.url, gateway.sandbox.url, 'carol');
  t.teardown(() => carol.close());
  const vault = gateway.core.signIn!.vault;
  t.ok(await vault.tokens('carol', 'jira-dcjira'), 'stored under the Server/DC user key');
  t.ok(await vault.tokens('carol', 'jira-cloudjira'));
});

t.test('a Cloud grant for several sites, none the configured one: the user chooses', async (t) => {
  const gateway = await start({
    cloudjira: { ...PER_USER_CLOUD, url: 'https://acme.atlassian.net' },
  });
  t.teardown(() => gateway.close());
  let offered = '';
  const bob = await signInAs(gateway.url, gateway.sandbox.url, 'bob', undefined, (page) => {
    offered = page.body;
    return { site: cloudIdOf('cloudjira') };
  });
  t.teardown(() => bob.close());
  t.match(offered, /none of them is the one configured for cloudjira/);
  t.match(offered, cloudIdOf('cloudwiki'), 'every site of the grant is offered');
  const result = await call(bob.client)('jira_get_issue', { issue_key: 'WEB-1' });
  t.notOk(result.isError, result.text);
  const used = gateway.sandbox.requests.filter((request) => request.site === 'cloudjira');
  t.ok(used.length > 0, "the chosen site's API is called");
});
