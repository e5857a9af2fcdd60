/** The per-instance concurrency, rate and circuit-breaker settings, from environment variables and from YAML. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { ConfigError } from '../../src/config/errors.js';
import { loadConfig } from '../../src/config/load.js';

const base = { JIRA_URL: 'https://acme.atlassian.net', JIRA_USERNAME: 'me@acme.com', JIRA_API_TOKEN: 'token-1' };

t.test('defaults: 64 at once, no rate limit, the breaker opens after 5 failures for 30 s', async (t) => {
  const [instance] = loadConfig({ env: base }).instances;
  t.match(instance, { max_concurrency: 64, circuit_breaker_failures: 5, circuit_breaker_cooldown: 30 });
  t.equal(instance?.requests_per_second, undefined);
});

t.test('environment variables set them per instance', async (t) => {
  const config = loadConfig({
    env: {
      ...base,
      JIRA_MAX_CONCURRENCY: '8',
      JIRA_REQUESTS_PER_SECOND: '2.5',
      JIRA_2_URL: 'https://jira.example.com',
      JIRA_2_PERSONAL_TOKEN: 'pat-2',
      JIRA_2_CIRCUIT_BREAKER_FAILURES: '0',
      JIRA_2_CIRCUIT_BREAKER_COOLDOWN: '5',
    },
  });
  t.match(config.instances[0], { max_concurrency: 8, requests_per_second: 2.5, circuit_breaker_failures: 5 });
  t.match(config.instances[1], { max_concurrency: 64, circuit_breaker_failures: 0, circuit_breaker_cooldown: 5 });
});

t.test('YAML sets them too, and bad values name their setting', async (t) => {
  const dir = t.testdir();
  const file = join(dir, 'instances.yaml');
  writeFileSync(
    file,
    [
      'instances:',
      '  - name: prod',
      '    product: jira',
      '    url: https://acme.atlassian.net',
      '    auth: { type: basic, username: me@acme.com, token: t }',
      '    max_concurrency: 4',
      '    requests_per_second: 10',
    ].join('\n'),
  );
  t.match(loadConfig({ configFile: file, env: {} }).instances[0], { max_concurrency: 4, requests_per_second: 10 });
  try {
    loadConfig({ env: { ...base, JIRA_MAX_CONCURRENCY: '0', JIRA_REQUESTS_PER_SECOND: 'fast' } });
    t.fail('expected a ConfigError');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const problems = error.problems.map((problem) => `${problem.where}: ${problem.message}`);
    t.match(problems.join('\n'), /JIRA_MAX_CONCURRENCY: /);
    t.match(problems.join('\n'), /JIRA_REQUESTS_PER_SECOND: expected a number/);
  }
});
