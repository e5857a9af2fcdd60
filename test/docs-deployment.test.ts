/**
 * docs/deployment.md runs as written: every command block is marked with the test that runs it (and that test reads
 * the block from the page), and the local-process and systemd sections run here, against the built bundle and a
 * fake Atlassian on 127.0.0.1. The compose and Helm blocks run in test/docker/compose.test.ts and
 * test/deploy/helm.test.ts.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { bundle } from '../scripts/build.js';
import { docBlocks, documentedBlock, documentedCommands, runDocumented } from './helpers/doc-commands.js';
import { run } from './helpers/docker.js';
import { cleanEnv } from './helpers/process.js';

const SECRETS = {
  JIRA_PROD_PAT: 'prod-pat',
  JIRA_STAGING_EMAIL: 'bot@example.com',
  JIRA_STAGING_API_TOKEN: 'staging-token',
  CONFLUENCE_EMAIL: 'bot@example.com',
  CONFLUENCE_API_TOKEN: 'wiki-token',
};

const work = mkdtempSync(join(tmpdir(), 'gateway-docs-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));
const built = join(work, 'opt');
let fake: Server;
let fakeUrl = '';

t.before(async () => {
  await bundle(join(built, 'dist'));
  copyFileSync('package.json', join(built, 'package.json'));
  // Whatever the gateway asks at startup (its probe) gets an empty answer; nothing leaves the machine.
  fake = createServer((_request, response) =>
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
  );
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
  fakeUrl = `http://127.0.0.1:${(fake.address() as { port: number }).port}`;
});
t.teardown(() => fake?.close());

/** "Then edit": the example's sites become the fake. */
function pointAtFake(file: string): void {
  writeFileSync(file, readFileSync(file, 'utf8').replace(/https:\/\/[a-z.-]+\.(com|net)/g, fakeUrl));
}

t.test(
  'every command block of deployment.md names the test that runs it, and that test reads it from the page',
  async (t) => {
    const blocks = docBlocks();
    for (const block of blocks.filter((candidate) => candidate.language === 'bash')) {
      t.ok(block.marker?.kind === 'commands', `marked: ${block.text.split('\n')[0]}`);
    }
    for (const { marker } of blocks) {
      if (!marker) continue;
      t.ok(existsSync(marker.runBy), `${marker.id}: ${marker.runBy} exists`);
      t.match(
        readFileSync(marker.runBy, 'utf8'),
        new RegExp(`documented(Commands|Block)\\('${marker.id}'`),
        `${marker.runBy} reads the ${marker.id} block`,
      );
    }
  },
);

t.test('as a local process: the commands run as written', async (t) => {
  const dir = join(work, 'local');
  mkdirSync(dir);
  copyFileSync('instances.example.yaml', join(dir, 'instances.example.yaml'));
  // The page runs `node dist/main.js` from the checkout: here, a directory with the bundle and the example.
  await run('cp', ['-r', join(built, 'dist'), dir]);
  copyFileSync('package.json', join(dir, 'package.json'));
  const env = cleanEnv({ ...SECRETS, PORT: '0' });
  const [copy, check, serve, ...rest] = documentedCommands('local');
  t.same(rest, [], 'three commands');
  t.equal((await runDocumented(copy!, { cwd: dir, env })).code, 0, copy!);
  pointAtFake(join(dir, 'instances.yaml'));
  const checked = await runDocumented(check!, { cwd: dir, env });
  t.equal(checked.code, 0, checked.stderr);
  t.match(checked.stdout, /^Configuration OK: 3 instance\(s\)/);
  const served = await runDocumented(serve!, { cwd: dir, env });
  t.ok(served.served, 'it serves');
  t.equal(served.code, 0, `and stops cleanly on SIGTERM: ${served.stderr.slice(-500)}`);
});

t.test('as a systemd service: the unit verifies, and its command line and environment run the gateway', async (t) => {
  const dir = join(work, 'systemd');
  mkdirSync(join(dir, 'etc'), { recursive: true });
  const unit = documentedBlock('systemd-unit').text;
  writeFileSync(join(dir, 'atlassian-mcp-gateway.service'), unit);
  const analyze = await run('systemd-analyze', ['--version']);
  if (analyze.code === 0 && existsSync('/usr/bin/node')) {
    const [verify] = documentedCommands('systemd');
    const verified = await runDocumented(verify!, { cwd: dir, env: cleanEnv() });
    t.equal(verified.code, 0, verified.stderr);
    t.equal(verified.stderr.trim(), '', 'no warning about the unit');
  } else {
    t.comment('systemd-analyze or /usr/bin/node is missing here: the unit was not verified, only run');
  }

  const setting = (key: string) =>
    unit
      .split('\n')
      .filter((line) => line.startsWith(`${key}=`))
      .map((line) => line.slice(key.length + 1));
  const state = join(dir, 'state');
  const environment: Record<string, string> = {};
  for (const assignment of setting('Environment').flatMap((line) => line.split(/\s+/))) {
    const [name, ...value] = assignment.split('=');
    environment[name!] = value.join('=').replaceAll('%S', state);
  }
  for (const line of documentedBlock('systemd-env')
    .text.split('\n')
    .filter((entry) => entry.includes('='))) {
    const [name, ...value] = line.split('=');
    environment[name!] = value.join('=');
  }
  t.equal(setting('EnvironmentFile')[0], '/etc/atlassian-mcp-gateway/gateway.env');
  const [node, ...args] = setting('ExecStart')[0]!.split(/\s+/);
  t.equal(node, '/usr/bin/node');
  const mapped = args.map((arg) =>
    arg.replace('/opt/atlassian-mcp-gateway', built).replace('/etc/atlassian-mcp-gateway', join(dir, 'etc')),
  );
  copyFileSync('instances.example.yaml', join(dir, 'etc', 'instances.yaml'));
  pointAtFake(join(dir, 'etc', 'instances.yaml'));
  const command = [process.execPath, ...mapped].map((word) => `'${word}'`).join(' ');
  const env = cleanEnv({ ...environment, PORT: '0' });

  const checked = await runDocumented(`${command} --check-config`, { cwd: dir, env });
  t.equal(checked.code, 0, checked.stderr);
  t.match(
    checked.stdout,
    new RegExp(`oauth_token_dir +${state}/atlassian-mcp-gateway/oauth +env OAUTH_TOKEN_DIR`),
    'tokens go to the state directory',
  );
  const served = await runDocumented(command, { cwd: dir, env });
  t.ok(served.served, 'it serves');
  t.equal(served.code, 0, 'and stops cleanly on SIGTERM');
  t.ok(Number(setting('TimeoutStopSec')[0]) > 10, "systemd waits longer than the gateway's own shutdown grace (10 s)");
});
