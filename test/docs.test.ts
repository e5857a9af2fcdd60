/** Generated documentation must match the code it is generated from. */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import t from 'tap';
import { parse } from 'yaml';
import { renderInstancesSchema, renderToolsDoc, SCHEMA_DOC, TOOLS_DOC } from '../scripts/docs.js';

t.test('docs/tools.md is up to date (run `npm run docs` after changing tools)', async (t) => {
  t.equal(readFileSync(TOOLS_DOC, 'utf8'), renderToolsDoc());
});

t.test('docs/instances.schema.json is up to date and accepts the shipped example', async (t) => {
  const committed = readFileSync(SCHEMA_DOC, 'utf8');
  t.equal(committed, renderInstancesSchema());
  const validate = new Ajv2020({ strict: false }).compile(JSON.parse(committed) as object);
  const example = parse(readFileSync('instances.example.yaml', 'utf8')) as unknown;
  t.ok(validate(example), JSON.stringify(validate.errors));
  t.notOk(validate({ instances: [{ name: 'x', product: 'bamboo' }] }), 'and rejects a wrong product');
});
