/**
 * The OAuth token store on a real file system: a directory that already existed with loose permissions is made
 * private, the token file is 0600, and a symlink planted where a temporary file could be named is never followed.
 */
import { chmodSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { fileTokenStore } from '../../src/atlassian/credentials/token-store.js';

t.test('a pre-existing open directory is made private and the file is 0600', async (t) => {
  const directory = join(t.testdir(), 'oauth');
  mkdirSync(directory, { mode: 0o777 });
  chmodSync(directory, 0o777);
  const store = fileTokenStore(directory);
  store.save('jira-prod', { access_token: 'a', refresh_token: 'r' });
  t.equal(statSync(directory).mode & 0o777, 0o700);
  t.equal(statSync(store.locate('jira-prod')).mode & 0o777, 0o600);
  t.same(store.load('jira-prod'), { access_token: 'a', refresh_token: 'r' });
  t.same(readdirSync(directory), ['jira-prod.json'], 'no temporary file is left behind');
});

t.test('symlinks planted at the temporary names an attacker could predict are not followed', async (t) => {
  const root = t.testdir();
  const directory = join(root, 'oauth');
  const victim = join(root, 'victim.txt');
  writeFileSync(victim, 'untouched\n');
  mkdirSync(directory, { mode: 0o700 });
  const file = fileTokenStore(directory).locate('jira-prod');
  // Every name of the form the store used to write through (`<file>.<pid>.tmp`), for this and nearby processes.
  for (let pid = process.pid - 5; pid <= process.pid + 5; pid++) symlinkSync(victim, `${file}.${pid}.tmp`);
  fileTokenStore(directory).save('jira-prod', { access_token: 'secret-access' });
  t.equal(readFileSync(victim, 'utf8'), 'untouched\n', 'the symlink target was not written');
  t.match(readFileSync(file, 'utf8'), /secret-access/);
});
