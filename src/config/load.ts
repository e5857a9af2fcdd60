/**
 * Loads the configuration once at startup: picks the source (YAML file or environment), validates it with
 * the single schema, applies the cross-instance rules, and reports every problem together.
 */
import { accessSync, constants } from 'node:fs';
import { readEnvConfig } from './env.js';
import { ConfigError, type ConfigProblem } from './errors.js';
import { detectPlatform, normalizeBaseUrl } from './platform.js';
import {
  apiKeyName,
  gatewaySchema,
  type GatewayConfig,
  type InstanceConfig,
  type ParsedGatewayConfig,
} from './schema.js';
import { applyProcessSettings, nonEmpty, type SettingFlags, type SettingOrigins } from './settings.js';
import { checkSignIn } from './sign-in-rules.js';
import { describePath, type RawConfigSource } from './source.js';
import { checkVariableNames } from './variable-names.js';
import { readYamlConfig } from './yaml.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface LoadOptions {
  /** A YAML file (`--config`); when absent, `ATLASSIAN_GATEWAY_CONFIG` or else the environment is used. */
  configFile?: string;
  env?: Env;
  /** Command-line values by setting path (`server.port`); they beat the environment and the file. */
  flags?: SettingFlags;
  /** The demo's instances (the embedded sandbox) instead of a file or instance variables; settings still apply. */
  demo?: Record<string, unknown>[];
  /**
   * `oauth-setup` loads the configuration before the cloud id is known (it prints it), so it skips that rule;
   * every other rule still applies.
   */
  signingIn?: boolean;
}

export function loadConfig(options: LoadOptions = {}): GatewayConfig {
  const env = options.env ?? process.env;
  const fromFlag = options.configFile !== undefined;
  const file = options.demo ? undefined : (options.configFile ?? nonEmpty(env.ATLASSIAN_GATEWAY_CONFIG));
  const source: RawConfigSource = options.demo
    ? {
        raw: { instances: options.demo },
        labels: new Map(),
        kind: 'yaml',
        origin: 'the demo',
        warnings: [],
        problems: [],
        notes: [],
      }
    : file
      ? readYamlConfig(file, env)
      : readEnvConfig(env);
  // A file that could not be read says nothing about which variables it reads: its own problem is reported alone.
  const unread = source.kind === 'yaml' && source.problems.length > 0 && Object.keys(source.raw).length === 0;
  if (!unread) checkVariableNames(env, source, options.demo ? 'demo' : file ? 'yaml' : 'env');
  const origins = applyProcessSettings(source, env, options.flags ?? {});
  if (file) origins.set('config', `${fromFlag ? 'flag --config' : 'env ATLASSIAN_GATEWAY_CONFIG'}: ${file}`);
  return validate(source, options.signingIn, origins);
}

/** Validates a raw source; exported so tests and `--check-config` can run the same rules on any input. */
export function validate(
  source: RawConfigSource,
  signingIn = false,
  origins: SettingOrigins = new Map(),
): GatewayConfig {
  const problems: ConfigProblem[] = [...source.problems];
  if (problems.length > 0 && source.kind === 'yaml' && Object.keys(source.raw).length === 0)
    throw new ConfigError(problems);
  const warnings = [...source.warnings];
  const raw = source.kind === 'yaml' ? skipYamlInstancesWithoutAuth(source, warnings) : source.raw;

  // Parsed once per process: zod's generated fast path would cost more to build than it saves (about 5 ms).
  const parsed = gatewaySchema.safeParse(raw, { jitless: true });
  if (!parsed.success) {
    const alreadyReported = new Set(problems.map((problem) => problem.where));
    for (const issue of parsed.error.issues) {
      // A record key at fault is named in the message (shortened), not in the path, where it would be echoed whole.
      const where = describePath(source, issue.code === 'invalid_key' ? issue.path.slice(0, -1) : issue.path);
      if (!alreadyReported.has(where)) problems.push({ where, message: issueMessage(issue) });
    }
    throw new ConfigError(problems);
  }
  checkApiKeys(parsed.data, source, problems);
  const instances = resolveInstances(parsed.data, source, problems);
  checkConnections(parsed.data, instances, source, problems, signingIn);
  checkSignIn(parsed.data, instances, source, problems, warnings);
  if (problems.length > 0) throw new ConfigError(problems);
  const offered = instances.filter((instance) => parsed.data.modules.includes(instance.product));
  for (const instance of instances.filter((candidate) => !offered.includes(candidate))) {
    warnings.push(
      `${instance.product} instance "${instance.name}" skipped: the ${instance.product} module is off (modules / ATLASSIAN_MODULES)`,
    );
  }
  return { ...parsed.data, instances: offered, warnings, notes: [...(source.notes ?? [])], origins };
}

/** An instance with a URL but no credentials is skipped with a warning, the same rule as for env variables. */
function skipYamlInstancesWithoutAuth(source: RawConfigSource, warnings: string[]): Record<string, unknown> {
  const list = source.raw.instances;
  if (!Array.isArray(list)) return source.raw;
  const kept: unknown[] = [];
  list.forEach((instance: unknown, index) => {
    const record = instance as Record<string, unknown> | null;
    if (record && typeof record === 'object' && record.url && record.auth === undefined) {
      warnings.push(
        `instance instances[${index}] (${[record.name, record.url].find((text): text is string => typeof text === 'string') ?? ''}) skipped: no credentials (set instances[${index}].auth)`,
      );
      return;
    }
    source.labels.set(`instances.${kept.length}`, `instances[${index}]`);
    kept.push(instance);
  });
  return { ...source.raw, instances: kept };
}

/** Keys are told apart by name in logs and sessions, so names (given or by position) and keys must be unique. */
function checkApiKeys(parsed: ParsedGatewayConfig, source: RawConfigSource, problems: ConfigProblem[]): void {
  const names = new Map<string, number>();
  const keys = new Map<string, number>();
  parsed.api_keys.forEach((key, index) => {
    const name = apiKeyName(key, index);
    const sameName = names.get(name);
    if (sameName !== undefined) {
      problems.push({
        where: describePath(source, ['api_keys', index, 'name']),
        message: `duplicate key name "${name}" (entries ${sameName + 1} and ${index + 1}); give each key its own name`,
      });
    }
    const sameKey = keys.get(key.key);
    if (sameKey !== undefined) {
      problems.push({
        where: describePath(source, ['api_keys', index, 'key']),
        message: `the same key is listed twice (entries ${sameKey + 1} and ${index + 1})`,
      });
    }
    names.set(name, index);
    keys.set(key.key, index);
  });
}

function resolveInstances(
  parsed: ParsedGatewayConfig,
  source: RawConfigSource,
  problems: ConfigProblem[],
): InstanceConfig[] {
  const seen = new Map<string, number>();
  const defaults = new Map<string, number[]>();
  parsed.instances.forEach((instance, index) => {
    const key = `${instance.product}:${instance.name}`;
    if (seen.has(key)) {
      problems.push({
        where: describePath(source, ['instances', index, 'name']),
        message: `duplicate ${instance.product} instance name "${instance.name}" (also used by ${describePath(source, ['instances', seen.get(key)!])})`,
      });
    }
    seen.set(key, index);
    if (instance.default) defaults.set(instance.product, [...(defaults.get(instance.product) ?? []), index]);
  });
  for (const [product, indexes] of defaults) {
    if (indexes.length > 1) {
      problems.push({
        where: describePath(source, ['instances', indexes[1]!, 'default']),
        message: `only one ${product} instance can be the default (${indexes.map((i) => describePath(source, ['instances', i])).join(', ')} are)`,
      });
    }
  }
  return parsed.instances.map((instance, index) => {
    const { platform: declared, default: isDefaultFlag, ...rest } = instance;
    const platform = declared ?? detectPlatform(instance.url);
    const firstOfProduct = parsed.instances.findIndex((other) => other.product === instance.product) === index;
    const isDefault = isDefaultFlag ?? (source.kind === 'yaml' && !defaults.has(instance.product) && firstOfProduct);
    return { ...rest, url: normalizeBaseUrl(instance.url, instance.product, platform), platform, isDefault };
  });
}

/** Rules that span fields or touch the file system: certificate files exist, Cloud OAuth knows its site. */
function checkConnections(
  parsed: ParsedGatewayConfig,
  instances: InstanceConfig[],
  source: RawConfigSource,
  problems: ConfigProblem[],
  signingIn: boolean,
): void {
  const where = (path: PropertyKey[]) => describePath(source, path);
  const checkFile = (file: string | undefined, path: PropertyKey[]) => {
    if (file === undefined) return;
    try {
      accessSync(file, constants.R_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push({
        where: where(path),
        message: code === 'ENOENT' ? `file not found: ${file}` : `cannot read ${file} (${code ?? 'unreadable'})`,
      });
    }
  };
  checkFile(parsed.ca_bundle, ['ca_bundle']);
  instances.forEach((instance, index) => {
    const at = (...path: PropertyKey[]) => ['instances', index, ...path];
    checkFile(instance.ca_bundle, at('ca_bundle'));
    checkFile(instance.client_cert, at('client_cert'));
    checkFile(instance.client_key, at('client_key'));
    if (instance.client_cert && !instance.client_key)
      problems.push({ where: where(at('client_key')), message: 'required with a client certificate' });
    if (instance.client_key && !instance.client_cert)
      problems.push({ where: where(at('client_cert')), message: 'required with a client key' });
    const { auth } = instance;
    if (auth.type === 'none' && !instance.client_cert) {
      problems.push({
        where: where(at('auth')),
        message: 'auth type none needs a client certificate (client_cert + client_key)',
      });
    }
    if (
      (auth.type === 'oauth' || auth.type === 'bearer') &&
      instance.platform === 'cloud' &&
      !auth.cloud_id &&
      !(signingIn && auth.type === 'oauth')
    ) {
      problems.push({
        where: where(at('auth', 'cloud_id')),
        message:
          'required for OAuth on Cloud: API calls go through api.atlassian.com by cloud id (oauth-setup prints it)',
      });
    }
    if (
      auth.type === 'oauth' &&
      instance.platform === 'cloud' &&
      !auth.redirect_uri &&
      !auth.refresh_token &&
      !auth.access_token
    ) {
      problems.push({
        where: where(at('auth', 'redirect_uri')),
        message: 'required for OAuth on Cloud without tokens: oauth-setup signs in through it',
      });
    }
  });
}

/** A header name as far as it is one: `X-Api-Key: s3cret` shows as `X-Api-Key…`, never the value after it. */
function shownKey(key: string): string {
  const name = /^[!#$%&'*+.^_`|~0-9A-Za-z-]*/.exec(key)![0];
  return name.length === key.length ? key : `${name}…`;
}

function issueMessage(issue: {
  code: string;
  message: string;
  keys?: string[];
  issues?: Array<{ message: string }>;
  path: readonly PropertyKey[];
}): string {
  // Record keys (header names) carry their own messages one level down.
  if (issue.code === 'invalid_key' && issue.issues?.[0])
    return `${shownKey(String(issue.path.at(-1)))}: ${issue.issues[0].message}`;
  if (issue.code === 'unrecognized_keys' && issue.keys)
    return `unknown key${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  if (issue.message.startsWith('Invalid input: expected') && issue.message.endsWith('received undefined'))
    return 'required';
  return issue.message;
}
