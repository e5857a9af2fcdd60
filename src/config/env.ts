/**
 * Reads instances from numbered environment variables: `JIRA_URL` is the default Jira, `JIRA_2_URL` …
 * `JIRA_N_URL` are more (gaps allowed), likewise `CONFLUENCE_*`. Produces the raw shape; validation happens
 * in load.ts so env and YAML share every rule.
 */
import type { Product } from './schema.js';
import type { RawConfigSource } from './source.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Env suffix → instance field, shared by both products (the filter suffix differs per product). */
const FIELD_SUFFIXES: Readonly<Record<string, string>> = {
  URL: 'url',
  INSTANCE_NAME: 'name',
  PLATFORM: 'platform',
  SSL_VERIFY: 'ssl_verify',
  TIMEOUT: 'timeout',
  READ_ONLY: 'read_only',
  TOOLSETS: 'toolsets',
  ENABLED_TOOLS: 'enabled_tools',
  DISABLED_TOOLS: 'disabled_tools',
  DESCRIPTION: 'description',
};

const CREDENTIAL_SUFFIXES = ['USERNAME', 'API_TOKEN', 'PERSONAL_TOKEN'] as const;

const PRODUCT_PREFIXES: Readonly<Record<Product, { prefix: string; filterSuffix: string; filterField: string }>> = {
  jira: { prefix: 'JIRA', filterSuffix: 'PROJECTS_FILTER', filterField: 'projects_filter' },
  confluence: { prefix: 'CONFLUENCE', filterSuffix: 'SPACES_FILTER', filterField: 'spaces_filter' },
};

/** Global variables and where they land in the raw config. */
const GLOBAL_VARIABLES: ReadonlyArray<readonly [string, string]> = [
  ['READ_ONLY_MODE', 'read_only'],
  ['TOOLSETS', 'toolsets'],
  ['ENABLED_TOOLS', 'enabled_tools'],
  ['TOOL_NAMING', 'tool_naming'],
  ['LOG_LEVEL', 'log_level'],
  ['ATTACHMENT_MAX_BYTES', 'attachment_max_bytes'],
  ['HOST', 'server.host'],
  ['PORT', 'server.port'],
  ['MCP_STATEFUL', 'server.stateful'],
  ['MCP_SESSION_IDLE_TIMEOUT', 'server.session_idle_timeout'],
  ['MCP_ALLOWED_HOSTS', 'server.allowed_hosts'],
  ['MCP_ALLOWED_ORIGINS', 'server.allowed_origins'],
  ['MCP_BODY_LIMIT', 'server.body_limit'],
  ['MCP_SHUTDOWN_GRACE', 'server.shutdown_grace'],
];

/** True when any instance variable is set; used to warn that a YAML file takes precedence. */
export function hasInstanceEnv(env: Env): boolean {
  return Object.keys(env).some((key) => /^(JIRA|CONFLUENCE)_(\d+_)?URL$/.test(key) && Boolean(env[key]?.trim()));
}

export function readEnvConfig(env: Env): RawConfigSource {
  const source: RawConfigSource = { raw: {}, labels: new Map(), kind: 'env', origin: 'environment', warnings: [], problems: [] };
  const server: Record<string, unknown> = {};
  for (const [variable, path] of GLOBAL_VARIABLES) {
    const value = nonEmpty(env[variable]);
    if (value === undefined) continue;
    const [head, tail] = path.split('.') as [string, string | undefined];
    if (tail) server[tail] = value;
    else source.raw[head] = value;
    source.labels.set(path, variable);
  }
  if (Object.keys(server).length > 0) source.raw.server = server;

  const instances: Record<string, unknown>[] = [];
  for (const product of Object.keys(PRODUCT_PREFIXES) as Product[]) {
    for (const number of instanceNumbers(env, PRODUCT_PREFIXES[product].prefix, source)) {
      const instance = readInstance(env, product, number, instances.length, source);
      if (instance) instances.push(instance);
    }
  }
  source.raw.instances = instances;
  return source;
}

/** The instance numbers present for a product: `undefined` for the unnumbered default, then 2…N ascending. */
function instanceNumbers(env: Env, prefix: string, source: RawConfigSource): Array<number | undefined> {
  const numbers = new Set<number>();
  const pattern = new RegExp(`^${prefix}_(\\d+)_([A-Z_]+)$`);
  for (const key of Object.keys(env)) {
    const match = pattern.exec(key);
    if (!match || !nonEmpty(env[key])) continue;
    const number = Number(match[1]);
    if (number < 2) {
      source.problems.push({ where: key, message: `numbering starts at 2; the first instance uses ${prefix}_${match[2]}` });
      continue;
    }
    numbers.add(number);
  }
  const sorted: Array<number | undefined> = [...numbers].sort((a, b) => a - b);
  return nonEmpty(env[`${prefix}_URL`]) !== undefined ? [undefined, ...sorted] : sorted;
}

function readInstance(
  env: Env,
  product: Product,
  number: number | undefined,
  index: number,
  source: RawConfigSource,
): Record<string, unknown> | undefined {
  const { prefix: productPrefix, filterSuffix, filterField } = PRODUCT_PREFIXES[product];
  const prefix = number === undefined ? `${productPrefix}_` : `${productPrefix}_${number}_`;
  const variable = (suffix: string) => `${prefix}${suffix}`;
  const read = (suffix: string) => nonEmpty(env[variable(suffix)]);

  const url = read('URL');
  if (url === undefined) {
    source.problems.push({ where: variable('URL'), message: `required: other ${prefix}* variables are set but the URL is not` });
    return undefined;
  }

  const instance: Record<string, unknown> = {
    product,
    name: read('INSTANCE_NAME') ?? (number === undefined ? 'default' : String(number)),
    default: number === undefined,
  };
  const label = (field: string, suffix: string) => source.labels.set(`instances.${index}.${field}`, variable(suffix));
  for (const [suffix, field] of [...Object.entries(FIELD_SUFFIXES), [filterSuffix, filterField] as const]) {
    const value = read(suffix);
    label(field, suffix);
    if (value !== undefined && field !== 'name') instance[field] = value;
  }

  const auth = readCredentials(read);
  if (!auth) {
    const missing = `${variable('USERNAME')} + ${variable('API_TOKEN')}, or ${variable('PERSONAL_TOKEN')}`;
    source.warnings.push(`${product} instance ${variable('URL')}=${url} skipped: no credentials (set ${missing})`);
    return undefined;
  }
  instance.auth = auth;
  source.labels.set(`instances.${index}.auth`, `${variable('USERNAME')}/${variable('API_TOKEN')}/${variable('PERSONAL_TOKEN')}`);
  source.labels.set(`instances.${index}.auth.username`, variable('USERNAME'));
  source.labels.set(`instances.${index}.auth.token`, auth.type === 'pat' ? variable('PERSONAL_TOKEN') : variable('API_TOKEN'));
  return instance;
}

/** A personal access token wins over username + API token when both are set, as on Server/DC. */
function readCredentials(read: (suffix: (typeof CREDENTIAL_SUFFIXES)[number]) => string | undefined) {
  const personalToken = read('PERSONAL_TOKEN');
  if (personalToken !== undefined) return { type: 'pat', token: personalToken } as const;
  const username = read('USERNAME');
  const token = read('API_TOKEN');
  if (username !== undefined && token !== undefined) return { type: 'basic', username, token } as const;
  return undefined;
}

/** A trimmed value, or undefined for unset and blank variables (an empty variable means "not set"). */
export function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
