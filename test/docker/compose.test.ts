/**
 * The image and the repository's own docker-compose.yml, built and run as a user runs them. The Dockerfile's base
 * image is the real one where present, else the stand-in scripts/docker-base-image.sh builds from Debian packages.
 * A test override only adds a fake Atlassian service on the compose network, and the test brings its own .env and
 * instances.yaml. Everything stays on this machine: the port is published on 127.0.0.1, the network and volume are
 * the project's own, and the image, containers, network and volume are removed at the end (the base image is kept
 * as a cache).
 *
 * Skipped, loudly, only where no Docker engine answers; under CI (or REQUIRE_SYSTEM_TESTS=1) that is a failure instead.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import t from 'tap';
import { textOf } from '../helpers/clients.js';
import { documentedCommands, runDocumented } from '../helpers/doc-commands.js';
import {
  BUILD_ENV,
  composeCommand,
  DOCKER,
  dockerUnavailable,
  imageContains,
  must,
  run,
  waitHealthy,
} from '../helpers/docker.js';

/** The image may not grow past this: the stand-in base (Debian minbase, Node 24, npm) is about 306 MB of it. */
const IMAGE_SIZE_LIMIT_MB = 340;
/** docker-compose.yml's stop_grace_period. */
const STOP_GRACE_S = 15;

/** The instances the test runs, modelled on instances.example.yaml, all pointing at the fake. */
const INSTANCES = `server:
  host: 127.0.0.1   # the image's HOST=0.0.0.0 wins, or the published port would reach nothing
  port: 9000
instances:
  - name: prod
    product: jira
    default: true
    url: http://fake-atlassian:8080
    platform: server
    auth: { type: pat, token: "\${JIRA_PROD_PAT}" }
  - name: staging
    product: jira
    url: http://fake-atlassian:8080
    platform: cloud
    auth: { type: basic, username: "\${JIRA_STAGING_EMAIL}", token: "\${JIRA_STAGING_API_TOKEN}" }
  - name: ops
    product: jira
    url: http://fake-atlassian:8080
    platform: server
    auth:
      type: oauth
      client_id: "\${JIRA_OPS_CLIENT_ID}"
      client_secret: "\${JIRA_OPS_CLIENT_SECRET}"
      refresh_token: "\${JIRA_OPS_REFRESH_TOKEN}"
  - name: wiki
    product: confluence
    url: http://fake-atlassian:8080
    platform: cloud
    auth: { type: basic, username: "\${CONFLUENCE_EMAIL}", token: "\${CONFLUENCE_API_TOKEN}" }
`;

const REPOSITORY = resolve(fileURLToPath(new URL('../..', import.meta.url)));
// Generous bounds for a cold machine: the base image, npm ci and the bundle inside the build.
t.setTimeout(15 * 60_000);

const unavailable = await dockerUnavailable();
const compose = unavailable ? undefined : await composeCommand();
const why = unavailable ?? (compose ? undefined : 'neither docker-compose nor the docker compose plugin is installed');
if (why) {
  const banner = `\n${'!'.repeat(100)}\n!! test/docker/compose.test.ts SKIPPED: ${why}.\n!! The image and docker-compose.yml were NOT tested. .ci/run installs and starts Docker.\n${'!'.repeat(100)}\n`;
  process.stderr.write(banner);
  if (process.env.CI || process.env.REQUIRE_SYSTEM_TESTS) t.fail(`Docker is required here: ${why}`);
  else t.plan(0, `no Docker: ${why}`);
} else {
  await containerTests(compose!);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** A copy of the build context as a checkout has it (tracked and new files, nothing ignored) plus planted secrets. */
async function buildContext(dir: string, decoy: string): Promise<void> {
  const files = (
    await must('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: REPOSITORY })
  )
    .split('\0')
    .filter(Boolean);
  // A tracked file deleted in the working tree is gone from the build too.
  for (const file of files.filter((name) => existsSync(join(REPOSITORY, name)))) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(REPOSITORY, file), join(dir, file), { dereference: false, errorOnExist: false, force: true });
  }
  writeFileSync(join(dir, '.env'), `JIRA_PROD_PAT=${decoy}\n`);
  writeFileSync(join(dir, 'instances.yaml'), `# ${decoy}\ninstances: []\n`);
  writeFileSync(join(dir, '.npmrc'), `//registry.npmjs.org/:_authToken=${decoy}\n`);
}

/** A `docker` for the documented commands: `docker compose …` gets the test's project; anything else is Docker's. */
async function dockerShim(work: string, compose: [string, ...string[]], composeArgs: string[]): Promise<string> {
  const real = (await must('bash', ['-c', `command -v ${DOCKER}`])).trim();
  const composeCommand = [compose[0] === DOCKER ? real : compose[0], ...compose.slice(1), ...composeArgs]
    .map((word) => `'${word}'`)
    .join(' ');
  const bin = join(work, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'docker'),
    [
      '#!/usr/bin/env bash',
      'if [ "${1:-}" = compose ]; then',
      '  shift',
      // No terminal here: Compose's exec would ask for one.
      '  if [ "${1:-}" = exec ]; then shift; set -- exec -T "$@"; fi',
      `  exec ${composeCommand} "$@"`,
      'fi',
      `exec '${real}' "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(join(bin, 'docker'), 0o755);
  return bin;
}

async function containerTests(compose: [string, ...string[]]): Promise<void> {
  const id = randomBytes(4).toString('hex');
  const image = `atlassian-mcp-gateway:test-${id}`;
  const project = `amg-test-${id}`;
  const work = mkdtempSync(join(tmpdir(), 'gateway-docker-'));
  const decoy = `decoy-secret-${randomBytes(8).toString('hex')}`;
  const port = await freePort();
  const composeArgs = [
    '-p',
    project,
    '--project-directory',
    work,
    '-f',
    join(REPOSITORY, 'docker-compose.yml'),
    '-f',
    join(work, 'docker-compose.test.yml'),
  ];
  const dc = (...args: string[]) => must(compose[0], [...compose.slice(1), ...composeArgs, ...args], { cwd: work });

  // Images that appear during the test are its own: the tagged one, and the classic builder's build-stage image.
  const danglingBefore = new Set(
    (await must(DOCKER, ['images', '--quiet', '--filter', 'dangling=true'])).split('\n').filter(Boolean),
  );
  t.teardown(async () => {
    await run(
      compose[0],
      [...compose.slice(1), ...composeArgs, 'down', '--volumes', '--remove-orphans', '--timeout', '5'],
      { cwd: work },
    );
    await run(DOCKER, ['image', 'rm', '--force', image]);
    const dangling = (await run(DOCKER, ['images', '--quiet', '--filter', 'dangling=true'])).stdout
      .split('\n')
      .filter((sha) => sha && !danglingBefore.has(sha));
    if (dangling.length > 0) await run(DOCKER, ['image', 'rm', '--force', ...dangling]);
    rmSync(work, { recursive: true, force: true });
  });

  await t.test('the image builds from the Dockerfile on its base image', async (t) => {
    await must('bash', [join(REPOSITORY, 'scripts/docker-base-image.sh')], {
      cwd: REPOSITORY,
      env: { ...BUILD_ENV, DOCKER },
    });
    const context = join(work, 'context');
    await buildContext(context, decoy);
    await must(DOCKER, ['build', '--pull=false', '--force-rm', '--tag', image, context], { timeoutMs: 12 * 60_000 });
    t.pass(`built ${image}`);
  });

  await t.test('the image runs as non-root, carries no node_modules, no secrets, and stays small', async (t) => {
    t.equal((await must(DOCKER, ['image', 'inspect', '--format', '{{.Config.User}}', image])).trim(), 'node');
    const shell = (script: string) =>
      must(DOCKER, ['run', '--rm', '--network', 'none', '--entrypoint', 'sh', image, '-c', script]);
    t.equal((await shell('id -u')).trim(), '1000', 'uid 1000, not root');
    t.same(
      (await shell('ls -A /app')).trim().split('\n'),
      ['dist', 'instances.example.yaml', 'package.json'],
      'the bundle, package.json and the example only',
    );
    const nodeModules = (
      await shell(
        "find / -xdev -type d -name node_modules -not -path '/usr/local/lib/node_modules/npm/*' 2>/dev/null; true",
      )
    )
      .trim()
      .split('\n');
    t.same(nodeModules, ['/usr/local/lib/node_modules'], 'no node_modules but the one holding npm');
    t.same((await shell('ls /usr/local/lib/node_modules')).trim().split('\n'), ['npm']);
    t.equal((await shell('node --version')).trim().split('.')[0], 'v24', 'Node 24, the active LTS');

    t.notOk(await imageContains(image, decoy), 'no byte of the planted .env, instances.yaml or .npmrc is in any layer');
    t.notMatch(await must(DOCKER, ['history', '--no-trunc', image]), decoy);
    t.notMatch(await must(DOCKER, ['image', 'inspect', image]), decoy);

    const bytes = Number((await must(DOCKER, ['image', 'inspect', '--format', '{{.Size}}', image])).trim());
    t.ok(bytes < IMAGE_SIZE_LIMIT_MB * 1e6, `${(bytes / 1e6).toFixed(0)} MB < ${IMAGE_SIZE_LIMIT_MB} MB`);
  });

  await t.test('docker-compose.yml serves the host through its published port and reaches Atlassian', async (t) => {
    const env = {
      GATEWAY_IMAGE: image,
      GATEWAY_PORT: String(port),
      JIRA_PROD_PAT: `pat-${id}`,
      JIRA_STAGING_EMAIL: `staging-bot-${id}@example.test`,
      JIRA_STAGING_API_TOKEN: `staging-token-${id}`,
      CONFLUENCE_EMAIL: `wiki-bot-${id}@example.test`,
      CONFLUENCE_API_TOKEN: `wiki-token-${id}`,
      JIRA_OPS_CLIENT_ID: `client-${id}`,
      JIRA_OPS_CLIENT_SECRET: `client-secret-${id}`,
      JIRA_OPS_REFRESH_TOKEN: `first-refresh-${id}`,
      LOG_LEVEL: 'debug',
    };
    // docs/deployment.md's commands, as written: `docker compose` reaches Debian's docker-compose (or the plugin)
    // through a shim that adds this test's project name and override file.
    copyFileSync(join(REPOSITORY, 'instances.example.yaml'), join(work, 'instances.example.yaml'));
    copyFileSync(join(REPOSITORY, '.env.example'), join(work, '.env.example'));
    const shimEnv = { ...BUILD_ENV, PATH: `${await dockerShim(work, compose, composeArgs)}:${process.env.PATH ?? ''}` };
    const [copyInstances, copyEnv, up, ps, check, ...rest] = documentedCommands('compose');
    t.same(rest, [], 'five commands');
    for (const line of [copyInstances!, copyEnv!])
      t.equal((await runDocumented(line, { cwd: work, env: shimEnv })).code, 0, line);
    // "Then edit": the test's own instances and secrets.
    writeFileSync(
      join(work, '.env'),
      Object.entries(env)
        .map(([name, value]) => `${name}=${value}\n`)
        .join(''),
    );
    writeFileSync(join(work, 'instances.yaml'), INSTANCES);
    writeFileSync(
      join(work, 'docker-compose.test.yml'),
      [
        'services:',
        '  fake-atlassian:',
        '    image: node:24-bookworm-slim',
        '    user: node',
        '    command: ["node", "/fake/fake-atlassian.mjs"]',
        '    env_file: .env',
        '    read_only: true',
        '    volumes:',
        `      - ${join(REPOSITORY, 'test/docker/fake-atlassian.mjs')}:/fake/fake-atlassian.mjs:ro`,
        '',
      ].join('\n'),
    );

    const upRun = await runDocumented(up!, { cwd: work, env: shimEnv, timeoutMs: 180_000 });
    t.equal(upRun.code, 0, `${up}: ${upRun.stderr}`);
    const container = (await dc('ps', '--quiet', 'gateway')).trim();
    t.ok(container, 'the gateway container runs');
    await waitHealthy(container, 90_000);
    t.pass('Docker reports the container healthy (its healthcheck asks /readyz)');
    t.match(
      (await runDocumented(ps!, { cwd: work, env: shimEnv })).stdout,
      /gateway.*healthy/,
      `${ps} shows it healthy`,
    );

    const checkedRun = await runDocumented(check!, { cwd: work, env: shimEnv });
    t.equal(checkedRun.code, 0, checkedRun.stderr);
    const checked = checkedRun.stdout;
    t.match(checked, /^Configuration OK: 4 instance\(s\)/, 'nothing skipped or ignored');
    t.match(checked, /\n {2}server\.host +0\.0\.0\.0 +env HOST\n/, "the image's HOST beats the file's 127.0.0.1");
    t.match(
      checked,
      new RegExp(`auth: basic ${env.JIRA_STAGING_EMAIL} / \\*\\*\\*\\*`),
      'the Cloud username comes from .env',
    );
    t.match(checked, new RegExp(`auth: basic ${env.CONFLUENCE_EMAIL} / \\*\\*\\*\\*`));

    const call = async (name: string, args: Record<string, unknown>) => {
      const client = new Client({ name: 'compose-test', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)));
      try {
        const tools = (await client.listTools()).tools.map((tool) => tool.name);
        const result = await client.callTool({ name, arguments: args });
        return { tools, result };
      } finally {
        await client.close();
      }
    };
    const staging = await call('jira_staging_get_issue', { issue_key: 'WEB-1' });
    t.ok(
      staging.tools.includes('jira_get_issue') && staging.tools.includes('confluence_search'),
      'tools listed from the host',
    );
    t.notOk(staging.result.isError, textOf(staging.result));
    t.match(
      textOf(staging.result),
      `seen as ${env.JIRA_STAGING_EMAIL}`,
      'the fake saw the .env username, not a placeholder',
    );
    const prod = await call('jira_get_issue', { issue_key: 'OPS-1' });
    t.match(textOf(prod.result), 'seen as the prod PAT');
    const oauth = await call('jira_ops_get_issue', { issue_key: 'OPS-2' });
    t.notOk(oauth.result.isError, textOf(oauth.result));
    t.match(textOf(oauth.result), /seen as OAuth grant \d+/, 'the OAuth instance refreshed its token at the fake');

    const started = Date.now();
    await dc('stop', 'gateway');
    const stoppedIn = (Date.now() - started) / 1000;
    const state = JSON.parse(await must(DOCKER, ['inspect', '--format', '{{json .State}}', container])) as {
      ExitCode: number;
      Running: boolean;
    };
    t.equal(state.ExitCode, 0, 'SIGTERM ends the gateway cleanly (137 would mean it was killed)');
    t.ok(stoppedIn < STOP_GRACE_S, `stopped in ${stoppedIn.toFixed(1)} s, within the ${STOP_GRACE_S} s grace period`);
    t.match(await dc('logs', '--no-color', 'gateway'), /shutting down/);

    // The fake has rotated the refresh token on every refresh: only the one saved in the volume still works.
    await dc('start', 'gateway');
    await waitHealthy(container, 90_000);
    const again = await call('jira_ops_get_issue', { issue_key: 'OPS-3' });
    t.notOk(again.result.isError, `after a restart the refreshed token from the volume works: ${textOf(again.result)}`);
    t.match(textOf(again.result), /seen as OAuth grant \d+/);
  });
}
