/** `--check-config`: the resolved instances with secrets masked, and how many tools each exposes. */
import type { InstanceConfig } from '../config/schema.js';
import type { GatewayCore } from '../gateway.js';

export function describeConfiguration(core: GatewayCore): string {
  const summaries = new Map(core.catalog.summaries().map((summary) => [`${summary.product}:${summary.name}`, summary]));
  const lines = [`Configuration OK: ${core.config.instances.length} instance(s), ${core.catalog.list.length} tool(s) in all.`, ''];
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
    if (instance.custom_headers) lines.push(`    custom headers: ${Object.keys(instance.custom_headers).map((name) => `${name}=****`).join(', ')}`);
    if (instance.projects_filter?.length) lines.push(`    projects: ${instance.projects_filter.join(', ')}`);
    if (instance.spaces_filter?.length) lines.push(`    spaces: ${instance.spaces_filter.join(', ')}`);
  }
  const gatewayTools = core.catalog.list.filter((tool) => tool.name.startsWith('gateway_')).length;
  lines.push('', `Gateway tools: ${gatewayTools}`);
  for (const warning of core.config.warnings) lines.push(`Warning: ${warning}`);
  return lines.join('\n');
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
