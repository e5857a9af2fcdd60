/** docs/servicedesk.md names only tools that exist, with arguments their schemas accept. */
import { readFileSync } from 'node:fs';
import t from 'tap';
import { TOOL_SPECS } from '../../src/tools/catalog.js';
import { inputOf } from '../../src/tools/define.js';

const doc = readFileSync('docs/servicedesk.md', 'utf8');

t.test('every servicedesk_ call in the triage flow is a tool and its arguments parse', async (t) => {
  const calls = [...doc.matchAll(/`servicedesk_([a-z_]+) (\{[^`]*\})`/g)];
  t.ok(calls.length >= 8, `${calls.length} calls`);
  for (const [, name, args] of calls) {
    const spec = TOOL_SPECS.find((candidate) => candidate.product === 'servicedesk' && candidate.name === name);
    t.ok(spec, `servicedesk_${name} exists`);
    if (spec) t.ok(inputOf(spec).safeParse(JSON.parse(args!)).success, `servicedesk_${name} ${args}`);
  }
});
