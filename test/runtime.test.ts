/**
 * The Node.js versions the project says it supports are ones every installed package supports too, so `npm ci`
 * installs without engine warnings on each of them; the image runs one of them; install scripts are approved.
 */
import { readFileSync } from 'node:fs';
import semver from 'semver';
import t from 'tap';

interface Manifest {
  engines: { node: string };
  allowScripts?: Record<string, boolean>;
}
interface Lockfile {
  packages: Record<string, { engines?: { node?: string } | string[]; hasInstallScript?: boolean; dev?: boolean }>;
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
const lockfile = JSON.parse(readFileSync('package-lock.json', 'utf8')) as Lockfile;
const supported = manifest.engines.node;

t.test('every locked package supports every Node.js version package.json promises', async (t) => {
  const narrower: string[] = [];
  for (const [path, entry] of Object.entries(lockfile.packages)) {
    const wanted = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
    if (!path || !wanted) continue;
    if (!semver.subset(supported, wanted, { includePrerelease: false }))
      narrower.push(`${path.replace(/^.*node_modules\//, '')} needs node ${wanted}`);
  }
  t.same(narrower, [], `engines.node is "${supported}"`);
});

t.test('the Node.js running the suite is a supported one', async (t) => {
  t.ok(semver.satisfies(process.versions.node, supported), `${process.versions.node} satisfies ${supported}`);
});

t.test('the image runs the current LTS line, which package.json supports', async (t) => {
  const bases = [...readFileSync('Dockerfile', 'utf8').matchAll(/^FROM node:(\d+)-/gm)].map((match) =>
    Number(match[1]),
  );
  t.ok(bases.length > 0, 'the Dockerfile builds on an official-style node image');
  for (const major of bases) {
    t.equal(major, 24, 'Node 24 is the active LTS');
    t.ok(semver.intersects(`${major}.x`, supported), `Node ${major} is in engines.node`);
  }
});

t.test('install scripts of dependencies are decided, so npm ci has nothing to warn about', async (t) => {
  const undecided = Object.entries(lockfile.packages)
    .filter(([path, entry]) => path && entry.hasInstallScript)
    .map(([path]) => path.replace(/^.*node_modules\//, ''))
    .filter((name) => manifest.allowScripts?.[name] === undefined);
  t.same(undecided, [], 'every package with an install script is in allowScripts');
});
