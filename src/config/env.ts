/**
 * Reads instances from numbered environment variables: `JIRA_URL` is the default Jira, `JIRA_2_URL` …
 * `JIRA_N_URL` are more (gaps allowed), likewise `CONFLUENCE_*`. Produces the raw shape; validation happens
 * in load.ts so env and YAML share every rule.
 */
import type { Product } from './schema.js';
import { nonEmpty } from './settings.js';
import type { RawConfigSource } from './source.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Env suffix → instance field, shared by both products (the filter suffix differs per product). */
const FIELD_SUFFIXES: Readonly<Record<string, string>> = {
  URL: 'url',
  INSTANCE_NAME: 'name',
  PLATFORM: 'platform',
  SSL_VERIFY: 'ssl_verify',
  TIMEOUT: 'timeout',
  MAX_CONCURRENCY: 'max_concurrency',
  REQUESTS_PER_SECOND: 'requests_per_second',
  CIRCUIT_BREAKER_FAILURES: 'circuit_breaker_failures',
  CIRCUIT_BREAKER_COOLDOWN: 'circuit_breaker_cooldown',
  READ_ONLY: 'read_only',
  CONFIRM_DESTRUCTIVE: 'confirm_destructive',
  SHARED_ACCOUNT: 'shared_account',
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

interface ProductVariables {
  prefix: string;
  alias?: string;
  filterSuffix: string;
  filterField: string;
  /** Suffixes only this product's instances have. */
  own?: Readonly<Record<string, string>>;
}

const PRODUCT_PREFIXES: Readonly<Record<Product, ProductVariables>> = {
  jira: {
    prefix: 'JIRA',
    filterSuffix: 'PROJECTS_FILTER',
    filterField: 'projects_filter',
    own: { SERVICEDESK: 'servicedesk', SERVICEDESK_INTERNAL_COMMENTS_ONLY: 'servicedesk_internal_comments_only' },
  },
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

/** Variables of the credential modes, beside the OAuth ones above. */
const CREDENTIAL_SUFFIXES = ['USERNAME', 'API_TOKEN', 'PERSONAL_TOKEN'] as const;

/** The proxy variables an instance may set for itself. */
const PROXY_SUFFIXES = ['HTTPS_PROXY', 'HTTP_PROXY'] as const;

/** The products whose instances environment variables describe, with the prefix each uses. */
export const ENV_PRODUCT_PREFIXES: ReadonlyArray<readonly [Product, string]> = Object.entries(PRODUCT_PREFIXES).map(
  ([product, { prefix }]) => [product as Product, prefix] as const,
);

/** Every suffix an instance variable of this product may have (`URL`, `PROJECTS_FILTER`, `OAUTH_CLIENT_ID`, …). */
export function instanceVariableSuffixes(product: Product): string[] {
  return [
    ...Object.keys(FIELD_SUFFIXES),
    PRODUCT_PREFIXES[product].filterSuffix,
    ...Object.keys(PRODUCT_PREFIXES[product].own ?? {}),
    ...CREDENTIAL_SUFFIXES,
    ...PROXY_SUFFIXES,
    ...OAUTH_FIELDS.flatMap(([, suffixes]) => suffixes),
  ];
}

export function readEnvConfig(env: Env): RawConfigSource {
  const source: RawConfigSource = {
    raw: {},
    labels: new Map(),
    kind: 'env',
    origin: 'environment',
    warnings: [],
    problems: [],
    notes: [],
  };

  const instances: Record<string, unknown>[] = [];
  for (const product of Object.keys(PRODUCT_PREFIXES) as Product[]) {
    for (const number of instanceNumbers(env, product, source)) {
      const instance = readInstance(env, product, number, instances.length, source);
      if (instance) instances.push(instance);
    }
  }
  source.raw.instances = instances;
  return source;
}

/**
 * The instance numbers present for a product: `undefined` for the unnumbered default, then 2…N ascending. Only known
 * suffixes count: an unknown one is reported as such, not as an instance without a URL.
 */
function instanceNumbers(env: Env, product: Product, source: RawConfigSource): Array<number | undefined> {
  const { prefix } = PRODUCT_PREFIXES[product];
  const suffixes = new Set(instanceVariableSuffixes(product));
  const numbers = new Set<number>();
  const pattern = new RegExp(`^${prefix}_(\\d+)_([A-Z_]+)$`);
  for (const key of Object.keys(env)) {
    const match = pattern.exec(key);
    if (!match || !nonEmpty(env[key]) || !suffixes.has(match[2]!)) continue;
    const number = Number(match[1]);
    if (number < 2) {
      source.problems.push({
        where: key,
        message: `numbering starts at 2; the first instance uses ${prefix}_${match[2]}`,
      });
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
  const { prefix: productPrefix, filterSuffix, filterField, own = {} } = PRODUCT_PREFIXES[product];
  const prefix = number === undefined ? `${productPrefix}_` : `${productPrefix}_${number}_`;
  const variable = (suffix: string) => `${prefix}${suffix}`;
  const read = (suffix: string) => nonEmpty(env[variable(suffix)]);

  const url = read('URL');
  if (url === undefined) {
    source.problems.push({
      where: variable('URL'),
      message: `required: other ${prefix}* variables are set but the URL is not`,
    });
    return undefined;
  }

  const instance: Record<string, unknown> = {
    product,
    name: read('INSTANCE_NAME') ?? (number === undefined ? 'default' : String(number)),
    default: number === undefined,
  };
  const label = (field: string, suffix: string) => source.labels.set(`instances.${index}.${field}`, variable(suffix));
  for (const [suffix, field] of [
    ...Object.entries(FIELD_SUFFIXES),
    [filterSuffix, filterField] as const,
    ...Object.entries(own),
  ]) {
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
    source.warnings.push(
      `${product} instance ${variable('URL')}=${url} skipped: ${missingCredentials(read, variable)}`,
    );
    return undefined;
  }
  instance.auth = credentials.auth;
  source.labels.set(`instances.${index}.auth`, credentials.label);
  for (const [field, name] of Object.entries(credentials.fields))
    source.labels.set(`instances.${index}.auth.${field}`, name);
  return instance;
}

/** Exactly what is missing: the other half of a basic pair when one half is set, else every way to authenticate. */
function missingCredentials(
  read: (suffix: string) => string | undefined,
  variable: (suffix: string) => string,
): string {
  const username = read('USERNAME') !== undefined;
  const token = read('API_TOKEN') !== undefined;
  if (username !== token) {
    const [set, unset] = username ? ['USERNAME', 'API_TOKEN'] : ['API_TOKEN', 'USERNAME'];
    return `${variable(unset)} is not set (${variable(set)} is; basic auth needs both)`;
  }
  const ways = `${variable('USERNAME')} + ${variable('API_TOKEN')}, ${variable('PERSONAL_TOKEN')}, ${variable('OAUTH_CLIENT_ID')} + ${variable('OAUTH_CLIENT_SECRET')}, ${variable('OAUTH_ACCESS_TOKEN')} or ${variable('CLIENT_CERT')}`;
  return `no credentials (set ${ways})`;
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
      const expected = {
        client_id: variable('OAUTH_CLIENT_ID'),
        client_secret: variable('OAUTH_CLIENT_SECRET'),
        cloud_id: variable('OAUTH_CLOUD_ID'),
        redirect_uri: variable('OAUTH_REDIRECT_URI'),
      };
      return {
        auth: { type: 'oauth', ...values },
        label: variables.client_id ?? variables.client_secret!,
        fields: { ...expected, ...variables },
      };
    }
    const accessToken = oauth.get('access_token');
    if (!accessToken) return undefined;
    const { values, variables } = fieldsOf([...oauth.entries()].filter(([field]) => field === 'cloud_id'));
    const cloudIdVariable = accessToken.variable.startsWith('ATLASSIAN_')
      ? 'ATLASSIAN_OAUTH_CLOUD_ID'
      : variable('OAUTH_CLOUD_ID');
    return {
      auth: { type: 'bearer', token: accessToken.value, ...values },
      label: accessToken.variable,
      fields: { token: accessToken.variable, cloud_id: cloudIdVariable, ...variables },
    };
  };
  const personalToken = read('PERSONAL_TOKEN');
  if (personalToken !== undefined)
    return {
      auth: { type: 'pat', token: personalToken },
      label: variable('PERSONAL_TOKEN'),
      fields: { token: variable('PERSONAL_TOKEN') },
    };
  // The instance's own OAuth variables beat its basic credentials; the shared ATLASSIAN_OAUTH_* ones do not.
  const ownOAuth = [...oauth.values()].some((entry) => !entry.variable.startsWith('ATLASSIAN_'));
  if (ownOAuth) return fromOAuth();
  const username = read('USERNAME');
  const token = read('API_TOKEN');
  if (username !== undefined && token !== undefined) {
    return {
      auth: { type: 'basic', username, token },
      label: `${variable('USERNAME')}/${variable('API_TOKEN')}`,
      fields: { username: variable('USERNAME'), token: variable('API_TOKEN') },
    };
  }
  const shared = fromOAuth();
  if (shared) return shared;
  if (hasClientCertificate) return { auth: { type: 'none' }, label: variable('CLIENT_CERT'), fields: {} };
  return undefined;
}

/** The OAuth settings of one instance, with the variable each came from. */
function readOAuthVariables(
  env: Env,
  product: Product,
  number: number | undefined,
): Map<string, { value: string; variable: string }> {
  const { prefix, alias } = PRODUCT_PREFIXES[product];
  const prefixes = [prefix, ...(alias ? [alias] : [])].map((head) =>
    number === undefined ? `${head}_` : `${head}_${number}_`,
  );
  const found = new Map<string, { value: string; variable: string }>();
  for (const [field, suffixes, shared] of OAUTH_FIELDS) {
    const candidates = prefixes.flatMap((head) => suffixes.map((suffix) => `${head}${suffix}`));
    if (number === undefined && shared) candidates.push(shared);
    const variable = candidates.find((name) => nonEmpty(env[name]) !== undefined);
    if (variable) found.set(field, { value: nonEmpty(env[variable])!, variable });
  }
  return found;
}
