/**
 * Allow-list composition over hostile queries: for generated mixes of quotes, escapes, parentheses, ORDER BY,
 * OR, project/space clauses and unusual characters, a JQL or CQL query is either refused (as bad tool input) or
 * composed so that the allow-list clause stands at top level, ANDed with one balanced group that holds every one
 * of the caller's tokens, followed at most by an ORDER BY of fields and directions. The composed query is also
 * read by the sandbox's own parser (written apart from the gateway's tokenizer): wherever that parser accepts it,
 * the allow-list is the right operand of the top-level AND, so no reading of the query can reach other projects.
 */
import fc from 'fast-check';
import t, { type Test } from 'tap';
import { parseQuery, QuerySyntaxError, type QueryNode } from '@atlassian-mcp-gateway/sandbox';
import { restrictToSpaces } from '../../src/atlassian/confluence/cql.js';
import { ToolInputError } from '../../src/atlassian/input-error.js';
import { andJql, restrictToProjects } from '../../src/atlassian/jira/jql.js';
import { tokenize, type QueryLanguage, type QueryToken } from '../../src/atlassian/query/tokenize.js';

const FRAGMENTS = [
  '"',
  "'",
  '\\',
  '\\"',
  "\\'",
  '\\\\',
  '(',
  ')',
  ')',
  '((',
  '))',
  ',',
  ' ',
  '  ',
  '\t',
  '\n',
  'order by',
  'ORDER BY',
  'Order  By',
  'order',
  'by',
  'asc',
  'DESC',
  'key',
  'created',
  '"Story Points"',
  'cf[10014]',
  'OR',
  'or',
  'AND',
  'and',
  'NOT',
  '||',
  '&&',
  '|',
  '&',
  '!',
  '=',
  '!=',
  '~',
  'in',
  'not in',
  'is',
  'EMPTY',
  'project = OTHER',
  'project = OPS',
  'project in (OTHER, OPS)',
  ') OR (project = OTHER',
  'project = OTHER) OR (project = OPS',
  'space = OTHER',
  'space = ENG) OR (space = OTHER',
  'currentUser()',
  '"a\\"b"',
  "'it\\'s'",
  '"unterminated',
  "'x",
  '--',
  '/*',
  '*/',
  '//',
  ';',
  '#',
  '@',
  '%29',
  '%22',
  'é',
  'ß',
  '中文',
  '😀',
  '\u00a0',
  '\u2003',
  '\u200b',
  '\u202e',
  '\u2028',
  '\u0000',
  '\u001b',
  '\ud800',
  '\udc00',
  '\uff08',
  '\uff09',
];

const hostile = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.join(''));

/** Splits a composed query at its top level as the invariant describes, or fails the test with the reason. */
function checkComposed(
  t: Test,
  composed: string,
  caller: string,
  restriction: string,
  language: QueryLanguage,
): boolean {
  const tokens = tokenize(composed, language);
  const restrictionTokens = tokenize(restriction, language);
  const restrictionTexts = restrictionTokens.map((token) => token.text);
  const callerTokens = tokenize(caller, language);
  const orderAt = callerTokens.findIndex(
    (token, index) => isWord(token, 'order') && isWord(callerTokens[index + 1], 'by'),
  );
  const callerCondition = (orderAt < 0 ? callerTokens : callerTokens.slice(0, orderAt)).map((token) => token.text);
  let index = 0;
  if (callerCondition.length > 0) {
    if (tokens[0]?.kind !== 'open' || tokens[0].depth !== 0) return t.fail(`does not start with a group: ${composed}`);
    const close = tokens.findIndex((token) => token.kind === 'close' && token.depth === 0);
    const inside = tokens.slice(1, close).map((token) => token.text);
    if (JSON.stringify(inside) !== JSON.stringify(callerCondition))
      return t.fail(`the group is not exactly the caller's condition: ${composed}`);
    if (!isWord(tokens[close + 1], 'and')) return t.fail(`the group is not ANDed: ${composed}`);
    index = close + 2;
  }
  const restrictionPart = tokens.slice(index, index + restrictionTexts.length).map((token) => token.text);
  if (JSON.stringify(restrictionPart) !== JSON.stringify(restrictionTexts))
    return t.fail(`the restriction is not at top level: ${composed}`);
  const depths = tokens.slice(index, index + restrictionTexts.length).map((token) => token.depth);
  if (JSON.stringify(depths) !== JSON.stringify(restrictionTokens.map((token) => token.depth)))
    return t.fail(`the restriction is nested: ${composed}`);
  const rest = tokens.slice(index + restrictionTexts.length);
  if (rest.length === 0) return true;
  if (!isWord(rest[0], 'order') || !isWord(rest[1], 'by'))
    return t.fail(`something other than ORDER BY follows the restriction: ${composed}`);
  const sortTokens = rest.slice(2);
  const onlySortTokens =
    sortTokens.length > 0 &&
    sortTokens.every(
      (token) => token.depth === 0 && (token.kind === 'word' || token.kind === 'string' || token.kind === 'comma'),
    );
  return onlySortTokens || t.fail(`ORDER BY holds more than fields and directions: ${composed}`);
}

function isWord(token: QueryToken | undefined, word: string): boolean {
  return token?.kind === 'word' && token.text.toLowerCase() === word;
}

/** The sandbox parser's reading: null when it refuses the query (the product would answer 400). */
function sandboxReading(query: string): QueryNode | null | 'refused' {
  try {
    return parseQuery(query).where;
  } catch (error) {
    if (error instanceof QuerySyntaxError) return 'refused';
    throw error;
  }
}

function restrictionOnTop(reading: QueryNode | null | 'refused', field: string, allowed: string[]): boolean {
  if (reading === 'refused') return true;
  const clause = reading?.kind === 'and' ? reading.right : reading;
  return (
    clause?.kind === 'clause' &&
    clause.field.toLowerCase() === field &&
    clause.operator === 'in' &&
    JSON.stringify(clause.values) === JSON.stringify(allowed)
  );
}

const CASES = [
  {
    name: 'JQL project allow-list',
    language: 'JQL' as const,
    field: 'project',
    allowed: ['OPS'],
    compose: (query: string) => restrictToProjects(query, ['OPS']),
    restriction: 'project in ("OPS")',
  },
  {
    name: 'CQL space allow-list',
    language: 'CQL' as const,
    field: 'space',
    allowed: ['ENG'],
    compose: (query: string) => restrictToSpaces(query, ['ENG']),
    restriction: 'space in ("ENG")',
  },
  {
    name: 'board filter around board JQL',
    language: 'JQL' as const,
    field: 'filter',
    allowed: ['10100'],
    compose: (query: string) => andJql(query, 'filter in ("10100")'),
    restriction: 'filter in ("10100")',
  },
];

for (const testCase of CASES) {
  t.test(`${testCase.name}: hostile input is refused or stays inside one group`, (t) => {
    let refused = 0;
    let composedCount = 0;
    let parsedBySandbox = 0;
    fc.assert(
      fc.property(hostile, (query) => {
        let composed: string;
        try {
          composed = testCase.compose(query);
        } catch (error) {
          if (!(error instanceof ToolInputError)) throw error;
          refused++;
          return /^the (JQL|CQL) was not sent: \S/.test(error.message);
        }
        composedCount++;
        const reading = sandboxReading(composed);
        if (reading !== 'refused') parsedBySandbox++;
        return (
          checkComposed(t, composed, query, testCase.restriction, testCase.language) &&
          restrictionOnTop(reading, testCase.field, testCase.allowed)
        );
      }),
      { numRuns: 3000, seed: 20261101 },
    );
    t.ok(
      refused > 100 && composedCount > 100,
      `both outcomes were exercised (${refused} refused, ${composedCount} composed)`,
    );
    t.ok(parsedBySandbox > 50, `${parsedBySandbox} composed queries were valid enough for the sandbox parser to read`);
    t.end();
  });
}

t.test('the examples from the report and their siblings', (t) => {
  const escapes = [
    'project = OTHER) OR (project = OPS',
    'project = OTHER)OR(project = OPS',
    'project = OTHER ) or ( project = OPS',
    'project = OTHER) || (project = OPS',
    "summary ~ 'x') OR (project = OTHER",
    'summary ~ "a\\") OR (project = OTHER',
    'summary ~ a\\") OR (project = OTHER OR summary ~ "',
    'status = Done ORDER BY key) OR (project = OTHER',
    'status = Done ORDER BY key, project = OTHER',
    'status = Done ORDER BY key OR project = OTHER',
    'status = Done order by key desc, (project)',
    '(status = Done ORDER BY key) OR project = OTHER',
    'status = Done ORDER BY key ORDER BY created',
    'status = Done --) OR (project = OTHER',
    'status = Done /*) OR (project = OTHER */',
    'summary ~ "never closed',
    'project = OTHER\u00a0) OR (project = OPS',
    'status = Done\u200b) OR (project = OTHER',
  ];
  for (const query of escapes) {
    t.throws(() => restrictToProjects(query, ['OPS']), ToolInputError, `refused: ${query}`);
    t.throws(
      () => restrictToSpaces(query.replace(/project/g, 'space'), ['OPS']),
      ToolInputError,
      `refused as CQL: ${query}`,
    );
  }
  const safe: Array<[string, string]> = [
    ['project = OTHER OR project = OPS', '(project = OTHER OR project = OPS) AND project in ("OPS")'],
    ['summary ~ "a\\") OR (project = OTHER"', '(summary ~ "a\\") OR (project = OTHER") AND project in ("OPS")'],
    ["summary ~ 'it\\'s ) here'", "(summary ~ 'it\\'s ) here') AND project in (\"OPS\")"],
    [
      'status = "To Do" order by key desc, "Story Points" ASC',
      '(status = "To Do") AND project in ("OPS") ORDER BY key desc, "Story Points" ASC',
    ],
    ['ORDER BY created DESC', 'project in ("OPS") ORDER BY created DESC'],
    ['summary ~ "order by" ORDER BY cf[10014]', '(summary ~ "order by") AND project in ("OPS") ORDER BY cf[10014]'],
    ['summary ~ "中文 😀"', '(summary ~ "中文 😀") AND project in ("OPS")'],
  ];
  for (const [query, expected] of safe) t.equal(restrictToProjects(query, ['OPS']), expected, query);
  t.end();
});

t.test('refusals say what is wrong and where', (t) => {
  const message = (query: string) => {
    try {
      restrictToProjects(query, ['OPS']);
      return 'accepted';
    } catch (error) {
      return (error as Error).message;
    }
  };
  t.equal(
    message('project = OTHER) OR (project = OPS'),
    'the JQL was not sent: the ")" at character 16 closes a parenthesis that was never opened',
  );
  t.equal(message('(status = Done'), 'the JQL was not sent: the "(" at character 1 is never closed');
  t.equal(message('summary ~ "abc'), 'the JQL was not sent: the string opened with " at character 11 is never closed');
  t.equal(
    message('summary ~ a\\"b'),
    'the JQL was not sent: the backslash at character 12 is outside quotes; put the value in "double quotes"',
  );
  t.equal(
    message('status = Done -- note'),
    'the JQL was not sent: "--" at character 15 looks like a comment marker; quote the value if it is one',
  );
  t.equal(
    message('(status = Done ORDER BY key)'),
    'the JQL was not sent: ORDER BY at character 16 is inside parentheses; it may only end the query',
  );
  t.equal(
    message('status = Done ORDER BY key, project = OTHER'),
    'the JQL was not sent: after ORDER BY only fields, ASC/DESC and commas may follow; "=" at character 37 is not one of them',
  );
  t.equal(message('status = Done ORDER BY'), 'the JQL was not sent: ORDER BY names no field');
  t.equal(message('status = Done\u200b'), 'the JQL was not sent: character 14 is an invisible U+200B outside quotes');
  t.equal(
    message('status =\u00a0Done'),
    'the JQL was not sent: character 9 is a U+00A0 space; use a plain space outside quotes',
  );
  t.end();
});
