/** The raw shape both configuration sources produce before validation. */
import type { ConfigProblem } from './errors.js';

export interface RawConfigSource {
  /** Plain data in the shape of `gatewaySchema`'s input; values may still be strings from the environment. */
  raw: Record<string, unknown>;
  /** Maps a dotted schema path (`instances.0.url`) to what the user wrote (`JIRA_2_URL`); YAML needs none. */
  labels: Map<string, string>;
  /** How a schema path is shown when no label exists (`instances[0].url` for YAML). */
  kind: 'env' | 'yaml';
  /** Where the source came from, for messages: a file path or "environment". */
  origin: string;
  warnings: string[];
  /** Problems found before validation (unset `${VAR}`, unreadable file, malformed YAML). */
  problems: ConfigProblem[];
}

/** Renders a schema path the way the user wrote it: the env var if there is one, else a YAML path. */
export function describePath(source: RawConfigSource, path: readonly PropertyKey[]): string {
  const dotted = path.map(String).join('.');
  for (let length = path.length; length > 0; length--) {
    const label = source.labels.get(path.slice(0, length).map(String).join('.'));
    if (!label) continue;
    const rest = yamlPath(path.slice(length));
    if (source.kind === 'env' || !rest) return label;
    return rest.startsWith('[') ? `${label}${rest}` : `${label}.${rest}`;
  }
  if (source.kind === 'env') return dotted || 'environment';
  return yamlPath(path) || source.origin;
}

export function yamlPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, '');
}
