/**
 * One precedence rule for every process-wide setting: command-line flag > environment > YAML file > default,
 * and the loader says where each value came from.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/load.js';
import { PROCESS_SETTINGS } from '../../src/config/settings.js';

const INSTANCE = {
  name: 'prod',
  product: 'jira',
  url: 'https://jira.example.com',
  auth: { type: 'pat', token: 'pat' },
};

/**
 * Two valid values per setting, one for the file and one for the environment (and the command line), told apart
 * once parsed. A new setting needs a row here; the test below says so.
 */
const SAMPLES: Readonly<Record<string, { file: unknown; env: string; parsed: [unknown, unknown] }>> = {
  transport: { file: 'stdio', env: 'sse', parsed: ['stdio', 'http'] },
  'server.host': { file: '127.0.0.1', env: '0.0.0.0', parsed: ['127.0.0.1', '0.0.0.0'] },
  'server.port': { file: 9302, env: '9303', parsed: [9302, 9303] },
  'server.stateful': { file: false, env: 'true', parsed: [false, true] },
  log_level: { file: 'warn', env: 'debug', parsed: ['warn', 'debug'] },
  read_only: { file: false, env: 'yes', parsed: [false, true] },
  modules: { file: ['jira'], env: 'jira,service_desk', parsed: [['jira'], ['jira', 'servicedesk']] },
  toolsets: { file: ['default'], env: 'all', parsed: [['default'], ['all']] },
  enabled_tools: { file: ['jira_get_issue'], env: 'jira_search', parsed: [['jira_get_issue'], ['jira_search']] },
  tool_naming: { file: 'prefix', env: 'argument', parsed: ['prefix', 'argument'] },
  output_schemas: { file: true, env: 'false', parsed: [true, false] },
  attachment_max_bytes: { file: 1000, env: '2000', parsed: [1000, 2000] },
  max_response_bytes: { file: 100000, env: '200000', parsed: [100000, 200000] },
  max_answer_chars: { file: 5000, env: '6000', parsed: [5000, 6000] },
  resource_poll_interval: { file: 60, env: '120', parsed: [60, 120] },
  'server.session_idle_timeout': { file: 60, env: '120', parsed: [60, 120] },
  'server.allowed_hosts': {
    file: ['a.example.com'],
    env: 'b.example.com,c.example.com',
    parsed: [['a.example.com'], ['b.example.com', 'c.example.com']],
  },
  'server.allowed_origins': {
    file: ['a.example.com'],
    env: 'b.example.com',
    parsed: [['a.example.com'], ['b.example.com']],
  },
  'server.body_limit': { file: 1024, env: '2048', parsed: [1024, 2048] },
  'server.shutdown_grace': { file: 5, env: '7', parsed: [5, 7] },
  'server.request_timeout': { file: 10, env: '20', parsed: [10, 20] },
  'server.max_connections': { file: 10, env: '20', parsed: [10, 20] },
  'server.max_sessions': { file: 10, env: '20', parsed: [10, 20] },
  'server.max_sessions_per_caller': { file: 3, env: '4', parsed: [3, 4] },
  'server.connection_buffer_limit': { file: 4096, env: '8192', parsed: [4096, 8192] },
  'metrics.enabled': { file: false, env: 'true', parsed: [false, true] },
  'metrics.token': {
    file: 'file-metrics-token-0123',
    env: 'env-metrics-token-0123',
    parsed: ['file-metrics-token-0123', 'env-metrics-token-0123'],
  },
  'metrics.port': { file: 9464, env: '9465', parsed: [9464, 9465] },
  'metrics.host': { file: '127.0.0.1', env: '0.0.0.0', parsed: ['127.0.0.1', '0.0.0.0'] },
  ca_bundle: { file: 'package.json', env: 'README.md', parsed: ['package.json', 'README.md'] },
  'state.redis_url': {
    file: 'redis://cache-a:6379',
    env: 'rediss://:pw@cache-b:6380/1',
    parsed: ['redis://cache-a:6379', 'rediss://:pw@cache-b:6380/1'],
  },
  oauth_token_dir: { file: '/var/lib/a', env: '/var/lib/b', parsed: ['/var/lib/a', '/var/lib/b'] },
  api_keys: {
    file: ['file-key-0123456789'],
    env: 'env-key-0123456789',
    parsed: [
      [{ key: 'file-key-0123456789', read_only: false, admin: false }],
      [{ key: 'env-key-0123456789', read_only: false, admin: false }],
    ],
  },
  'auth.mode': { file: 'none', env: 'oauth', parsed: ['none', 'oauth'] },
  'auth.public_url': {
    file: 'https://a.example.com',
    env: 'https://b.example.com/',
    parsed: ['https://a.example.com', 'https://b.example.com'],
  },
  'auth.key': {
    file: 'file-key-0123456789abcdef0123456789',
    env: 'env-key-0123456789abcdef0123456789ab',
    parsed: ['file-key-0123456789abcdef0123456789', 'env-key-0123456789abcdef0123456789ab'],
  },
  'auth.key_file': { file: '/etc/a.key', env: '/etc/b.key', parsed: ['/etc/a.key', '/etc/b.key'] },
  'auth.vault': { file: 'file', env: 'memory', parsed: ['file', 'memory'] },
  'auth.vault_dir': { file: '/var/lib/a', env: '/var/lib/b', parsed: ['/var/lib/a', '/var/lib/b'] },
  'auth.dynamic_registration': { file: true, env: 'false', parsed: [true, false] },
  'auth.client_metadata_documents': { file: true, env: 'false', parsed: [true, false] },
  'auth.access_token_ttl': { file: 600, env: '900', parsed: [600, 900] },
  'auth.refresh_token_ttl': { file: 3600, env: '7200', parsed: [3600, 7200] },
  'auth.rate_limit': { file: 30, env: '40', parsed: [30, 40] },
  'auth.user_metrics_label': { file: false, env: 'true', parsed: [false, true] },
  'multi_tenant.enabled': { file: false, env: 'true', parsed: [false, true] },
  'multi_tenant.allowed_urls': {
    file: ['*.atlassian.net'],
    env: 'jira.example.com',
    parsed: [['*.atlassian.net'], ['jira.example.com']],
  },
  'multi_tenant.allow_http': { file: false, env: 'true', parsed: [false, true] },
  'multi_tenant.allow_private_networks': { file: false, env: 'true', parsed: [false, true] },
  'multi_tenant.static_credentials_fallback': { file: false, env: 'true', parsed: [false, true] },
  'proxy.http': {
    file: 'http://file-proxy:3128',
    env: 'http://env-proxy:3128',
    parsed: ['http://file-proxy:3128', 'http://env-proxy:3128'],
  },
  'proxy.https': {
    file: 'http://file-proxy:3128',
    env: 'http://env-proxy:3128',
    parsed: ['http://file-proxy:3128', 'http://env-proxy:3128'],
  },
  'proxy.no_proxy': { file: ['a.example.com'], env: 'b.example.com', parsed: [['a.example.com'], ['b.example.com']] },
};

/** Command-line values for the settings that have a flag, as parseCli hands them over. */
const FLAG_VALUES: Readonly<Record<string, [string | number | boolean, unknown]>> = {
  transport: ['stdio', 'stdio'],
  'server.host': ['::1', '::1'],
  'server.port': [9400, 9400],
  'server.stateful': [true, true],
  log_level: ['error', 'error'],
  'auth.mode': ['none', 'none'],
};

function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);
}

function fileWith(t: { testdir: () => string }, settings: Record<string, unknown>): string {
  const document: Record<string, unknown> = { instances: [INSTANCE] };
  for (const [path, value] of Object.entries(settings)) {
    const keys = path.split('.');
    const leaf = keys.pop()!;
    let target = document;
    for (const key of keys) target = (target[key] ??= {}) as Record<string, unknown>;
    target[leaf] = value;
  }
  const file = join(t.testdir(), 'instances.yaml');
  writeFileSync(file, stringify(document));
  return file;
}

t.test('every process-wide setting has samples here', async (t) => {
  for (const setting of PROCESS_SETTINGS) t.ok(SAMPLES[setting.path], `${setting.path}: add a row to SAMPLES`);
});

for (const setting of PROCESS_SETTINGS) {
  const sample = SAMPLES[setting.path];
  if (!sample) continue;
  t.test(`${setting.path}: flag > environment > file > default`, async (t) => {
    const file = fileWith(t, { [setting.path]: sample.file });
    const fromFile = loadConfig({ configFile: file, env: {} });
    t.same(at(fromFile, setting.path), sample.parsed[0], 'the file sets it');
    t.equal(fromFile.origins.get(setting.path), `file ${file}`);

    for (const variable of setting.env) {
      const fromEnv = loadConfig({ configFile: file, env: { [variable]: sample.env } });
      t.same(at(fromEnv, setting.path), sample.parsed[1], `${variable} beats the file`);
      t.equal(fromEnv.origins.get(setting.path), `env ${variable}`);
    }
    if (setting.env.length > 1) {
      const [strongest, ...weaker] = setting.env;
      const both = loadConfig({
        configFile: file,
        env: { [strongest!]: sample.env, ...Object.fromEntries(weaker.map((name) => [name, 'ignored'])) },
      });
      t.equal(both.origins.get(setting.path), `env ${strongest}`, `${strongest} beats ${weaker.join(', ')}`);
    }
    if (setting.flag) {
      const [given, parsed] = FLAG_VALUES[setting.path]!;
      const fromFlag = loadConfig({
        configFile: file,
        env: { [setting.env[0]!]: sample.env },
        flags: { [setting.path]: given },
      });
      t.same(at(fromFlag, setting.path), parsed, `${setting.flag} beats ${setting.env[0]} and the file`);
      t.equal(fromFlag.origins.get(setting.path), `flag ${setting.flag}`);
    }
    const fromNothing = loadConfig({ configFile: fileWith(t, {}), env: {} });
    t.equal(fromNothing.origins.get(setting.path), undefined, 'otherwise the default, which the check prints as such');
  });
}

t.test(
  'the environment sets process-wide settings with a file too, as in the container (HOST, PORT, LOG_LEVEL…)',
  async (t) => {
    const file = fileWith(t, { 'server.host': '127.0.0.1', 'server.port': 9302, log_level: 'info' });
    const config = loadConfig({
      configFile: file,
      env: { HOST: '0.0.0.0', PORT: '9303', LOG_LEVEL: 'warn', TOOLSETS: 'all', MCP_ALLOWED_HOSTS: 'mcp.example.com' },
    });
    t.match(config.server, { host: '0.0.0.0', port: 9303, allowed_hosts: ['mcp.example.com'] });
    t.equal(config.log_level, 'warn');
    t.same(config.toolsets, ['all']);
  },
);

t.test('the demo takes process-wide settings from the environment and the command line', async (t) => {
  const config = loadConfig({
    demo: [INSTANCE],
    env: { PORT: '9302', LOG_LEVEL: 'warn' },
    flags: { log_level: 'error' },
  });
  t.equal(config.server.port, 9302);
  t.equal(config.log_level, 'error');
  t.equal(config.instances[0]!.url, 'https://jira.example.com');
});

t.test('a value that fails validation names the flag or variable that set it', async (t) => {
  const file = fileWith(t, { 'server.port': 9302 });
  t.throws(() => loadConfig({ configFile: file, env: { PORT: 'soon' } }), { message: /- PORT: expected a number/ });
  t.throws(() => loadConfig({ configFile: file, env: {}, flags: { log_level: 'loud' } }), {
    message: /- --log-level: /,
  });
});
