/**
 * The one formula for tool names: `jira_get_issue` for the default instance (and in argument naming mode),
 * `jira_staging_get_issue` for the instance named staging. Catalogue, gating, routing and summaries all use it.
 */
import type { ToolNaming } from '../config/schema.js';
import type { ToolSpec } from '../tools/define.js';

/** MCP limits tool names to 64 characters; some clients enforce it strictly. */
export const MAX_TOOL_NAME_LENGTH = 64;

type NamedSpec = Pick<ToolSpec, 'product' | 'name'>;
type NamedInstance = { name: string; isDefault: boolean };

/** `jira_get_issue`: the name of the default instance's tool, and of every tool in argument naming mode. */
export function genericToolName(spec: NamedSpec): string {
  return `${spec.product}_${spec.name}`;
}

/** `jira_get_issue` for the default instance, `jira_staging_get_issue` for the one named staging. */
export function boundToolName(spec: NamedSpec, instance?: NamedInstance): string {
  return `${toolPrefix(spec.product, instance)}${spec.name}`;
}

/** What every tool of an instance starts with: `jira_` for the default (or in argument mode), `jira_staging_` otherwise. */
export function toolPrefix(product: string, instance?: NamedInstance, naming: ToolNaming = 'prefix'): string {
  if (!instance || instance.isDefault || naming === 'argument') return `${product}_`;
  return `${product}_${instance.name}_`;
}
