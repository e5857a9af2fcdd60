/**
 * No Docker engine runs in CI, so the container files are checked for shape: the compose service builds this
 * repo, publishes on loopback only, keeps Host validation on, and the Dockerfile copies files that exist and
 * starts the entry point the build produces.
 */
import { existsSync, readFileSync } from 'node:fs';
import t from 'tap';
import { parse } from 'yaml';

t.test('docker-compose.yml', async (t) => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as { services: Record<string, Record<string, unknown>> };
  const gateway = compose.services.gateway!;
  t.equal(gateway.build, '.');
  t.same(gateway.ports, ['127.0.0.1:9000:9000'], 'published on loopback only');
  const environment = gateway.environment as Record<string, string>;
  t.match(environment.MCP_ALLOWED_HOSTS, /localhost/, 'Host validation stays on inside the container');
  for (const secret of ['JIRA_PROD_PAT', 'JIRA_STAGING_API_TOKEN', 'CONFLUENCE_API_TOKEN']) {
    t.match(environment[secret], new RegExp(`^\\$\\{${secret}:\\?`), `${secret} comes from the environment and is required`);
    t.match(readFileSync('instances.example.yaml', 'utf8'), new RegExp(`\\$\\{${secret}[}:]`), `instances.example.yaml reads ${secret}`);
  }
  t.same(gateway.command, ['--config', '/config/instances.yaml']);
  t.match(gateway.volumes, [/^\.\/instances\.yaml:\/config\/instances\.yaml:ro$/]);
  t.match((gateway.healthcheck as { test: string[] }).test.join(' '), /\/readyz/);
});

t.test('Dockerfile', async (t) => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  for (const [, sources] of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
    for (const source of sources!.split(/\s+/)) t.ok(existsSync(source), `COPY source ${source} exists`);
  }
  t.match(dockerfile, /RUN npm ci/);
  t.match(dockerfile, /npm run build/);
  t.match(dockerfile, /ENTRYPOINT \["node", "dist\/main\.js"\]/);
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
  t.equal(manifest.bin['atlassian-mcp-gateway'], 'dist/main.js', 'the image starts what the bin entry names');
  t.match(dockerfile, /USER node/, 'runs unprivileged');
});
