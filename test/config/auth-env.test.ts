/** Auth modes and connection options from the environment and YAML: which mode wins, and every problem named by its variable. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { ConfigError } from '../../src/config/errors.js';
import { loadConfig } from '../../src/config/load.js';

const CLOUD_ID = '11111111-2222-4333-8444-555555555555';

function problemsOf(env: Record<string, string>, configFile?: string): string[] {
  try {
    loadConfig({ env, configFile });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => `${problem.where}: ${problem.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

t.test('each auth mode from env variables, in a mix across instances', async (t) => {
  const dir = t.testdir({ 'client.pem': 'cert', 'client.key': 'key', 'ca.pem': 'ca' });
  const config = loadConfig({
    env: {
      JIRA_URL: 'https://jira.example.com',
      JIRA_PERSONAL_TOKEN: 'pat-1',
      JIRA_CLIENT_CERT: join(dir, 'client.pem'),
      JIRA_CLIENT_KEY: join(dir, 'client.key'),
      JIRA_2_URL: 'https://acme.atlassian.net',
      JIRA_2_INSTANCE_NAME: 'staging',
      JIRA_2_OAUTH_CLIENT_ID: 'cid',
      JIRA_2_OAUTH_CLIENT_SECRET: 'csecret',
      JIRA_2_OAUTH_CLOUD_ID: CLOUD_ID,
      JIRA_2_OAUTH_REDIRECT_URI: 'http://localhost:8765/callback',
      JIRA_2_OAUTH_SCOPE: 'read:jira-work write:jira-work offline_access',
      JIRA_3_URL: 'https://jira-dc.example.com',
      JIRA_3_CLIENT_ID: 'dc-id',
      JIRA_3_CLIENT_SECRET: 'dc-secret',
      JIRA_3_ACCESS_TOKEN: 'dc-access',
      JIRA_3_REFRESH_TOKEN: 'dc-refresh',
      JIRA_4_URL: 'https://mtls-only.example.com',
      JIRA_4_CLIENT_CERT: join(dir, 'client.pem'),
      JIRA_4_CLIENT_KEY: join(dir, 'client.key'),
      JIRA_4_CA_BUNDLE: join(dir, 'ca.pem'),
      JIRA_4_HTTPS_PROXY: 'http://proxy.example.com:3128',
      JIRA_4_CUSTOM_HEADERS: 'X-Team=ops, X-Env=prod=1',
      CONFLUENCE_URL: 'https://acme.atlassian.net',
      ATLASSIAN_OAUTH_ACCESS_TOKEN: 'byo-token',
      ATLASSIAN_OAUTH_CLOUD_ID: CLOUD_ID,
      CONF_2_CLIENT_ID: 'conf-id',
      CONF_2_CLIENT_SECRET: 'conf-secret',
      CONFLUENCE_2_URL: 'https://wiki.example.com',
      CONF_2_REFRESH_TOKEN: 'conf-refresh',
      HTTPS_PROXY: 'http://corp-proxy:8080',
      NO_PROXY: 'localhost,.internal',
      MCP_CA_BUNDLE: join(dir, 'ca.pem'),
      OAUTH_TOKEN_DIR: join(dir, 'tokens'),
    },
  });
  const byName = Object.fromEntries(
    config.instances.map((instance) => [`${instance.product}:${instance.name}`, instance]),
  );
  t.match(
    byName['jira:default'],
    { auth: { type: 'pat', token: 'pat-1' }, client_cert: /client\.pem$/ },
    'PAT with a client certificate',
  );
  t.match(byName['jira:staging'], {
    platform: 'cloud',
    auth: {
      type: 'oauth',
      client_id: 'cid',
      cloud_id: CLOUD_ID,
      scopes: ['read:jira-work', 'write:jira-work', 'offline_access'],
      redirect_uri: 'http://localhost:8765/callback',
    },
  });
  t.match(
    byName['jira:3'],
    {
      platform: 'server',
      auth: { type: 'oauth', client_id: 'dc-id', access_token: 'dc-access', refresh_token: 'dc-refresh' },
    },
    'the short JIRA_CLIENT_ID names',
  );
  t.match(
    byName['jira:4'],
    {
      auth: { type: 'none' },
      proxy: 'http://proxy.example.com:3128',
      custom_headers: { 'X-Team': 'ops', 'X-Env': 'prod=1' },
    },
    'mTLS alone',
  );
  t.match(
    byName['confluence:default'],
    { auth: { type: 'bearer', token: 'byo-token', cloud_id: CLOUD_ID } },
    'the shared ATLASSIAN_OAUTH_ACCESS_TOKEN is a bring-your-own token',
  );
  t.match(
    byName['confluence:2'],
    { auth: { type: 'oauth', client_id: 'conf-id', refresh_token: 'conf-refresh' } },
    'CONF_* names Confluence',
  );
  t.match(config, {
    proxy: { https: 'http://corp-proxy:8080', no_proxy: ['localhost', '.internal'] },
    ca_bundle: /ca\.pem$/,
    oauth_token_dir: /tokens$/,
  });
});

t.test('own credentials beat the shared ATLASSIAN_OAUTH_* ones; own OAuth beats basic', async (t) => {
  const config = loadConfig({
    env: {
      JIRA_URL: 'https://acme.atlassian.net',
      JIRA_USERNAME: 'me@acme.com',
      JIRA_API_TOKEN: 'api-token',
      ATLASSIAN_OAUTH_ACCESS_TOKEN: 'shared',
      ATLASSIAN_OAUTH_CLOUD_ID: CLOUD_ID,
      CONFLUENCE_URL: 'https://acme.atlassian.net',
      CONFLUENCE_USERNAME: 'me@acme.com',
      CONFLUENCE_API_TOKEN: 'api-token',
      CONFLUENCE_OAUTH_ACCESS_TOKEN: 'mine',
      CONFLUENCE_OAUTH_CLOUD_ID: CLOUD_ID,
    },
  });
  t.equal(config.instances[0]!.auth.type, 'basic');
  t.match(config.instances[1]!.auth, { type: 'bearer', token: 'mine' });
});

t.test('problems name the variable and the reason', async (t) => {
  const problems = problemsOf({
    JIRA_URL: 'https://acme.atlassian.net',
    JIRA_OAUTH_CLIENT_ID: 'cid',
    JIRA_3_URL: 'https://jira3.example.com',
    JIRA_3_PERSONAL_TOKEN: 'x',
    JIRA_3_CUSTOM_HEADERS: 'Authorization=evil',
    JIRA_4_URL: 'https://jira4.example.com',
    JIRA_4_PERSONAL_TOKEN: 'x',
    JIRA_4_HTTPS_PROXY: 'socks://nope',
    GATEWAY_API_KEYS: 'short',
  });
  t.ok(problems.includes('JIRA_OAUTH_CLIENT_SECRET: required'), problems.join('\n'));
  t.ok(
    problems.includes(
      'JIRA_3_CUSTOM_HEADERS: Authorization: the gateway sets this header itself (authorization, host, content-length, content-type, transfer-encoding, connection, cookie)',
    ),
    problems.join('\n'),
  );
  t.ok(problems.includes('JIRA_4_HTTPS_PROXY: expected an http(s) proxy URL or none'));
  t.ok(
    problems.some((problem) => /^GATEWAY_API_KEYS.*at least 16 characters/.test(problem)),
    problems.join('\n'),
  );
  for (const problem of problems) t.notMatch(problem, /evil/, 'no header value in a problem');
});

t.test('files and cross-field rules are checked once the shapes are valid', async (t) => {
  const problems = problemsOf({
    JIRA_URL: 'https://acme.atlassian.net',
    JIRA_OAUTH_CLIENT_ID: 'cid',
    JIRA_OAUTH_CLIENT_SECRET: 'secret',
    JIRA_2_URL: 'https://jira.example.com',
    JIRA_2_CLIENT_CERT: '/nonexistent/client.pem',
    CONFLUENCE_URL: 'https://acme.atlassian.net',
    CONFLUENCE_OAUTH_ACCESS_TOKEN: 'tok',
    MCP_CA_BUNDLE: '/nonexistent/ca.pem',
  });
  t.same(problems.sort(), [
    'CONFLUENCE_OAUTH_CLOUD_ID: required for OAuth on Cloud: API calls go through api.atlassian.com by cloud id (oauth-setup prints it)',
    'JIRA_2_CLIENT_CERT: file not found: /nonexistent/client.pem',
    'JIRA_2_CLIENT_KEY: required with a client certificate',
    'JIRA_OAUTH_CLOUD_ID: required for OAuth on Cloud: API calls go through api.atlassian.com by cloud id (oauth-setup prints it)',
    'JIRA_OAUTH_REDIRECT_URI: required for OAuth on Cloud without tokens: oauth-setup signs in through it',
    'MCP_CA_BUNDLE: file not found: /nonexistent/ca.pem',
  ]);
});

t.test(
  'YAML: every mode, connection options, and HTTP(S)_PROXY from the environment when the file has none',
  async (t) => {
    const dir = t.testdir({ 'ca.pem': 'ca' });
    const file = join(dir, 'instances.yaml');
    writeFileSync(
      file,
      `
api_keys:
  - key: \${TEAM_KEY}
    name: team
    instances: [prod]
    read_only: true
multi_tenant:
  enabled: true
  allowed_urls: ["*.atlassian.net", jira.example.com]
instances:
  - name: prod
    product: jira
    url: https://jira.example.com
    auth: { type: oauth, client_id: a, client_secret: b, refresh_token: c }
    proxy: none
    ca_bundle: ${join(dir, 'ca.pem')}
    custom_headers: { X-Team: ops }
  - name: cloud
    product: jira
    url: https://acme.atlassian.net
    auth: { type: bearer, token: t, cloud_id: ${CLOUD_ID} }
`,
    );
    const config = loadConfig({ configFile: file, env: { TEAM_KEY: 'k'.repeat(32), HTTPS_PROXY: 'http://corp:8080' } });
    t.match(config.api_keys, [{ key: 'k'.repeat(32), name: 'team', instances: ['prod'], read_only: true }]);
    t.match(config.multi_tenant, {
      enabled: true,
      allowed_urls: ['*.atlassian.net', 'jira.example.com'],
      allow_http: false,
      allow_private_networks: false,
    });
    t.match(config.instances[0], { proxy: 'none', custom_headers: { 'X-Team': 'ops' }, auth: { type: 'oauth' } });
    t.equal(config.proxy.https, 'http://corp:8080');
    t.same(problemsOf({}, join(dir, 'missing.yaml')), [`${join(dir, 'missing.yaml')}: file not found`]);
  },
);
