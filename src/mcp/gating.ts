/**
 * Which tools an instance exposes: platform support, read-only mode, toolsets, and enabled/disabled lists.
 * The single source of truth for gating; a gated tool is simply never bound, so it answers exactly like a
 * tool that does not exist.
 */
import type { ConfigProblem } from '../config/errors.js';
import type { GatewayConfig } from '../config/schema.js';
import type { InstanceRuntime } from '../instances/registry.js';
import type { ToolSpec } from '../tools/define.js';
import { instanceProductOf, isSelected, parseToolsets, type ToolsetSelector } from '../tools/toolsets.js';
import { genericToolName } from './tool-names.js';

export interface InstanceGate {
  exposes(spec: ToolSpec, boundName: string): boolean;
}

/**
 * Builds the gate for one instance, reporting unknown toolset and tool names as configuration problems.
 * `knownNames` holds the generic names (`jira_search`) and this instance's bound ones (`jira_b_search`).
 */
export function gateFor(
  runtime: InstanceRuntime,
  config: GatewayConfig,
  knownNames: ReadonlySet<string>,
  problems: ConfigProblem[],
  keyReadOnly = false,
): InstanceGate {
  const instance = runtime.config;
  const where = `instance "${instance.name}" (${instance.product})`;
  const selectors = resolveSelectors(
    instance.toolsets ?? config.toolsets ?? ['default'],
    instance.toolsets ? `${where} toolsets` : 'toolsets (TOOLSETS)',
    problems,
  );
  const enabled = namesList(instance.enabled_tools, config.enabled_tools);
  const disabled = new Set(instance.disabled_tools ?? []);
  for (const name of [...(instance.enabled_tools ?? []), ...disabled]) {
    if (!knownNames.has(name))
      problems.push({ where: `${where} enabled/disabled tools`, message: `unknown tool "${name}"` });
  }
  // The instance's read-only mode was decided once, with its runtime; a read-only key narrows it further.
  const readOnly = runtime.view.readOnly || keyReadOnly;
  return {
    exposes(spec, boundName) {
      if (spec.product === 'gateway' || instanceProductOf(spec.product) !== instance.product) return false;
      if (spec.product === 'servicedesk' && !offersServiceDesk(runtime)) return false;
      if (spec.platforms && !spec.platforms.includes(instance.platform)) return false;
      if (readOnly && spec.access !== 'read') return false;
      const genericName = genericToolName(spec);
      if (disabled.has(boundName) || disabled.has(genericName)) return false;
      if (enabled) return enabled.has(boundName) || enabled.has(genericName);
      return isSelected(selectors, { product: spec.product, toolset: spec.toolset, inDefaultSet: spec.inDefaultSet });
    },
  };
}

/**
 * Service Management tools are bound where the instance says it has it (`servicedesk: true`) or, when it does not
 * say, once the startup probe found `/rest/servicedeskapi/info` (the gateway then rebuilds its catalogue).
 */
function offersServiceDesk(runtime: InstanceRuntime): boolean {
  if (!runtime.serviceDesk) return false;
  return runtime.config.servicedesk === true || runtime.serviceDesk.availability === 'available';
}

function resolveSelectors(entries: readonly string[], where: string, problems: ConfigProblem[]): ToolsetSelector[] {
  const { selectors, unknown } = parseToolsets(entries);
  for (const entry of unknown) problems.push({ where, message: `unknown toolset "${entry}"` });
  return selectors;
}

/** An instance's own enabled list wins over the global one; either, when set, is exhaustive. */
function namesList(own: readonly string[] | undefined, global: readonly string[] | undefined): Set<string> | undefined {
  const list = own ?? global;
  return list && list.length > 0 ? new Set(list) : undefined;
}
