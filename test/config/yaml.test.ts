/** YAML instances files: interpolation, defaults, rules, and problems reported with their YAML path. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { ConfigError } from '../../src/config/errors.js';
import { loadConfig } from '../../src/config/load.js';

function writeConfig(t: { testdir: () => string }, text: string): string {
  const dir = t.testdir();
  const file = join(dir, 'instances.yaml');
  writeFileSync(file, text);
  return file;
}

function problemsOf(file: string, env: Record<string, string> = {}): string[] {
  try {
    loadConfig({ configFile: file, env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => `${problem.where}: ${problem.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

t.test('the shipped example loads with its variables set', async (t) => {
  const env = {
    JIRA_PROD_PAT: 'a',
    JIRA_STAGING_EMAIL: 'staging@example.com',
    JIRA_STAGING_API_TOKEN: 'b',
    CONFLUENCE_EMAIL: 'wiki@example.com',
    CONFLUENCE_API_TOKEN: 'c',
  };
  const config = loadConfig({ configFile: 'instances.example.yaml', env });
  t.same(
    config.instances.map((instance) => [
      instance.name,
      instance.product,
      instance.platform,
      instance.isDefault,
      instance.auth.type,
    ]),
    [
      ['prod', 'jira', 'server', true, 'pat'],
      ['staging', 'jira', 'cloud', false, 'basic'],
      ['wiki', 'confluence', 'cloud', true, 'basic'],
    ],
  );
  t.equal(
    config.instances[1]!.auth.type === 'basic' && config.instances[1]!.auth.username,
    'staging@example.com',
    'the Cloud username comes from the environment',
  );
  t.equal(config.instances[1]!.read_only, true);
});

t.test('ATLASSIAN_GATEWAY_CONFIG names the file; ${VAR} is interpolated; $$ escapes', async (t) => {
  const file = writeConfig(
    t,
    `instances:\n  - name: ops\n    product: jira\n    url: \${OPS_URL}\n    auth: { type: pat, token: "\${OPS_PAT}" }\n    description: "costs $$5"\n`,
  );
  const config = loadConfig({
    env: { ATLASSIAN_GATEWAY_CONFIG: file, OPS_URL: 'https://jira.ops.example.com', OPS_PAT: 'secret' },
  });
  t.equal(config.instances[0]!.url, 'https://jira.ops.example.com');
  t.equal(config.instances[0]!.isDefault, true, 'the first instance of a product is the default when none is marked');
  t.equal(config.instances[0]!.description, 'costs $5');
});

t.test('problems name the YAML path, all at once', async (t) => {
  const file = writeConfig(
    t,
    [
      'read_only: sometimes',
      'colour: blue',
      'instances:',
      '  - name: prod',
      '    product: jira',
      '    url: https://jira.example.com',
      '    default: true',
      '    auth: { type: pat, token: "${MISSING_PAT}" }',
      '  - name: prod',
      '    product: jira',
      '    url: https://jira2.example.com',
      '    default: true',
      '    auth: { type: basic, username: me }',
      '  - name: wiki',
      '    product: confluense',
      '    url: https://wiki.example.com',
      '    auth: { type: oauth2 }',
      '    timeout: 0',
      '',
    ].join('\n'),
  );
  const problems = problemsOf(file);
  t.match(problems, [
    /^instances\[0\]\.auth\.token: environment variable MISSING_PAT is not set/,
    /^read_only: expected true or false$/,
    /^instances\[1\]\.auth\.token: required$/,
    /^instances\[2\]\.product: expected one of jira, confluence$/,
    /^instances\[2\]\.auth(\.type)?: expected auth\.type basic/,
    /^instances\[2\]\.timeout: /,
    /: unknown key: colour$/,
  ]);
  t.equal(problems.length, 7, problems.join('\n'));
});

t.test('duplicate names and two defaults are rejected after the schema passes', async (t) => {
  const file = writeConfig(
    t,
    [
      'instances:',
      ...[1, 2].flatMap((n) => [
        `  - name: prod`,
        '    product: jira',
        `    url: https://j${n}.example.com`,
        '    default: true',
        '    auth: { type: pat, token: t }',
      ]),
    ].join('\n'),
  );
  const problems = problemsOf(file);
  t.match(problems, [
    /^instances\[1\]\.name: duplicate jira instance name "prod"/,
    /^instances\[1\]\.default: only one jira instance can be the default/,
  ]);
  t.equal(problems.length, 2);
});

t.test('an instance without auth is skipped with a warning', async (t) => {
  const file = writeConfig(
    t,
    'instances:\n  - name: a\n    product: jira\n    url: https://a.example.com\n  - name: b\n    product: jira\n    url: https://b.example.com\n    timeout: nope\n    auth: { type: pat, token: t }\n',
  );
  t.match(
    problemsOf(file),
    [/^instances\[1\]\.timeout: expected a number$/],
    'paths still point at the original entries',
  );
});

t.test('unreadable and malformed files', async (t) => {
  t.match(problemsOf('/nonexistent/instances.yaml'), [/^\/nonexistent\/instances\.yaml: file not found$/]);
  const file = writeConfig(t, 'instances:\n  - name: a\n   product: jira\n');
  t.match(problemsOf(file), [/instances\.yaml:\d+:\d+: /]);
  const list = writeConfig(t, '- just\n- a list\n');
  t.match(problemsOf(list), [/expected a mapping with an `instances` list/]);
});

t.test('two API keys with the same name are refused, naming both', async (t) => {
  const file = writeConfig(
    t,
    `
api_keys:
  - { key: "reader-key-0123456789", name: team, read_only: true }
  - { key: "writer-key-0123456789", name: team }
  - { key: "third-key-01234567890" }
  - { key: "fourth-key-0123456789", name: key 3 }
instances: []
`,
  );
  t.same(problemsOf(file), [
    'api_keys[1].name: duplicate key name "team" (entries 1 and 2); give each key its own name',
    'api_keys[3].name: duplicate key name "key 3" (entries 3 and 4); give each key its own name',
  ]);
});

t.test('a header entry that is not a valid name is named only as far as it is one', async (t) => {
  const file = writeConfig(
    t,
    `
instances:
  - { name: a, product: jira, url: "https://j.example.com", auth: { type: pat, token: x }, custom_headers: { "X-Api-Key: s3cret-value": v } }
`,
  );
  t.same(problemsOf(file), ['instances[0].custom_headers: X-Api-Key…: not a valid header name']);
});
