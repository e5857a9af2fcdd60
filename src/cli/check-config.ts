/** `--check-config`: the resolved instances with secrets masked, and how many tools each exposes. */
import type { GatewayCore } from '../gateway.js';

export function describeConfiguration(core: GatewayCore): string {
  const summaries = new Map(core.catalog.summaries().map((summary) => [`${summary.product}:${summary.name}`, summary]));
  const lines = [`Configuration OK: ${core.config.instances.length} instance(s), ${core.catalog.list.length} tool(s) in all.`, ''];
  for (const instance of core.config.instances) {
    const summary = summaries.get(`${instance.product}:${instance.name}`);
    const auth = instance.auth.type === 'pat' ? `personal access token ${mask(instance.auth.token)}` : `basic ${instance.auth.username} / ${mask(instance.auth.token)}`;
    lines.push(
      `- ${instance.name} (${instance.product}, ${instance.platform}${instance.isDefault ? ', default' : ''}${summary?.read_only ? ', read-only' : ''})`,
      `    url: ${instance.url}`,
      `    auth: ${auth}`,
      `    tools: ${summary?.tools ?? 0} (${summary?.tool_prefix ?? ''}*)`,
    );
    if (instance.projects_filter?.length) lines.push(`    projects: ${instance.projects_filter.join(', ')}`);
    if (instance.spaces_filter?.length) lines.push(`    spaces: ${instance.spaces_filter.join(', ')}`);
  }
  const gatewayTools = core.catalog.list.filter((tool) => tool.name.startsWith('gateway_')).length;
  lines.push('', `Gateway tools: ${gatewayTools}`);
  for (const warning of core.config.warnings) lines.push(`Warning: ${warning}`);
  return lines.join('\n');
}

/** Shows only enough of a secret to recognise it. */
export function mask(secret: string): string {
  return `**** (${secret.length} chars)`;
}
