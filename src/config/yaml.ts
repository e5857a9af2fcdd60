/** Reads a YAML configuration file into the raw shape, interpolating `${VAR}` references from the environment. */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { interpolate } from './interpolate.js';
import type { RawConfigSource } from './source.js';

type Env = Readonly<Record<string, string | undefined>>;

export function readYamlConfig(file: string, env: Env): RawConfigSource {
  const source: RawConfigSource = {
    raw: {},
    labels: new Map(),
    kind: 'yaml',
    origin: file,
    warnings: [],
    problems: [],
    notes: [],
    referenced: new Set(),
  };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    source.problems.push({ where: file, message: code === 'ENOENT' ? 'file not found' : `cannot read file (${code})` });
    return source;
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const [line, column] = error.linePos?.[0] ? [error.linePos[0].line, error.linePos[0].col] : [0, 0];
      source.problems.push({
        where: `${file}:${line}:${column}`,
        message: error.message.split('\n')[0] ?? 'invalid YAML',
      });
    }
    return source;
  }
  const data: unknown = document.toJS() ?? {};
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    source.problems.push({ where: file, message: 'expected a mapping with an `instances` list at the top level' });
    return source;
  }
  source.raw = interpolate(data, env, source.problems, [], source.referenced) as Record<string, unknown>;
  return source;
}
