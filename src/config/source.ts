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
  /** Said at debug level only: things deliberately left alone (another tool's variables). */
  notes?: string[];
  /** The environment variables a YAML file reads through `${VAR}`. */
  referenced?: Set<string>;
}

/** A label that is an environment variable or a flag rather than a YAML path. */
const SETTING_NAME = /^(--[a-z][a-z-]*|[A-Za-z_][A-Za-z0-9_]*)$/;

/** Renders a schema path the way the user wrote it: the env var if there is one, else a YAML path. */
export function describePath(source: RawConfigSource, path: readonly PropertyKey[]): string {
  const dotted = path.map(String).join('.');
  for (let length = path.length; length > 0; length--) {
    const label = source.labels.get(path.slice(0, length).map(String).join('.'));
    if (!label) continue;
    const rest = yamlPath(path.slice(length));
    if (!rest) return label;
    // A variable or flag holds a comma-separated list: name the entry at fault by its position, never by its value.
    if (source.kind === 'env' || SETTING_NAME.test(label)) {
      const entry = path[length];
      return typeof entry === 'number' ? `${label} (entry ${entry + 1})` : label;
    }
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
