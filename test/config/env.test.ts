/** Numbered environment variables become named instances; every problem names its variable. */
import t from 'tap';
import { ConfigError } from '../../src/config/errors.js';
import { loadConfig } from '../../src/config/load.js';

const base = {
  JIRA_URL: 'https://acme.atlassian.net',
  JIRA_USERNAME: 'me@acme.com',
  JIRA_API_TOKEN: 'token-1',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => `${problem.where}: ${problem.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

t.test('the unnumbered instance is the default; numbered ones are named by number or INSTANCE_NAME', async (t) => {
  const config = loadConfig({
    env: {
      ...base,
      JIRA_2_URL: 'https://jira.internal.example.com/',
      JIRA_2_PERSONAL_TOKEN: 'pat-2',
      JIRA_2_INSTANCE_NAME: 'staging',
      JIRA_2_SSL_VERIFY: 'false',
      JIRA_2_TIMEOUT: '12',
      JIRA_2_PROJECTS_FILTER: 'OPS, WEB',
      JIRA_5_URL: 'https://jira5.example.com',
      JIRA_5_PERSONAL_TOKEN: 'pat-5',
      CONFLUENCE_URL: 'https://acme.atlassian.net',
      CONFLUENCE_USERNAME: 'me@acme.com',
      CONFLUENCE_API_TOKEN: 'token-c',
      CONFLUENCE_SPACES_FILTER: 'ENG',
      READ_ONLY_MODE: 'true',
      TOOLSETS: 'default,jira:agile',
      ENABLED_TOOLS: 'jira_get_issue',
      TOOL_NAMING: 'argument',
    },
  });
  const summary = config.instances.map((instance) => [
    instance.product,
    instance.name,
    instance.platform,
    instance.isDefault,
  ]);
  t.same(summary, [
    ['jira', 'default', 'cloud', true],
    ['jira', 'staging', 'server', false],
    ['jira', '5', 'server', false],
    ['confluence', 'default', 'cloud', true],
  ]);
  const staging = config.instances[1]!;
  t.equal(staging.url, 'https://jira.internal.example.com', 'trailing slash removed');
  t.same(staging.auth, { type: 'pat', token: 'pat-2' });
  t.equal(staging.ssl_verify, false);
  t.equal(staging.timeout, 12);
  t.same(staging.projects_filter, ['OPS', 'WEB']);
  t.equal(config.instances[3]!.url, 'https://acme.atlassian.net/wiki', 'Confluence Cloud gets /wiki');
  t.same(config.instances[3]!.spaces_filter, ['ENG']);
  t.equal(config.read_only, true);
  t.same(config.toolsets, ['default', 'jira:agile']);
  t.same(config.enabled_tools, ['jira_get_issue']);
  t.equal(config.tool_naming, 'argument');
});

t.test(
  'an instance with a URL but no credentials is skipped with one warning naming exactly what is missing',
  async (t) => {
    const config = loadConfig({ env: { ...base, JIRA_3_URL: 'https://j3.example.com' } });
    t.equal(config.instances.length, 1);
    t.same(config.warnings, [
      'jira instance JIRA_3_URL=https://j3.example.com skipped: no credentials (set JIRA_3_USERNAME + JIRA_3_API_TOKEN, JIRA_3_PERSONAL_TOKEN, JIRA_3_OAUTH_CLIENT_ID + JIRA_3_OAUTH_CLIENT_SECRET, JIRA_3_OAUTH_ACCESS_TOKEN or JIRA_3_CLIENT_CERT)',
    ]);
    const halfBasic = loadConfig({ env: { ...base, JIRA_3_URL: 'https://j3.example.com', JIRA_3_USERNAME: 'x' } });
    t.same(halfBasic.warnings, [
      'jira instance JIRA_3_URL=https://j3.example.com skipped: JIRA_3_API_TOKEN is not set (JIRA_3_USERNAME is; basic auth needs both)',
    ]);
    const otherHalf = loadConfig({
      env: { ...base, CONFLUENCE_URL: 'https://c.example.com', CONFLUENCE_API_TOKEN: 'x' },
    });
    t.same(otherHalf.warnings, [
      'confluence instance CONFLUENCE_URL=https://c.example.com skipped: CONFLUENCE_USERNAME is not set (CONFLUENCE_API_TOKEN is; basic auth needs both)',
    ]);
  },
);

t.test('all problems are reported together, each with its variable', async (t) => {
  const problems = problemsOf({
    ...base,
    READ_ONLY_MODE: 'maybe',
    TOOL_NAMING: 'suffix',
    JIRA_2_URL: 'ftp://nope',
    JIRA_2_PERSONAL_TOKEN: 'p',
    JIRA_3_URL: 'https://j3.example.com',
    JIRA_3_PERSONAL_TOKEN: 'p',
    JIRA_3_INSTANCE_NAME: 'Bad-Name',
    JIRA_4_URL: 'https://j4.example.com',
    JIRA_4_PERSONAL_TOKEN: 'p',
    JIRA_4_INSTANCE_NAME: 'jira',
    JIRA_4_TIMEOUT: 'soon',
    JIRA_6_URL: 'https://j6.example.com',
    JIRA_6_PERSONAL_TOKEN: 'p',
    JIRA_6_INSTANCE_NAME: 'much_too_long_instance_name',
    JIRA_1_URL: 'https://j1.example.com',
    JIRA_7_PERSONAL_TOKEN: 'orphan',
  });
  t.match(problems, [
    /^JIRA_1_URL: numbering starts at 2; the first instance uses JIRA_URL$/,
    /^JIRA_7_URL: required/,
    /^READ_ONLY_MODE: expected true or false$/,
    /^TOOL_NAMING: expected prefix or argument$/,
    /^JIRA_2_URL: expected an http\(s\) URL$/,
    /^JIRA_3_INSTANCE_NAME: use only lowercase letters, digits and _$/,
    /^JIRA_4_INSTANCE_NAME: reserved name/,
    /^JIRA_4_TIMEOUT: expected a number$/,
    /^JIRA_6_INSTANCE_NAME: at most 20 characters$/,
  ]);
  t.equal(problems.length, 9);
});

t.test('duplicate names within a product are rejected; across products they are fine', async (t) => {
  const problems = problemsOf({
    ...base,
    JIRA_2_URL: 'https://a.example.com',
    JIRA_2_PERSONAL_TOKEN: 'p',
    JIRA_2_INSTANCE_NAME: 'ops',
    JIRA_3_URL: 'https://b.example.com',
    JIRA_3_PERSONAL_TOKEN: 'p',
    JIRA_3_INSTANCE_NAME: 'ops',
  });
  t.match(problems, [/^JIRA_3_INSTANCE_NAME: duplicate jira instance name "ops"/]);
  const config = loadConfig({
    env: {
      ...base,
      JIRA_INSTANCE_NAME: 'ops',
      CONFLUENCE_URL: 'https://c.example.com',
      CONFLUENCE_PERSONAL_TOKEN: 'p',
      CONFLUENCE_INSTANCE_NAME: 'ops',
    },
  });
  t.equal(config.instances.length, 2);
});

t.test('no instances at all is valid (gateway tools only)', async (t) => {
  const config = loadConfig({ env: {} });
  t.same(config.instances, []);
  t.equal(config.server.host, '127.0.0.1', 'binds loopback by default');
  t.equal(config.server.port, 9000);
});

t.test(
  'a site URL with user:password@, a query or a fragment is refused instead of shown to clients and sent',
  async (t) => {
    t.same(problemsOf({ ...base, JIRA_URL: 'https://me%40acme.com:s3cret@acme.atlassian.net' }), [
      'JIRA_URL: must not contain user:password@ (put credentials in auth, or the *_USERNAME/*_API_TOKEN variables)',
    ]);
    for (const url of [
      'https://acme.atlassian.net/?token=QSECRET',
      'https://acme.atlassian.net/#QSECRET',
      'https://acme.atlassian.net?',
    ]) {
      t.same(
        problemsOf({ ...base, JIRA_URL: url }),
        ["JIRA_URL: must be the site's base URL, without ?query or #fragment (the gateway adds the REST paths itself)"],
        url,
      );
    }
    const proxied = loadConfig({ env: { ...base, HTTPS_PROXY: 'http://user:pw@proxy.example.com:3128' } });
    t.equal(
      proxied.proxy.https,
      'http://user:pw@proxy.example.com:3128',
      'a proxy URL may still carry its own credentials',
    );
  },
);

t.test('custom header errors never echo what may be a value', async (t) => {
  const secret = 's3cret-header-value';
  for (const text of [`X-Api-Key: ${secret}`, secret, `X Api Key=${secret}`]) {
    const problems = problemsOf({ ...base, JIRA_CUSTOM_HEADERS: text });
    t.equal(problems.length, 1, text);
    t.match(problems[0], /^JIRA_CUSTOM_HEADERS: /);
    t.notOk(problems.join('\n').includes(secret), `${text}: ${problems.join('; ')}`);
  }
  const config = loadConfig({ env: { ...base, JIRA_CUSTOM_HEADERS: 'X-Tags=a,b, X-Team=ops' } });
  t.same(
    config.instances[0]!.custom_headers,
    { 'X-Tags': 'a,b', 'X-Team': 'ops' },
    'a comma inside a value stays in it',
  );
});

t.test('API keys are told apart by name: duplicate names and duplicate keys are configuration errors', async (t) => {
  const problems = problemsOf({
    ...base,
    GATEWAY_API_KEYS: 'first-key-0123456789,second-key-0123456789,first-key-0123456789',
  });
  t.same(problems, ['GATEWAY_API_KEYS (entry 3): the same key is listed twice (entries 1 and 3)']);
});

t.test('the answer size limits come from MAX_RESPONSE_BYTES and MAX_ANSWER_CHARS, with defaults', async (t) => {
  const defaults = loadConfig({ env: base });
  t.equal(defaults.max_response_bytes, 10 * 1024 * 1024);
  t.equal(defaults.max_answer_chars, 100_000);
  const set = loadConfig({ env: { ...base, MAX_RESPONSE_BYTES: '2097152', MAX_ANSWER_CHARS: '20000' } });
  t.equal(set.max_response_bytes, 2 * 1024 * 1024);
  t.equal(set.max_answer_chars, 20_000);
  t.match(problemsOf({ ...base, MAX_RESPONSE_BYTES: 'lots', MAX_ANSWER_CHARS: '10' }), [
    /^MAX_RESPONSE_BYTES: expected a number$/,
    /^MAX_ANSWER_CHARS: .*1000/,
  ]);
});
