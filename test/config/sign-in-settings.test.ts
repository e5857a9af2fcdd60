/** Sign-in settings that do not fit together are refused at startup, naming the setting at fault. */
import t from 'tap';
import { ConfigError } from '../../src/config/errors.js';
import { configOf, jiraInstance } from '../helpers/catalog.js';

const PER_USER = { auth: { type: 'per_user', client_id: 'app', client_secret: 'secret' } };

function problemsOf(raw: Record<string, unknown>): string[] {
  try {
    configOf(raw);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => `${problem.where}: ${problem.message}`);
    throw error;
  }
  return [];
}

t.test('sign-in is off by default, and per-user instances need it', async (t) => {
  t.equal(configOf({ instances: [jiraInstance('prod')] }).auth.mode, 'none');
  t.same(problemsOf({ instances: [jiraInstance('prod', PER_USER)] }), [
    'instances[0].auth.type: per_user sign-in needs auth.mode: oauth (MCP_AUTH=oauth)',
  ]);
  t.same(problemsOf({ auth: { mode: 'oauth' }, instances: [jiraInstance('prod', PER_USER)] }), []);
});

t.test('oauth without a per-user instance is a warning', async (t) => {
  const config = configOf({ auth: { mode: 'oauth' }, instances: [jiraInstance('prod')] });
  t.match(config.warnings.join('\n'), /auth\.mode: oauth sign-in without an instance of auth type per_user/);
});

t.test('the file vault needs a directory and a key; key and key file exclude each other', async (t) => {
  const instances = [jiraInstance('prod', PER_USER)];
  t.same(problemsOf({ auth: { mode: 'oauth', vault: 'file' }, instances }), [
    'auth.vault_dir: required with vault: file',
    'auth.key: the file vault is encrypted with this key: set auth.key (MCP_AUTH_KEY) or auth.key_file',
  ]);
  t.same(
    problemsOf({
      auth: { mode: 'oauth', key: 'k'.repeat(32), key_file: '/etc/key', vault: 'file', vault_dir: '/tmp/v' },
      instances,
    }),
    ['auth.key_file: set auth.key or auth.key_file, not both'],
  );
  t.match(problemsOf({ auth: { mode: 'oauth', key: 'short' }, instances }), ['auth.key: at least 32 characters']);
  t.same(problemsOf({ auth: { mode: 'oauth' }, multi_tenant: { enabled: true }, instances }), [
    'auth.mode: oauth sign-in and multi_tenant both use the Authorization header: turn one of them off',
  ]);
});
