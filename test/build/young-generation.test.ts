/**
 * The build steps of scripts/young-generation.ts: the rewrite V8 reads differently (checked in V8's own bytecode),
 * and the two dependency edits, on the installed dependencies' real files, bundled and run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import t from 'tap';
import {
  keepClosuresYoung,
  replacePassage,
  sdkInflightList,
  sdkInflightListSource,
  zodFailureOnPrototype,
  zodFailureOnPrototypeSource,
} from '../../scripts/young-generation.js';
import { InflightList } from '../../src/mcp/inflight-list.js';

const dir = mkdtempSync(join(tmpdir(), 'young-generation-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

t.test('function literals assigned to properties are wrapped, and nothing else is touched', async (t) => {
  t.equal(keepClosuresYoung('a.b = () => x;'), 'a.b = (0, () => x);');
  t.equal(keepClosuresYoung('this.c = function () { return 1; };'), 'this.c = (0, function () { return 1; });');
  t.equal(keepClosuresYoung('a[k] ??= async (y) => y;'), 'a[k] ??= (0, async (y) => y);');
  t.equal(keepClosuresYoung('(a).b = (() => 1);'), '(a).b = (0, (() => 1));', 'parentheses do not hide it');
  t.equal(
    keepClosuresYoung('a.b = () => { c.d = () => 2; };'),
    'a.b = (0, () => { c.d = (0, () => 2); });',
    'nested literals are wrapped too',
  );
  const untouched = [
    'x = () => 1;',
    'const o = { b: () => 1 };',
    'a.b = flag ? f : g;',
    'a.b = f;',
    'a.b = (0, () => 1);',
    '"a.b = () => 1"; // a.b = () => 1',
  ];
  for (const code of untouched) t.equal(keepClosuresYoung(code), code, code);
  const multiline = 'a.b = () => {\n  return 1;\n};\nnext();\n';
  t.equal(keepClosuresYoung(multiline).split('\n').length, multiline.split('\n').length, 'no line is added');
});

t.test('V8 allocates the closure in the old generation before the rewrite and in the young one after', async (t) => {
  const probe = 'function probe(o) { o.f = () => o; return o; }\nprobe({});\n';
  const flags = (code: string): string[] => {
    const file = join(dir, 'probe.js');
    writeFileSync(file, code);
    const bytecode = execFileSync(process.execPath, ['--print-bytecode', '--print-bytecode-filter=probe', file], {
      encoding: 'utf8',
    });
    return [...bytecode.matchAll(/CreateClosure \[\d+\], \[\d+\], #(\d+)/g)].map((match) => match[1]!);
  };
  // CreateClosure's flags: 1 is "pretenured" (old generation), 2 "fast new closure" (young generation).
  t.same(flags(probe), ['1'], 'assigned to a property: pretenured');
  t.same(flags(keepClosuresYoung(probe)), ['2'], 'wrapped: allocated young');
});

t.test('a passage that is missing or repeated stops the build, naming the file', async (t) => {
  t.equal(replacePassage('x\nonce\ny', 'f.js', /^once$/m, 'twice'), 'x\ntwice\ny');
  t.throws(
    () => replacePassage('nothing here', 'dep/file.js', /^once$/m, ''),
    /dep\/file\.js: expected one .* found 0/,
  );
  t.throws(() => replacePassage('once\nonce', 'dep/file.js', /^once$/m, ''), /found 2/);
});

const require = createRequire(import.meta.url);

/** Bundles `source` (an ES module) with `plugin`, as the build does, runs it, and returns the bundle and its output. */
async function bundleAndRun(name: string, source: string, plugin: Plugin): Promise<{ bundle: string; output: string }> {
  const entry = join(dir, `${name}-entry.mjs`);
  const out = join(dir, `${name}-bundle.mjs`);
  writeFileSync(entry, source);
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    plugins: [plugin],
    logLevel: 'silent',
    nodePaths: [join(process.cwd(), 'node_modules')],
  });
  return { bundle: readFileSync(out, 'utf8'), output: execFileSync(process.execPath, [out], { encoding: 'utf8' }) };
}

t.test("zod's failed parse keeps its lazy error, from a getter on the prototype", async (t) => {
  const parseModule = join(require.resolve('zod/v4/core').replace(/index\.(c|m)?js$/, ''), 'parse.js');
  const edited = zodFailureOnPrototypeSource(readFileSync(parseModule, 'utf8'));
  t.notMatch(edited, /get error\(\) \{\n\s+if \(!error\)/, 'the literal with its own getter is gone');
  const { bundle, output } = await bundleAndRun(
    'zod',
    `import * as z from 'zod/v4';
const schema = z.object({ name: z.string() });
const failed = schema.safeParse({ name: 1 });
const ok = schema.safeParse({ name: 'a' });
const replaced = schema.safeParse({});
replaced.error = 'mine';
console.log(JSON.stringify({
  success: failed.success,
  ownAccessor: Object.getOwnPropertyDescriptor(failed, 'error') !== undefined,
  isZodError: failed.error instanceof z.ZodError,
  issues: failed.error.issues.map((issue) => [issue.code, issue.path]),
  same: failed.error === failed.error,
  ok,
  replaced: replaced.error,
}));`,
    zodFailureOnPrototype,
  );
  t.match(bundle, /LazyFailure = class/, 'the bundle carries the edit');
  t.same(JSON.parse(output), {
    success: false,
    ownAccessor: false,
    isZodError: true,
    issues: [['invalid_type', ['name']]],
    same: true,
    ok: { success: true, data: { name: 'a' } },
    replaced: 'mine',
  });
});

t.test("the SDK's in-flight servers are listed, closed by the handler's close, and let go when done", async (t) => {
  const serverEntry = require.resolve('@modelcontextprotocol/server');
  t.match(sdkInflightListSource(readFileSync(serverEntry, 'utf8')), /const inflight = new __InflightList\(\);/);
  const { bundle, output } = await bundleAndRun(
    'sdk',
    `import { createMcpHandler, Server } from '@modelcontextprotocol/server';
let closed = 0;
let release;
const held = new Promise((resolve) => (release = resolve));
const factory = () => {
  const server = new Server({ name: 'probe', version: '1' }, { capabilities: { tools: {} } });
  server.setRequestHandler('tools/call', async (request) => {
    if (request.params.name === 'hold') await held;
    return { content: [{ type: 'text', text: request.params.name }] };
  });
  server.onclose = () => { closed++; };
  return server;
};
const handler = createMcpHandler(factory, { legacy: 'reject' });
const meta = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientInfo': { name: 'probe', version: '1' }, 'io.modelcontextprotocol/clientCapabilities': {} };
const call = (name, id) => handler.fetch(new Request('http://127.0.0.1/mcp', {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': name },
  body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: {}, _meta: meta } }),
}));
const answered = await (await call('quick', 1)).json();
await new Promise((resolve) => setTimeout(resolve, 50));
const closedAfterAnswer = closed;
const pending = call('hold', 2);
await new Promise((resolve) => setTimeout(resolve, 50));
await handler.close();
release();
await pending.catch(() => undefined);
console.log(JSON.stringify({ text: answered.result.content[0].text, closedAfterAnswer, closedByHandler: closed - closedAfterAnswer }));`,
    sdkInflightList,
  );
  t.match(bundle, /new InflightList\(\)/, 'the bundle carries the edit');
  const result = JSON.parse(output) as Record<string, unknown>;
  t.equal(result.text, 'quick', 'a call is answered');
  t.equal(result.closedAfterAnswer, 1, 'its server is closed once its exchange is done');
  t.equal(result.closedByHandler, 1, 'closing the handler closes the server still serving an exchange');
});

t.test('InflightList behaves as the Set it replaces, for what the SDK uses', async (t) => {
  const list = new InflightList<string>();
  list.add('a').add('b').add('c').add('b');
  t.equal(list.size, 3, 'an item is listed once');
  t.same([...list].sort(), ['a', 'b', 'c']);
  t.equal(list.delete('a'), true);
  t.equal(list.delete('a'), false, 'deleting what is not there says so');
  t.same([...list].sort(), ['b', 'c']);
  t.equal(list.delete('c'), true, 'the last item');
  t.same([...list], ['b']);
  list.clear();
  t.equal(list.size, 0);
});
