/**
 * The quick predicate for answer shapes says yes exactly when zod would: realistic answers pass it, and every
 * answer broken at one place (a value of another type anywhere in it) is left to zod whenever zod refuses it.
 */
import t from 'tap';
import { z } from 'zod';
import { cloudIssue, serverIssue } from '../../bench/fixtures/index.js';
import { commentShape, issueShape, userShape } from '../../src/atlassian/jira/answer-shapes.js';
import { compileAcceptor } from '../../src/atlassian/shape-acceptor.js';

/** Every path to a value inside `value` (objects and arrays), the root excluded. */
function pathsOf(value: unknown, prefix: PropertyKey[] = []): PropertyKey[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return entries.flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
}

function replacedAt(value: unknown, path: readonly PropertyKey[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<PropertyKey, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<PropertyKey, unknown>;
  parent[path.at(-1)!] = replacement;
  return copy;
}

const REPLACEMENTS: readonly unknown[] = [null, undefined, 'text', 7, true, [], {}, [1], { id: 1 }];

t.test('an issue is accepted by the predicate exactly when zod accepts it, broken anywhere', async (t) => {
  const schema = issueShape();
  const accepts = compileAcceptor(schema);
  t.ok(accepts, 'the issue shape compiles');
  for (const issue of [cloudIssue, serverIssue]) {
    t.equal(accepts!(issue), true, 'a realistic issue passes');
    let disagreements = 0;
    let refused = 0;
    for (const path of pathsOf(issue)) {
      for (const replacement of REPLACEMENTS) {
        const broken = replacedAt(issue, path, replacement);
        const zodSays = schema.safeParse(broken).success;
        if (!zodSays) refused++;
        if (accepts!(broken) !== zodSays) disagreements++;
      }
    }
    t.ok(refused > 50, `zod refused ${refused} of the broken answers`);
    t.equal(disagreements, 0, 'the predicate and zod agree on every broken answer');
  }
  for (const value of ['PAY-1', 42, null, [], [cloudIssue]]) t.equal(accepts!(value), false);
});

t.test('people and comments: optional, nullable and union fields as zod reads them', async (t) => {
  const cases: ReadonlyArray<[z.ZodType, unknown]> = [
    [userShape(), { accountId: 'a', active: true }],
    [userShape(), { accountId: null, displayName: undefined, extra: { anything: 1 } }],
    [userShape(), { active: 'yes' }],
    [userShape(), { name: 7 }],
    [userShape(), []],
    [commentShape(), { id: 10 }],
    [commentShape(), { id: '10', author: null, created: '2026-01-01T00:00:00.000+0000' }],
    [commentShape(), { id: true }],
    [commentShape(), { author: { name: 'x' } }],
    [commentShape(), { id: 1, author: { active: 1 } }],
  ];
  for (const [schema, value] of cases)
    t.equal(compileAcceptor(schema)!(value), schema.safeParse(value).success, JSON.stringify(value));
});

t.test('shapes with refinements, literals or strict objects get no predicate: zod checks them', async (t) => {
  t.equal(compileAcceptor(z.string().min(1)), undefined);
  t.equal(compileAcceptor(z.looseObject({ kind: z.literal('page') })), undefined);
  t.equal(compileAcceptor(z.strictObject({ id: z.string() })), undefined);
  t.equal(compileAcceptor(z.array(z.string().transform((value) => value.length))), undefined);
  t.ok(compileAcceptor(z.object({ id: z.string() })), 'a plain object strips other keys and refuses none');
});

t.test(
  'format schemas, exclusive unions and exact optionals get no predicate: each refuses what its type allows',
  async (t) => {
    const schemas: ReadonlyArray<[string, z.ZodType, unknown]> = [
      ['z.int()', z.int(), 1.5],
      ['z.email()', z.email(), 'not an address'],
      ['z.iso.date()', z.iso.date(), 'yesterday'],
      ['z.xor', z.xor([z.looseObject({ a: z.string() }), z.looseObject({ b: z.string() })]), { a: 'x', b: 'y' }],
      ['z.exactOptional', z.object({ k: z.exactOptional(z.string()) }), { k: undefined }],
    ];
    for (const [name, schema, refused] of schemas) {
      t.equal(schema.safeParse(refused).success, false, `zod refuses ${JSON.stringify(refused)} for ${name}`);
      t.equal(compileAcceptor(schema), undefined, `${name} is left to zod`);
    }
  },
);
