/**
 * Lets the conformance suite run on Node 20: it imports `globSync` from `fs`, which Node has only from 22. This
 * resolve hook hands the suite's modules (and only them) an `fs` with a `globSync` for the one pattern shape it uses
 * (`**\/<file name>` under a `cwd`). Loaded with `--import` by scripts/conformance/run.ts on Node 20.
 */
import { register } from 'node:module';

const shim = `
export * from 'node:fs';
import fs from 'node:fs';
import path from 'node:path';
export function globSync(pattern, options = {}) {
  const cwd = options.cwd ?? process.cwd();
  const name = pattern.replace(/^\\*\\*\\//, '');
  if (!fs.existsSync(cwd)) return [];
  return fs.readdirSync(cwd, { recursive: true }).map(String).filter((file) => path.basename(file) === name);
}
export default { ...fs, globSync };
`;

const hooks = `
export async function resolve(specifier, context, next) {
  if ((specifier === 'fs' || specifier === 'node:fs') && context.parentURL?.includes('/@modelcontextprotocol/conformance/'))
    return { url: 'data:text/javascript,' + encodeURIComponent(${JSON.stringify(shim)}), shortCircuit: true };
  return next(specifier, context);
}
`;

register(`data:text/javascript,${encodeURIComponent(hooks)}`);
