/**
 * What the container files promise, read from the files themselves; test/docker/compose.test.ts builds and runs
 * them. The compose service hands .env to the gateway (every ${VAR} of the example instances file can be set there),
 * keeps a writable token store beside a read-only root, publishes on loopback only, and the Dockerfile copies
 * files that exist and starts the entry point the build produces.
 */
import { existsSync, readFileSync } from 'node:fs';
import t from 'tap';
import { parse } from 'yaml';

interface ComposeService {
  build: string;
  image: string;
  ports: string[];
  env_file?: string | string[];
  environment: Record<string, string>;
  volumes: string[];
  read_only?: boolean;
  healthcheck: { test: string[] };
  command: string[];
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
};
const gateway = compose.services.gateway!;
const dockerfile = readFileSync('Dockerfile', 'utf8');
/** The `${VAR}` references in the example's values (its comments explain the syntax with made-up names). */
const referenced = [
  ...JSON.stringify(parse(readFileSync('instances.example.yaml', 'utf8'))).matchAll(/\$\{([A-Z0-9_]+)(?::-[^}]*)?\}/g),
].map((match) => match[1]!);

t.test('every variable instances.example.yaml reads can be set in .env and reaches the container', async (t) => {
  t.ok(
    referenced.includes('JIRA_STAGING_EMAIL') && referenced.includes('CONFLUENCE_EMAIL'),
    'the Cloud usernames come from the environment',
  );
  const envFiles = [gateway.env_file ?? []].flat();
  t.ok(envFiles.includes('.env'), 'the gateway service reads .env whole (env_file), not a hand-kept list of names');
  const example = readFileSync('.env.example', 'utf8');
  for (const name of referenced) t.match(example, new RegExp(`^${name}=`, 'm'), `.env.example lists ${name}`);
  t.notMatch(
    readFileSync('instances.example.yaml', 'utf8'),
    /\$\{[A-Z_]*EMAIL:-/,
    'no placeholder username stands in for a missing one',
  );
});

t.test('a read-only container keeps its OAuth tokens in a named volume', async (t) => {
  t.equal(gateway.read_only, true);
  const tokenDir = gateway.environment.OAUTH_TOKEN_DIR ?? /OAUTH_TOKEN_DIR=(\S+)/.exec(dockerfile)?.[1];
  t.ok(tokenDir, 'the token store has a fixed place in the container');
  const mount = gateway.volumes.map((volume) => volume.split(':')).find(([, target]) => target === tokenDir);
  t.ok(mount, `a volume is mounted at ${tokenDir}`);
  t.ok(mount && compose.volumes && mount[0]! in compose.volumes, 'a named volume, which outlives the container');
  t.match(
    dockerfile,
    /install -d -o node -g node -m 0700 \/data\/oauth/,
    'owned by the unprivileged user, so a new volume is too',
  );
});

t.test('published on loopback only, probed on /readyz at the port the container really uses', async (t) => {
  t.same(gateway.ports, ['127.0.0.1:${GATEWAY_PORT:-9000}:9000']);
  t.match(gateway.environment.MCP_ALLOWED_HOSTS, /localhost/, 'Host validation stays on inside the container');
  t.same(gateway.command, ['--config', '/config/instances.yaml']);
  t.match(gateway.volumes, [/^\.\/instances\.yaml:\/config\/instances\.yaml:ro$/]);
  const probe = gateway.healthcheck.test.join(' ');
  t.match(probe, /\/readyz/);
  t.match(probe, /process\.env\.MCP_PORT \|\| process\.env\.PORT/);
});

t.test('Dockerfile', async (t) => {
  for (const [, sources] of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
    for (const source of sources!.split(/\s+/)) t.ok(existsSync(source), `COPY source ${source} exists`);
  }
  t.same(
    [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]),
    ['node:24-bookworm-slim', 'node:24-bookworm-slim'],
  );
  t.match(dockerfile, /RUN npm ci/);
  t.match(dockerfile, /npm run build/);
  t.match(dockerfile, /ENTRYPOINT \["node", "dist\/main\.js"\]/);
  t.match(
    dockerfile,
    /HOST=0\.0\.0\.0/,
    'the environment, which beats a mounted instances.yaml, makes the container listen beyond loopback',
  );
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string> };
  t.equal(manifest.bin['atlassian-mcp-gateway'], 'dist/main.js', 'the image starts what the bin entry names');
  t.match(dockerfile, /USER node/, 'runs unprivileged');
  const ignored = readFileSync('.dockerignore', 'utf8').split('\n');
  for (const secret of ['.env', 'instances.yaml', '.npmrc'])
    t.ok(ignored.includes(secret), `${secret} never enters the build context`);
});
