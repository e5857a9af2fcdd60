/**
 * Build steps that let V8's young-generation collector free what one MCP exchange leaves behind (scripts/build.ts
 * applies them to the bundle). Each undoes a way the bundled code, written as its authors meant it, makes V8 keep a
 * finished exchange's objects through every scavenge until the next mark-compact. A scavenge copies whatever it
 * keeps, so those exchanges made every pause of the event loop several times longer than a bare Node server's
 * (docs/benchmarks.md, "Eighth run: the four things that kept finished calls alive").
 *
 * What V8 does, measured on Node 20 and 24 with `BENCH_ONLY=collections`:
 * - A function literal assigned straight to a property (`transport.onclose = () => …`) is allocated in the old
 *   generation, on the guess that it is a method. Its scope, and whatever that scope holds, is then reachable from
 *   an old object the scavenger cannot know is dead. {@link keepClosuresYoung} wraps such literals as `(0, fn)`,
 *   which is the same value to the program but not a literal to V8's parser.
 * - An object with a getter of its own (zod's failed `safeParse` result, written as an object literal) keeps what
 *   the getter's scope holds until a mark-compact, most likely because V8 puts accessors in the object's map, which
 *   is old. {@link zodFailureOnPrototype} moves that getter to a class's prototype.
 * - A long-lived `Set` that exchanges are added to and deleted from (the SDK's in-flight servers) keeps every entry
 *   it held until a mark-compact, most likely because each hash table it outgrows is old by then and still points
 *   at them. {@link sdkInflightList} keeps them in an array instead.
 * - The fourth way, a `FinalizationRegistry` entry (undici makes one for a request given a signal), is avoided where
 *   the request is made: src/transports/parsed-body-exchange.ts.
 *
 * The two plugins edit one known passage of one dependency file each and stop the build when the passage is not
 * there, so an upgrade that changes it is noticed rather than silently unpatched.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import ts from 'typescript';

/**
 * `code` with every function literal that is assigned straight to a property (`a.b = () => …`, `a[k] ??= function
 * () {…}`, parentheses included) written as `(0, literal)`. Nothing else changes, and no line breaks are added, so
 * source maps stay right to the line.
 */
export function keepClosuresYoung(code: string): string {
  const source = ts.createSourceFile('chunk.js', code, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const literals: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isBinaryExpression(node) &&
      ASSIGNMENTS.has(node.operatorToken.kind) &&
      isPropertyTarget(withoutParentheses(node.left)) &&
      isFunctionLiteral(withoutParentheses(node.right))
    ) {
      literals.push(node.right);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  // From the end, so earlier offsets still hold; a literal nested in another is wrapped before its container.
  const edits = literals
    .flatMap((literal) => [
      { at: literal.getStart(source), text: '(0, ' },
      { at: literal.end, text: ')' },
    ])
    .sort((a, b) => b.at - a.at);
  let out = code;
  for (const { at, text } of edits) out = out.slice(0, at) + text + out.slice(at);
  return out;
}

const ASSIGNMENTS = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
]);

function withoutParentheses(node: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(node) ? withoutParentheses(node.expression) : node;
}

function isPropertyTarget(node: ts.Node): boolean {
  return ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node);
}

function isFunctionLiteral(node: ts.Node): boolean {
  return ts.isFunctionExpression(node) || ts.isArrowFunction(node);
}

/** zod's failed-parse result, whose `error` is built on first read, with that getter on a prototype. */
const ZOD_FAILURE = {
  file: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]core[\\/]parse\.js$/,
  passage: /^function failure\(Err, issues, ctx\) \{\n {4}let error;\n {4}return \{\n[\s\S]*?\n\}\n/m,
  replacement: `class LazyFailure {
    success = false;
    #Err;
    #issues;
    #ctx;
    #error;
    constructor(Err, issues, ctx) {
        this.#Err = Err;
        this.#issues = issues;
        this.#ctx = ctx;
    }
    get error() {
        if (!this.#error) {
            this.#error = new this.#Err(this.#issues.map((iss) => util.finalizeIssue(iss, this.#ctx, core.config())));
            this.#issues = undefined;
            this.#ctx = undefined;
        }
        return this.#error;
    }
    set error(e) {
        this.#error = e;
        this.#issues = undefined;
        this.#ctx = undefined;
    }
}
function failure(Err, issues, ctx) {
    return new LazyFailure(Err, issues, ctx);
}
`,
};

/** The SDK's set of in-flight per-request servers, as an {@link InflightList}. */
const SDK_INFLIGHT = {
  file: /[\\/]node_modules[\\/]@modelcontextprotocol[\\/]server[\\/]dist[\\/]index\.mjs$/,
  passage: /^\tconst inflight = \/\* @__PURE__ \*\/ new Set\(\);$/m,
  replacement: '\tconst inflight = new __InflightList();',
  prelude: `import { InflightList as __InflightList } from ${JSON.stringify(
    fileURLToPath(new URL('../src/mcp/inflight-list.ts', import.meta.url)),
  )};\n`,
};

/** `source` with its one `passage` replaced; throws, naming `file`, when the passage is missing or repeated. */
export function replacePassage(source: string, file: string, passage: RegExp, replacement: string): string {
  const found = source.match(new RegExp(passage.source, `${passage.flags}g`)) ?? [];
  if (found.length !== 1) {
    throw new Error(
      `${file}: expected one passage matching ${passage} and found ${found.length}; the dependency changed, so ` +
        'check whether scripts/young-generation.ts still needs this edit and measure with BENCH_ONLY=collections',
    );
  }
  return source.replace(passage, () => replacement);
}

/** zod's parse module with {@link ZOD_FAILURE}'s edit. */
export function zodFailureOnPrototypeSource(source: string, file = 'zod/v4/core/parse.js'): string {
  return replacePassage(source, file, ZOD_FAILURE.passage, ZOD_FAILURE.replacement);
}

/** The SDK's server entry with {@link SDK_INFLIGHT}'s edit. */
export function sdkInflightListSource(source: string, file = '@modelcontextprotocol/server/dist/index.mjs'): string {
  return SDK_INFLIGHT.prelude + replacePassage(source, file, SDK_INFLIGHT.passage, SDK_INFLIGHT.replacement);
}

function editingPlugin(name: string, file: RegExp, edit: (source: string, path: string) => string): Plugin {
  return {
    name,
    setup(esbuild) {
      esbuild.onLoad({ filter: file }, ({ path }) => ({
        contents: edit(readFileSync(path, 'utf8'), path),
        loader: 'js',
      }));
    },
  };
}

export const zodFailureOnPrototype = editingPlugin(
  'zod-failure-on-prototype',
  ZOD_FAILURE.file,
  zodFailureOnPrototypeSource,
);

export const sdkInflightList = editingPlugin('sdk-inflight-list', SDK_INFLIGHT.file, sdkInflightListSource);
