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
  CUSTOM_HEADERS: 'custom_headers',
  CA_BUNDLE: 'ca_bundle',
  CLIENT_CERT: 'client_cert',
  CLIENT_KEY: 'client_key',
  CLIENT_KEY_PASSWORD: 'client_key_password',
};

const PRODUCT_PREFIXES: Readonly<Record<Product, { prefix: string; alias?: string; filterSuffix: string; filterField: string }>> = {
  jira: { prefix: 'JIRA', filterSuffix: 'PROJECTS_FILTER', filterField: 'projects_filter' },
  confluence: { prefix: 'CONFLUENCE', alias: 'CONF', filterSuffix: 'SPACES_FILTER', filterField: 'spaces_filter' },
};

/**
 * OAuth fields and the variables that set them, first match wins: the instance's own (`JIRA_OAUTH_CLIENT_ID`,
 * the short `JIRA_CLIENT_ID`, `CONF_CLIENT_ID` for Confluence), then for the unnumbered instances the shared
 * `ATLASSIAN_OAUTH_*` ones.
 */
const OAUTH_FIELDS: ReadonlyArray<readonly [field: string, suffixes: readonly string[], shared?: string]> = [
  ['client_id', ['OAUTH_CLIENT_ID', 'CLIENT_ID'], 'ATLASSIAN_OAUTH_CLIENT_ID'],
  ['client_secret', ['OAUTH_CLIENT_SECRET', 'CLIENT_SECRET'], 'ATLASSIAN_OAUTH_CLIENT_SECRET'],
  ['redirect_uri', ['OAUTH_REDIRECT_URI'], 'ATLASSIAN_OAUTH_REDIRECT_URI'],
  ['scopes', ['OAUTH_SCOPE'], 'ATLASSIAN_OAUTH_SCOPE'],
  ['cloud_id', ['OAUTH_CLOUD_ID', 'CLOUD_ID'], 'ATLASSIAN_OAUTH_CLOUD_ID'],
  ['access_token', ['OAUTH_ACCESS_TOKEN', 'ACCESS_TOKEN'], 'ATLASSIAN_OAUTH_ACCESS_TOKEN'],
  ['refresh_token', ['OAUTH_REFRESH_TOKEN', 'REFRESH_TOKEN']],
];

/** Global variables and where they land in the raw config. */
const GLOBAL_VARIABLES: ReadonlyArray<readonly [string, string]> = [
  ['READ_ONLY_MODE', 'read_only'],
  ['TOOLSETS', 'toolsets'],
  ['ENABLED_TOOLS', 'enabled_tools'],
  ['TOOL_NAMING', 'tool_naming'],
  ['OUTPUT_SCHEMAS', 'output_schemas'],
  ['LOG_LEVEL', 'log_level'],
  ['ATTACHMENT_MAX_BYTES', 'attachment_max_bytes'],
  ['MAX_RESPONSE_BYTES', 'max_response_bytes'],
  ['MAX_ANSWER_CHARS', 'max_answer_chars'],
  // The MCP_ spellings (used by other Atlassian MCP servers' deployments) are more specific, so they win.
  ['MCP_HOST', 'server.host'],
  ['HOST', 'server.host'],
  ['MCP_PORT', 'server.port'],
  ['PORT', 'server.port'],
  ['MCP_TRANSPORT', 'transport'],
  ['MCP_STATEFUL', 'server.stateful'],
  ['MCP_SESSION_IDLE_TIMEOUT', 'server.session_idle_timeout'],
  ['MCP_ALLOWED_HOSTS', 'server.allowed_hosts'],
  ['MCP_ALLOWED_ORIGINS', 'server.allowed_origins'],
  ['MCP_BODY_LIMIT', 'server.body_limit'],
  ['MCP_SHUTDOWN_GRACE', 'server.shutdown_grace'],
  ['MCP_REQUEST_TIMEOUT', 'server.request_timeout'],
  ['MCP_MAX_CONNECTIONS', 'server.max_connections'],
  ['MCP_MAX_SESSIONS', 'server.max_sessions'],
  ['MCP_MAX_SESSIONS_PER_CALLER', 'server.max_sessions_per_caller'],
  ['MCP_CONNECTION_BUFFER_LIMIT', 'server.connection_buffer_limit'],
  ['MCP_CA_BUNDLE', 'ca_bundle'],
  ['OAUTH_TOKEN_DIR', 'oauth_token_dir'],
  ['GATEWAY_API_KEYS', 'api_keys'],
  ['ATLASSIAN_OAUTH_ENABLE', 'multi_tenant.enabled'],
  ['ATLASSIAN_ALLOWED_URLS', 'multi_tenant.allowed_urls'],
  ['ATLASSIAN_ALLOW_HTTP', 'multi_tenant.allow_http'],
  ['ATLASSIAN_ALLOW_PRIVATE_NETWORKS', 'multi_tenant.allow_private_networks'],
  ['ATLASSIAN_STATIC_CREDENTIALS_FALLBACK', 'multi_tenant.static_credentials_fallback'],
  // Proxy variables are conventionally honoured in either case; upper case wins when both are set.
  ['HTTP_PROXY', 'proxy.http'],
  ['http_proxy', 'proxy.http'],
  ['HTTPS_PROXY', 'proxy.https'],
  ['https_proxy', 'proxy.https'],
  ['NO_PROXY', 'proxy.no_proxy'],
  ['no_proxy', 'proxy.no_proxy'],
];

/** Global settings that also apply when a YAML file defines the instances (the file's own values win). */
export const PROCESS_WIDE_VARIABLES = new Set(['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy', 'MCP_CA_BUNDLE', 'OAUTH_TOKEN_DIR']);

/** True when any instance variable is set; used to warn that a YAML file takes precedence. */
export function hasInstanceEnv(env: Env): boolean {
  return Object.keys(env).some((key) => /^(JIRA|CONFLUENCE)_(\d+_)?URL$/.test(key) && Boolean(env[key]?.trim()));
}

/**
 * Copies global variables into `raw` at their dotted paths, without overwriting what is already there (so
 * `HTTP_PROXY` beats `http_proxy`, and a YAML file's own settings beat the environment).
 */
export function applyGlobalVariables(env: Env, raw: Record<string, unknown>, labels: Map<string, string>, only?: ReadonlySet<string>): void {
  for (const [variable, path] of GLOBAL_VARIABLES) {
    if (only && !only.has(variable)) continue;
    const value = nonEmpty(env[variable]);
    if (value === undefined) continue;
    const keys = path.split('.');
    const leaf = keys.pop()!;
    let target = raw;
    for (const key of keys) {
      const next = target[key];
      if (next !== undefined && (typeof next !== 'object' || next === null)) break;
      target = (target[key] ??= {}) as Record<string, unknown>;
    }
    if (target[leaf] !== undefined) continue;
    target[leaf] = value;
    if (!labels.has(path)) labels.set(path, variable);
  }
}

export function readEnvConfig(env: Env): RawConfigSource {
  const source: RawConfigSource = { raw: {}, labels: new Map(), kind: 'env', origin: 'environment', warnings: [], problems: [] };
  applyGlobalVariables(env, source.raw, source.labels);

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

  // One proxy per instance: the variable matching the URL's scheme, else whichever is set.
  const proxySuffixes = url.startsWith('https:') ? ['HTTPS_PROXY', 'HTTP_PROXY'] : ['HTTP_PROXY', 'HTTPS_PROXY'];
  const proxySuffix = proxySuffixes.find((suffix) => read(suffix) !== undefined);
  if (proxySuffix) {
    instance.proxy = read(proxySuffix);
    label('proxy', proxySuffix);
  }

  const oauth = readOAuthVariables(env, product, number);
  const credentials = readCredentials(read, variable, oauth, Boolean(instance.client_cert));
  if (!credentials) {
    const missing = `${variable('USERNAME')} + ${variable('API_TOKEN')}, ${variable('PERSONAL_TOKEN')}, ${variable('OAUTH_CLIENT_ID')} + ${variable('OAUTH_CLIENT_SECRET')}, ${variable('OAUTH_ACCESS_TOKEN')} or ${variable('CLIENT_CERT')}`;
    source.warnings.push(`${product} instance ${variable('URL')}=${url} skipped: no credentials (set ${missing})`);
    return undefined;
  }
  instance.auth = credentials.auth;
  source.labels.set(`instances.${index}.auth`, credentials.label);
  for (const [field, name] of Object.entries(credentials.fields)) source.labels.set(`instances.${index}.auth.${field}`, name);
  return instance;
}

interface EnvCredentials {
  auth: Record<string, unknown>;
  /** What to name when the credentials as a whole are wrong. */
  label: string;
  /** Auth field → the variable it came from. */
  fields: Record<string, string>;
}

/**
 * Picks the auth mode from what is set, strongest first: a personal access token, OAuth with a client
 * (refreshable), a bare OAuth access token (bring your own), username + API token, and finally nothing but a
 * client certificate (mTLS alone).
 */
function readCredentials(
  read: (suffix: string) => string | undefined,
  variable: (suffix: string) => string,
  oauth: Map<string, { value: string; variable: string }>,
  hasClientCertificate: boolean,
): EnvCredentials | undefined {
  const fieldsOf = (entries: Array<[string, { value: string; variable: string }]>) => ({
    values: Object.fromEntries(entries.map(([field, { value }]) => [field, value])),
    variables: Object.fromEntries(entries.map(([field, { variable }]) => [field, variable])),
  });
  const fromOAuth = (): EnvCredentials | undefined => {
    if (oauth.has('client_id') || oauth.has('client_secret')) {
      const { values, variables } = fieldsOf([...oauth.entries()]);
      // A missing half of the client pair is reported under the variable that would set it.
      const expected = { client_id: variable('OAUTH_CLIENT_ID'), client_secret: variable('OAUTH_CLIENT_SECRET'), cloud_id: variable('OAUTH_CLOUD_ID'), redirect_uri: variable('OAUTH_REDIRECT_URI') };
      return { auth: { type: 'oauth', ...values }, label: variables.client_id ?? variables.client_secret!, fields: { ...expected, ...variables } };
    }
    const accessToken = oauth.get('access_token');
    if (!accessToken) return undefined;
    const { values, variables } = fieldsOf([...oauth.entries()].filter(([field]) => field === 'cloud_id'));
    const cloudIdVariable = accessToken.variable.startsWith('ATLASSIAN_') ? 'ATLASSIAN_OAUTH_CLOUD_ID' : variable('OAUTH_CLOUD_ID');
    return { auth: { type: 'bearer', token: accessToken.value, ...values }, label: accessToken.variable, fields: { token: accessToken.variable, cloud_id: cloudIdVariable, ...variables } };
  };
  const personalToken = read('PERSONAL_TOKEN');
  if (personalToken !== undefined) return { auth: { type: 'pat', token: personalToken }, label: variable('PERSONAL_TOKEN'), fields: { token: variable('PERSONAL_TOKEN') } };
  // The instance's own OAuth variables beat its basic credentials; the shared ATLASSIAN_OAUTH_* ones do not.
  const ownOAuth = [...oauth.values()].some((entry) => !entry.variable.startsWith('ATLASSIAN_'));
  if (ownOAuth) return fromOAuth();
  const username = read('USERNAME');
  const token = read('API_TOKEN');
  if (username !== undefined && token !== undefined) {
    return { auth: { type: 'basic', username, token }, label: `${variable('USERNAME')}/${variable('API_TOKEN')}`, fields: { username: variable('USERNAME'), token: variable('API_TOKEN') } };
  }
  const shared = fromOAuth();
  if (shared) return shared;
  if (hasClientCertificate) return { auth: { type: 'none' }, label: variable('CLIENT_CERT'), fields: {} };
  return undefined;
}

/** The OAuth settings of one instance, with the variable each came from. */
function readOAuthVariables(env: Env, product: Product, number: number | undefined): Map<string, { value: string; variable: string }> {
  const { prefix, alias } = PRODUCT_PREFIXES[product];
  const prefixes = [prefix, ...(alias ? [alias] : [])].map((head) => (number === undefined ? `${head}_` : `${head}_${number}_`));
  const found = new Map<string, { value: string; variable: string }>();
  for (const [field, suffixes, shared] of OAUTH_FIELDS) {
    const candidates = prefixes.flatMap((head) => suffixes.map((suffix) => `${head}${suffix}`));
    if (number === undefined && shared) candidates.push(shared);
    const variable = candidates.find((name) => nonEmpty(env[name]) !== undefined);
    if (variable) found.set(field, { value: nonEmpty(env[variable])!, variable });
  }
  return found;
}

/** A trimmed value, or undefined for unset and blank variables (an empty variable means "not set"). */
export function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
