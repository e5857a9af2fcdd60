/**
 * The OpenAPI documents the suite validates against live in the repository, so a fresh clone tests with nothing
 * beside it, and each is byte for byte the published file its provenance table names.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { readSpecText, SPEC_DIR, SPEC_NAMES } from './helpers/openapi.js';

const REPOSITORY = resolve(fileURLToPath(new URL('..', import.meta.url)));

t.test('the specs are read from inside the repository', async (t) => {
  const where = relative(REPOSITORY, fileURLToPath(SPEC_DIR));
  t.notMatch(where, /^\.\./, `${fileURLToPath(SPEC_DIR)} is inside ${REPOSITORY}`);
});

t.test('every spec matches the sha256 its provenance table gives', async (t) => {
  const sources = readFileSync(new URL('SOURCES.md', SPEC_DIR), 'utf8');
  for (const name of SPEC_NAMES) {
    const listed = new RegExp(`^\\| ${name}\\.json \\| ([0-9a-f]{64}) \\|$`, 'm').exec(sources)?.[1];
    t.ok(listed, `${name}.json has a row in SOURCES.md`);
    const text = readSpecText(name);
    t.equal(createHash('sha256').update(text).digest('hex'), listed, `${name}.json.gz unpacks to the published file`);
    t.ok(
      (JSON.parse(text.toString('utf8')) as { openapi?: string }).openapi?.startsWith('3.'),
      `${name} is an OpenAPI 3 document`,
    );
  }
});
