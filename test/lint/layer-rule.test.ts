/**
 * The layer rule is a lint check that fails: each case lints a real file of src/ with one import added, through the
 * project's own ESLint configuration, and reads which rule (if any) refuses it. A downward import is the control,
 * so a configuration that refused everything would fail here too.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import t from 'tap';

const ROOT = resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

/** The rules that report on `file` once `importLine` is put at its top. */
async function rulesRefusing(file: string, importLine: string): Promise<string[]> {
  const text = `${importLine}\n${readFileSync(join(ROOT, file), 'utf8')}`;
  const [result] = await eslint.lintText(text, { filePath: join(ROOT, file) });
  return (result?.messages ?? [])
    .filter((message) => message.line === 1)
    .map((message) => message.ruleId ?? message.message);
}

const cases: { file: string; importLine: string; refusedBy: string[]; why: string }[] = [
  {
    file: 'src/atlassian/errors.ts',
    importLine: "export type { Catalog } from '../mcp/catalog.js';",
    refusedBy: ['import-x/no-restricted-paths'],
    why: 'the Atlassian layer imports the MCP layer above it',
  },
  {
    file: 'src/config/platform.ts',
    importLine: "export type { GatewayCore } from '../gateway.js';",
    refusedBy: ['import-x/no-restricted-paths'],
    why: 'a layer imports the composition on top',
  },
  {
    file: 'src/tools/fuzzy.ts',
    importLine: "export type { Tool } from '@modelcontextprotocol/server';",
    refusedBy: ['no-restricted-imports'],
    why: 'a tool imports the MCP SDK',
  },
  {
    file: 'src/logging.ts',
    importLine: "export type { GatewayConfig } from './config/schema.js';",
    refusedBy: ['import-x/no-restricted-paths'],
    why: 'a foundation imports a layer',
  },
  {
    file: 'src/mcp/answer-limit.ts',
    importLine: "export type { AtlassianError } from '../atlassian/errors.js';",
    refusedBy: [],
    why: 'the MCP layer imports the Atlassian layer below it (allowed)',
  },
];

for (const { file, importLine, refusedBy, why } of cases) {
  t.test(why, async (t) => {
    t.same(await rulesRefusing(file, importLine), refusedBy, `${file}: ${importLine}`);
  });
}
