/**
 * Process-wide settings and every place each can come from. One rule decides them all: a command-line flag beats
 * the environment, which beats the YAML file, which beats the schema's default. Adding a setting is one row here.
 */
import type { RawConfigSource } from './source.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface ProcessSetting {
  /** Dotted path in the schema and in the YAML file (`server.port`). */
  path: string;
  /** Environment variables that set it, strongest first. */
  env: readonly string[];
  /** The command-line flag that sets it, if any. */
  flag?: string;
  /** Shown as a count, never as its value. */
  secret?: boolean;
}

export const PROCESS_SETTINGS: readonly ProcessSetting[] = [
  { path: 'transport', env: ['MCP_TRANSPORT'], flag: '--transport' },
  // The MCP_ spellings (used by other Atlassian MCP servers' deployments) are more specific, so they win.
  { path: 'server.host', env: ['MCP_HOST', 'HOST'], flag: '--host' },
  { path: 'server.port', env: ['MCP_PORT', 'PORT'], flag: '--port' },
  { path: 'server.stateful', env: ['MCP_STATEFUL'], flag: '--stateful' },
  { path: 'log_level', env: ['LOG_LEVEL'], flag: '--log-level' },
  { path: 'read_only', env: ['READ_ONLY_MODE'] },
  { path: 'modules', env: ['ATLASSIAN_MODULES'] },
  { path: 'toolsets', env: ['TOOLSETS'] },
  { path: 'enabled_tools', env: ['ENABLED_TOOLS'] },
  { path: 'tool_naming', env: ['TOOL_NAMING'] },
  { path: 'output_schemas', env: ['OUTPUT_SCHEMAS'] },
  { path: 'attachment_max_bytes', env: ['ATTACHMENT_MAX_BYTES'] },
  { path: 'max_response_bytes', env: ['MAX_RESPONSE_BYTES'] },
  { path: 'max_answer_chars', env: ['MAX_ANSWER_CHARS'] },
  { path: 'resource_poll_interval', env: ['RESOURCE_POLL_INTERVAL'] },
  { path: 'server.session_idle_timeout', env: ['MCP_SESSION_IDLE_TIMEOUT'] },
  { path: 'server.allowed_hosts', env: ['MCP_ALLOWED_HOSTS'] },
  { path: 'server.allowed_origins', env: ['MCP_ALLOWED_ORIGINS'] },
  { path: 'server.body_limit', env: ['MCP_BODY_LIMIT'] },
  { path: 'server.shutdown_grace', env: ['MCP_SHUTDOWN_GRACE'] },
  { path: 'server.request_timeout', env: ['MCP_REQUEST_TIMEOUT'] },
  { path: 'server.max_connections', env: ['MCP_MAX_CONNECTIONS'] },
  { path: 'server.max_sessions', env: ['MCP_MAX_SESSIONS'] },
  { path: 'server.max_sessions_per_caller', env: ['MCP_MAX_SESSIONS_PER_CALLER'] },
  { path: 'server.connection_buffer_limit', env: ['MCP_CONNECTION_BUFFER_LIMIT'] },
  { path: 'metrics.enabled', env: ['METRICS_ENABLED'] },
  { path: 'metrics.token', env: ['METRICS_TOKEN'], secret: true },
  { path: 'metrics.port', env: ['METRICS_PORT'] },
  { path: 'metrics.host', env: ['METRICS_HOST'] },
  // May carry the Redis password: shown as set, never as its value.
  { path: 'state.redis_url', env: ['REDIS_URL'], secret: true },
  { path: 'ca_bundle', env: ['MCP_CA_BUNDLE'] },
  { path: 'oauth_token_dir', env: ['OAUTH_TOKEN_DIR'] },
  { path: 'api_keys', env: ['GATEWAY_API_KEYS'], secret: true },
  { path: 'auth.mode', env: ['MCP_AUTH'], flag: '--auth' },
  { path: 'auth.public_url', env: ['MCP_PUBLIC_URL'] },
  { path: 'auth.key', env: ['MCP_AUTH_KEY'], secret: true },
  { path: 'auth.key_file', env: ['MCP_AUTH_KEY_FILE'] },
  { path: 'auth.vault', env: ['MCP_AUTH_VAULT'] },
  { path: 'auth.vault_dir', env: ['MCP_AUTH_VAULT_DIR'] },
  { path: 'auth.dynamic_registration', env: ['MCP_AUTH_DYNAMIC_REGISTRATION'] },
  { path: 'auth.client_metadata_documents', env: ['MCP_AUTH_CLIENT_METADATA_DOCUMENTS'] },
  { path: 'auth.access_token_ttl', env: ['MCP_AUTH_ACCESS_TOKEN_TTL'] },
  { path: 'auth.refresh_token_ttl', env: ['MCP_AUTH_REFRESH_TOKEN_TTL'] },
  { path: 'auth.rate_limit', env: ['MCP_AUTH_RATE_LIMIT'] },
  { path: 'auth.user_metrics_label', env: ['MCP_AUTH_USER_METRICS_LABEL'] },
  { path: 'multi_tenant.enabled', env: ['ATLASSIAN_OAUTH_ENABLE'] },
  { path: 'multi_tenant.allowed_urls', env: ['ATLASSIAN_ALLOWED_URLS'] },
  { path: 'multi_tenant.allow_http', env: ['ATLASSIAN_ALLOW_HTTP'] },
  { path: 'multi_tenant.allow_private_networks', env: ['ATLASSIAN_ALLOW_PRIVATE_NETWORKS'] },
  { path: 'multi_tenant.static_credentials_fallback', env: ['ATLASSIAN_STATIC_CREDENTIALS_FALLBACK'] },
  // Proxy variables are conventionally honoured in either case; upper case wins when both are set.
  { path: 'proxy.http', env: ['HTTP_PROXY', 'http_proxy'] },
  { path: 'proxy.https', env: ['HTTPS_PROXY', 'https_proxy'] },
  { path: 'proxy.no_proxy', env: ['NO_PROXY', 'no_proxy'] },
];

/** Values given on the command line, by setting path (`server.port` → 9001). */
export type SettingFlags = Readonly<Record<string, string | number | boolean | undefined>>;

/** Where the effective value of a setting came from: `flag --port`, `env PORT`, `file /etc/gw.yaml`, or `default`. */
export type SettingOrigins = Map<string, string>;

/**
 * Lays the environment and then the flags over what the source (a YAML file, or nothing) already holds, and
 * records where each setting's value came from. Labels point problems at the variable or flag that set a value.
 */
export function applyProcessSettings(source: RawConfigSource, env: Env, flags: SettingFlags): SettingOrigins {
  const origins: SettingOrigins = new Map();
  for (const setting of PROCESS_SETTINGS) {
    if (source.kind === 'yaml' && getPath(source.raw, setting.path) !== undefined)
      origins.set(setting.path, `file ${source.origin}`);
    const variable = setting.env.find((name) => nonEmpty(env[name]) !== undefined);
    if (variable && setPath(source.raw, setting.path, nonEmpty(env[variable]))) {
      origins.set(setting.path, `env ${variable}`);
      source.labels.set(setting.path, variable);
    }
    const flagged = flags[setting.path];
    if (setting.flag && flagged !== undefined && setPath(source.raw, setting.path, flagged)) {
      origins.set(setting.path, `flag ${setting.flag}`);
      source.labels.set(setting.path, setting.flag);
    }
  }
  return origins;
}

/** Every variable name this table knows, for the strictness check. */
export const PROCESS_VARIABLES: ReadonlySet<string> = new Set(PROCESS_SETTINGS.flatMap((setting) => setting.env));

function getPath(raw: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      raw,
    );
}

/** Sets a dotted path, creating objects on the way; false when something that is not an object is in the way. */
function setPath(raw: Record<string, unknown>, path: string, value: unknown): boolean {
  const keys = path.split('.');
  const leaf = keys.pop()!;
  let target = raw;
  for (const key of keys) {
    const next = target[key];
    if (next !== undefined && (typeof next !== 'object' || next === null || Array.isArray(next))) return false;
    target = (target[key] ??= {}) as Record<string, unknown>;
  }
  target[leaf] = value;
  return true;
}

/** A trimmed value, or undefined for unset and blank variables (an empty variable means "not set"). */
export function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
