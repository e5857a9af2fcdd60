/** `REDIS_URL` / `state.redis_url`: off by default, taken from either place, and a bad URL names where it came from. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { ConfigError } from '../../src/config/errors.js';
import { loadConfig } from '../../src/config/load.js';
import { cleanEnv, runGateway } from '../helpers/process.js';

t.test('without it, state stays in memory', async (t) => {
  t.equal(loadConfig({ env: {} }).state.redis_url, undefined);
});

t.test('REDIS_URL or the YAML key sets it; the variable wins', async (t) => {
  t.equal(loadConfig({ env: { REDIS_URL: 'redis://cache:6379/1' } }).state.redis_url, 'redis://cache:6379/1');
  const file = join(t.testdir(), 'gateway.yaml');
  writeFileSync(file, 'state:\n  redis_url: rediss://:pw@cache.internal:6380\n');
  t.equal(loadConfig({ configFile: file, env: {} }).state.redis_url, 'rediss://:pw@cache.internal:6380');
  t.equal(
    loadConfig({ configFile: file, env: { REDIS_URL: 'redis://other:6379' } }).state.redis_url,
    'redis://other:6379',
  );
});

t.test('a URL that is not a Redis URL is a configuration error naming its variable or YAML path', async (t) => {
  for (const [source, where] of [
    [{ env: { REDIS_URL: 'http://cache:6379' } }, 'REDIS_URL'],
    [{ env: { REDIS_URL: 'redis://cache:6379/not-a-db' } }, 'REDIS_URL'],
  ] as const) {
    const error = (() => {
      try {
        loadConfig(source);
        return undefined;
      } catch (failure) {
        return failure;
      }
    })();
    t.type(error, ConfigError);
    t.match((error as Error).message, where);
  }
  const file = join(t.testdir(), 'bad.yaml');
  writeFileSync(file, 'state:\n  redis_url: cache:6379\n');
  t.throws(() => loadConfig({ configFile: file, env: {} }), { message: /state\.redis_url/ });
});

t.test('the process refuses to start on a bad REDIS_URL, and does not echo its password', async (t) => {
  const run = await runGateway(['--transport', 'http'], cleanEnv({ REDIS_URL: 'http://:hunter2-pass@cache:6379' }));
  t.equal(run.code, 2, 'configuration errors exit 2');
  t.match(run.stderr, 'REDIS_URL');
  t.match(run.stderr, 'expected a redis:// or rediss:// URL');
  t.notMatch(run.stderr, 'hunter2-pass');
});
