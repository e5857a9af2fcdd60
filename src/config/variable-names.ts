/**
 * Strict environment: a variable in the gateway's own namespaces (`JIRA_*`, `CONFLUENCE_*`, `SERVICEDESK_*`) that
 * no setting reads is a configuration error naming the nearest known name, so a typo such as `JIRA_PROJECT_FILTER`
 * cannot silently leave an allow-list off. Other tools' well-known variables in those namespaces are left alone.
 */
import { closest } from 'fastest-levenshtein';
import { ENV_PRODUCT_PREFIXES, instanceVariableSuffixes } from './env.js';
import { nonEmpty, PROCESS_VARIABLES } from './settings.js';
import type { RawConfigSource } from './source.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Namespaces the gateway owns. `SERVICEDESK_` is kept free: Service Management is set on Jira instances. */
const OWN_PREFIXES = /^(JIRA|CONFLUENCE|SERVICEDESK)_/;

/**
 * Variables that Jira's and Confluence's own installations (setenv.sh, Atlassian's container images) and the
 * jira-cli command-line client set; they share a prefix with the gateway's but say nothing to it.
 */
const OTHER_TOOLS: ReadonlyMap<string, string> = new Map([
  ['JIRA_HOME', 'Jira installations'],
  ['JIRA_INSTALL', 'Jira installations'],
  ['JIRA_INSTALL_DIR', 'Jira installations'],
  ['JIRA_PID', 'Jira installations'],
  ['CONFLUENCE_HOME', 'Confluence installations'],
  ['CONFLUENCE_INSTALL', 'Confluence installations'],
  ['CONFLUENCE_INSTALL_DIR', 'Confluence installations'],
  ['CONFLUENCE_PID', 'Confluence installations'],
  ['JIRA_CONFIG_FILE', 'jira-cli'],
  ['JIRA_AUTH_TYPE', 'jira-cli'],
]);

export type VariableMode = 'env' | 'yaml' | 'demo';

/**
 * Adds a problem for each unknown variable in the gateway's namespaces. With a YAML file, the variables it reads
 * through `${VAR}` are known too, and instance variables it does not read are ignored with a warning naming them.
 */
export function checkVariableNames(env: Env, source: RawConfigSource, mode: VariableMode): void {
  const referenced = source.referenced ?? new Set<string>();
  const ignoredInstanceVariables: string[] = [];
  for (const name of Object.keys(env).sort()) {
    if (!OWN_PREFIXES.test(name) || nonEmpty(env[name]) === undefined || referenced.has(name)) continue;
    const otherTool = OTHER_TOOLS.get(name);
    if (otherTool) {
      (source.notes ??= []).push(`${name} is left alone: it belongs to ${otherTool}, not to the gateway`);
      continue;
    }
    if (mode === 'demo') continue;
    const known = knownNamesLike(name);
    if (known.includes(name)) {
      if (mode === 'yaml') ignoredInstanceVariables.push(name);
      continue;
    }
    source.problems.push({ where: name, message: unknownMessage(name, [...known, ...referenced]) });
  }
  if (ignoredInstanceVariables.length > 0) {
    source.warnings.push(
      `${ignoredInstanceVariables.join(', ')} ignored: ${source.origin} defines the instances (read a variable there with \${NAME})`,
    );
  }
}

function unknownMessage(name: string, candidates: string[]): string {
  if (name.startsWith('SERVICEDESK_')) {
    return 'not a known setting: Service Management rides on Jira instances (JIRA_SERVICEDESK, JIRA_N_SERVICEDESK) and ATLASSIAN_MODULES';
  }
  return candidates.length > 0
    ? `not a known setting; did you mean ${closest(name, candidates)}?`
    : 'not a known setting';
}

/**
 * The known names a variable could have meant: those of its own product and instance number (`JIRA_2_…`), plus the
 * process-wide ones.
 */
function knownNamesLike(name: string): string[] {
  const names = [...PROCESS_VARIABLES];
  for (const [product, prefix] of ENV_PRODUCT_PREFIXES) {
    if (!name.startsWith(`${prefix}_`)) continue;
    const number = new RegExp(`^${prefix}_(\\d+)_`).exec(name)?.[1];
    const head = number === undefined ? `${prefix}_` : `${prefix}_${number}_`;
    names.push(...instanceVariableSuffixes(product).map((suffix) => `${head}${suffix}`));
  }
  return names;
}
