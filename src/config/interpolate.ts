/** `${VAR}` and `${VAR:-default}` interpolation, so secrets stay in the environment and out of YAML files. */
import type { ConfigProblem } from './errors.js';
import { yamlPath } from './source.js';

type Env = Readonly<Record<string, string | undefined>>;

const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces references in every string of a parsed YAML document. An unset variable without a default is a
 * problem reported with its YAML path; `$$` escapes a literal dollar sign. Names read are added to `referenced`.
 */
export function interpolate(
  value: unknown,
  env: Env,
  problems: ConfigProblem[],
  path: PropertyKey[] = [],
  referenced = new Set<string>(),
): unknown {
  if (typeof value === 'string') return interpolateString(value, env, problems, path, referenced);
  if (Array.isArray(value))
    return value.map((item, index) => interpolate(item, env, problems, [...path, index], referenced));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolate(item, env, problems, [...path, key], referenced)]),
    );
  }
  return value;
}

function interpolateString(
  text: string,
  env: Env,
  problems: ConfigProblem[],
  path: PropertyKey[],
  referenced: Set<string>,
): string {
  return text.replace(REFERENCE, (match, name: string | undefined, fallback: string | undefined) => {
    if (match === '$$') return '$';
    referenced.add(name!);
    const value = env[name!];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    problems.push({
      where: yamlPath(path),
      message: `environment variable ${name} is not set (use \${${name}:-default} for a default)`,
    });
    return '';
  });
}
