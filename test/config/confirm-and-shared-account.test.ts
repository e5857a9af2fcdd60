/** `confirm_destructive` and `shared_account`: per instance, from YAML keys or `JIRA_N_*` / `CONFLUENCE_*` variables. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/load.js';

t.test('the environment sets both per instance, and they are off by default', async (t) => {
  const config = loadConfig({
    env: {
      JIRA_URL: 'https://acme.atlassian.net',
      JIRA_USERNAME: 'bot@acme.com',
      JIRA_API_TOKEN: 'token-1',
      JIRA_CONFIRM_DESTRUCTIVE: 'true',
      JIRA_SHARED_ACCOUNT: 'yes',
      JIRA_2_URL: 'https://jira.example.com',
      JIRA_2_PERSONAL_TOKEN: 'pat-2',
      CONFLUENCE_URL: 'https://acme.atlassian.net',
      CONFLUENCE_USERNAME: 'bot@acme.com',
      CONFLUENCE_API_TOKEN: 'token-c',
      CONFLUENCE_CONFIRM_DESTRUCTIVE: '1',
    },
  });
  const byName = Object.fromEntries(
    config.instances.map((instance) => [`${instance.product}:${instance.name}`, instance]),
  );
  t.equal(byName['jira:default']!.confirm_destructive, true);
  t.equal(byName['jira:default']!.shared_account, true);
  t.equal(byName['jira:2']!.confirm_destructive, false);
  t.equal(byName['jira:2']!.shared_account, false);
  t.equal(byName['confluence:default']!.confirm_destructive, true);
});

t.test('YAML sets them as instance keys', async (t) => {
  const file = join(t.testdir({}), 'instances.yaml');
  writeFileSync(
    file,
    stringify({
      instances: [
        {
          name: 'prod',
          product: 'jira',
          url: 'https://jira.example.com',
          auth: { type: 'pat', token: 'pat-1' },
          confirm_destructive: true,
          shared_account: true,
        },
      ],
    }),
  );
  const [prod] = loadConfig({ configFile: file, env: {} }).instances;
  t.equal(prod!.confirm_destructive, true);
  t.equal(prod!.shared_account, true);
});
