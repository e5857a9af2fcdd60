/**
 * Unknown JIRA_*, CONFLUENCE_* and SERVICEDESK_* variables are configuration errors naming the nearest known
 * name, so a typo cannot silently leave an allow-list off or rename an instance; other tools' variables pass.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { ConfigError } from '../../src/config/errors.js';
import { loadConfig, type LoadOptions } from '../../src/config/load.js';

const JIRA = { JIRA_URL: 'https://jira.example.com', JIRA_PERSONAL_TOKEN: 'pat' };

function problemsOf(options: LoadOptions): string[] {
  try {
    loadConfig(options);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => `${problem.where}: ${problem.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

t.test('a misspelt allow-list variable is an error naming the real one, not an open allow-list', async (t) => {
  t.same(problemsOf({ env: { ...JIRA, JIRA_PROJECT_FILTER: 'OPS' } }), [
    'JIRA_PROJECT_FILTER: not a known setting; did you mean JIRA_PROJECTS_FILTER?',
  ]);
  t.same(
    problemsOf({
      env: {
        CONFLUENCE_URL: 'https://wiki.example.com',
        CONFLUENCE_PERSONAL_TOKEN: 'pat',
        CONFLUENCE_SPACE_FILTER: 'ENG',
      },
    }),
    ['CONFLUENCE_SPACE_FILTER: not a known setting; did you mean CONFLUENCE_SPACES_FILTER?'],
  );
  t.same(
    problemsOf({
      env: {
        ...JIRA,
        JIRA_2_URL: 'https://j2.example.com',
        JIRA_2_PERSONAL_TOKEN: 'pat',
        JIRA_2_INSTANCE_NAM: 'staging',
      },
    }),
    ['JIRA_2_INSTANCE_NAM: not a known setting; did you mean JIRA_2_INSTANCE_NAME?'],
    'numbered variables are checked against their own number',
  );
});

t.test('every unknown variable is reported at once, SERVICEDESK_* included', async (t) => {
  t.same(
    problemsOf({
      env: {
        ...JIRA,
        JIRA_PROJECT_FILTER: 'OPS',
        SERVICEDESK_URL: 'https://jira.example.com',
        CONFLUENCE_3_SPACES_FILTR: 'X',
      },
    }),
    [
      'CONFLUENCE_3_SPACES_FILTR: not a known setting; did you mean CONFLUENCE_3_SPACES_FILTER?',
      'JIRA_PROJECT_FILTER: not a known setting; did you mean JIRA_PROJECTS_FILTER?',
      'SERVICEDESK_URL: not a known setting: Service Management rides on Jira instances (JIRA_SERVICEDESK, JIRA_N_SERVICEDESK) and ATLASSIAN_MODULES',
    ],
  );
});

t.test("other tools' variables in the same namespaces are left alone, with a debug note", async (t) => {
  const config = loadConfig({
    env: {
      ...JIRA,
      JIRA_HOME: '/var/atlassian/jira',
      CONFLUENCE_HOME: '/var/atlassian/confluence',
      JIRA_AUTH_TYPE: 'bearer',
    },
  });
  t.equal(config.instances.length, 1);
  t.same(config.warnings, []);
  t.same(config.notes, [
    'CONFLUENCE_HOME is left alone: it belongs to Confluence installations, not to the gateway',
    'JIRA_AUTH_TYPE is left alone: it belongs to jira-cli, not to the gateway',
    'JIRA_HOME is left alone: it belongs to Jira installations, not to the gateway',
  ]);
});

t.test('an empty variable is unset, whatever its name', async (t) => {
  t.equal(loadConfig({ env: { ...JIRA, JIRA_PROJECT_FILTER: '' } }).instances.length, 1);
});

t.test(
  'with a YAML file, the variables it reads are known; unread instance variables are named in a warning',
  async (t) => {
    const file = join(t.testdir(), 'instances.yaml');
    writeFileSync(
      file,
      'instances:\n  - name: staging\n    product: jira\n    url: https://example.atlassian.net\n' +
        '    auth: { type: basic, username: "${JIRA_STAGING_EMAIL}", token: "${JIRA_STAGING_API_TOKEN}" }\n',
    );
    const env = { JIRA_STAGING_EMAIL: 'me@example.com', JIRA_STAGING_API_TOKEN: 'token' };
    const config = loadConfig({
      configFile: file,
      env: { ...env, JIRA_URL: 'https://other.example.com', JIRA_PROJECTS_FILTER: 'OPS' },
    });
    t.same(config.warnings, [
      `JIRA_PROJECTS_FILTER, JIRA_URL ignored: ${file} defines the instances (read a variable there with \${NAME})`,
    ]);
    t.same(problemsOf({ configFile: file, env: { ...env, JIRA_STAGING_EMIAL: 'typo@example.com' } }), [
      'JIRA_STAGING_EMIAL: not a known setting; did you mean JIRA_STAGING_EMAIL?',
    ]);
  },
);

t.test('the demo ignores instance variables: its instances are the sandbox', async (t) => {
  const config = loadConfig({
    demo: [{ name: 'prod', product: 'jira', url: 'https://jira.example.com', auth: { type: 'pat', token: 'x' } }],
    env: { JIRA_PROJECT_FILTER: 'OPS' },
  });
  t.same(config.warnings, []);
});

t.test('a too short API key is named by its position, never by its value', async (t) => {
  const problems = problemsOf({ env: { ...JIRA, GATEWAY_API_KEYS: 'a-long-enough-key-0123456789,short-key' } });
  t.same(problems, ['GATEWAY_API_KEYS (entry 2): at least 16 characters']);
  t.notMatch(problems.join('\n'), /short-key/);
});

t.test('a file that cannot be read is reported alone, without guesses about the variables it would read', async (t) => {
  t.same(problemsOf({ configFile: '/nonexistent/instances.yaml', env: { JIRA_PROD_PAT: 'pat' } }), [
    '/nonexistent/instances.yaml: file not found',
  ]);
});
