/**
 * `--check-config`: every process-wide setting with where its value came from, the resolved instances with secrets
 * masked, how many tools each exposes, and every warning.
 */
import { defaultTokenDirectory } from '../atlassian/credentials/token-store.js';
import { apiKeyName, type GatewayConfig, type InstanceConfig } from '../config/schema.js';
import { PROCESS_SETTINGS } from '../config/settings.js';
import type { GatewayCore } from '../gateway.js';

export function describeConfiguration(core: GatewayCore): string {
  const summaries = new Map(core.catalog.summaries().map((summary) => [`${summary.product}:${summary.name}`, summary]));
  const { warnings } = core.config;
  const counts = `${core.config.instances.length} instance(s), ${core.catalog.list.length} tool(s) in all`;
  const lines = [
    warnings.length === 0
      ? `Configuration OK: ${counts}.`
      : `Configuration usable with ${warnings.length} warning(s): ${counts}.`,
    '',
    ...describeSettings(core.config),
    '',
  ];
  for (const instance of core.config.instances) {
    const summary = summaries.get(`${instance.product}:${instance.name}`);
    const auth = describeAuth(instance);
    lines.push(
      `- ${instance.name} (${instance.product}, ${instance.platform}${instance.isDefault ? ', default' : ''}${summary?.read_only ? ', read-only' : ''})`,
      `    url: ${instance.url}`,
      `    auth: ${auth}`,
      `    tools: ${summary?.tools ?? 0} (${summary?.tool_prefix ?? ''}*)`,
    );
    if (instance.client_cert) lines.push(`    client certificate: ${instance.client_cert}`);
    if (instance.ca_bundle) lines.push(`    CA bundle: ${instance.ca_bundle}`);
    if (instance.proxy) lines.push(`    proxy: ${maskUrl(instance.proxy)}`);
    if (instance.custom_headers)
      lines.push(
        `    custom headers: ${Object.keys(instance.custom_headers)
          .map((name) => `${name}=****`)
          .join(', ')}`,
      );
    if (instance.projects_filter?.length) lines.push(`    projects: ${instance.projects_filter.join(', ')}`);
    if (instance.spaces_filter?.length) lines.push(`    spaces: ${instance.spaces_filter.join(', ')}`);
  }
  const gatewayTools = core.catalog.list.filter((tool) => tool.name.startsWith('gateway_')).length;
  lines.push('', `Gateway tools: ${gatewayTools}`);
  for (const warning of core.config.warnings) lines.push(`Warning: ${warning}`);
  return lines.join('\n');
}

/** One line per process-wide setting: its effective value and where it came from. */
export function describeSettings(config: GatewayConfig): string[] {
  const rows: Array<[string, string, string]> = [];
  const file = config.origins.get('config');
  if (file) {
    const [origin, path] = file.split(/: (.*)/s);
    rows.push(['config file', path ?? '', origin ?? '']);
  }
  for (const setting of PROCESS_SETTINGS) {
    rows.push([setting.path, shownValue(config, setting.path), config.origins.get(setting.path) ?? 'default']);
  }
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  return [
    'Settings (command-line flag > environment > file > default):',
    ...rows.map(([name, value, origin]) =>
      `  ${name.padEnd(widths[0]!)}  ${value.padEnd(widths[1]!)}  ${origin}`.trimEnd(),
    ),
  ];
}

/** Defaults that the schema leaves to the code that uses the setting. */
const IMPLIED_DEFAULTS: Readonly<Record<string, string>> = {
  transport: 'http',
  oauth_token_dir: defaultTokenDirectory(),
};

function shownValue(config: GatewayConfig, path: string): string {
  if (path === 'api_keys') {
    return config.api_keys.length === 0
      ? '(none)'
      : `${config.api_keys.length} key(s): ${config.api_keys.map((key, index) => apiKeyName(key, index)).join(', ')}`;
  }
  const value = path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], config);
  if (value === undefined) return IMPLIED_DEFAULTS[path] ?? '(not set)';
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(',');
  if (path.startsWith('proxy.') && typeof value === 'string' && URL.canParse(value)) return maskUrl(value);
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}

function describeAuth(instance: InstanceConfig): string {
  const { auth } = instance;
  switch (auth.type) {
    case 'basic':
      return `basic ${auth.username} / ${MASKED}`;
    case 'pat':
      return `personal access token ${MASKED}`;
    case 'bearer':
      return `bearer token ${MASKED} (never refreshed)${auth.cloud_id ? `, cloud id ${auth.cloud_id}` : ''}`;
    case 'oauth':
      return `OAuth 2.0 client ${auth.client_id} / ${MASKED}${auth.cloud_id ? `, cloud id ${auth.cloud_id}` : ''}`;
    case 'per_user':
      return `each user signs in (OAuth 2.0 client ${auth.client_id} / ${MASKED})`;
    case 'none':
      return 'none (client certificate only)';
  }
}

/** Proxy URLs may carry a password. */
function maskUrl(url: string): string {
  if (url === 'none') return url;
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '****';
  return parsed.toString();
}

/** Says a secret is set and nothing else about it: not even its length, which narrows a guess. */
export const MASKED = '****';
