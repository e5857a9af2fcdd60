/**
 * `tool_naming: argument`: one tool per product (`jira_get_issue`) with a required `instance` argument, so the
 * tool list stays the same size however many instances are configured. Routing reuses the per-instance bound
 * tools, so gating (read-only, toolsets, enabled/disabled tools) still decides per instance at call time.
 */
import type { Tool } from '@modelcontextprotocol/server';
import type { InstanceRuntime } from '../instances/registry.js';
import type { ToolSpec } from '../tools/define.js';
import { instanceProductOf } from '../tools/toolsets.js';
import { instanceTraits, type BoundTool, type ToolCallTarget } from './bound-tool.js';
import { needsConfirmation, withConfirmArgument } from './confirmation.js';
import { inputSchemaOf } from './schema.js';
import { genericToolName } from './tool-names.js';

interface RoutedTool {
  definition: Tool;
  /** Gateway tools talk to no instance and take no `instance` argument. */
  direct?: BoundTool;
  /** Per instance name, the bound tool renamed to the generic name so errors quote what the client called. */
  routes: ReadonlyMap<string, BoundTool>;
  /** The instance names of `routes`, joined once for error messages. */
  choices: string;
  /** Every instance of the tool's product, to tell "gated there" from "no such instance". */
  productInstances: readonly string[];
}

export interface InstanceArgumentRouting {
  list: readonly Tool[];
  resolve: (name: string, args: Record<string, unknown> | undefined) => ToolCallTarget | undefined;
}

export function routeByInstanceArgument(
  bound: ReadonlyMap<string, BoundTool>,
  specs: readonly ToolSpec[],
  instances: readonly InstanceRuntime[],
): InstanceArgumentRouting {
  const bySpec = new Map<ToolSpec, BoundTool[]>();
  for (const tool of bound.values()) bySpec.set(tool.spec, [...(bySpec.get(tool.spec) ?? []), tool]);

  const routed = new Map<string, RoutedTool>();
  for (const spec of specs) {
    const tools = bySpec.get(spec);
    if (!tools?.length) continue;
    const name = genericToolName(spec);
    const product = spec.product === 'gateway' ? undefined : instanceProductOf(spec.product);
    const productInstances = instances
      .filter((instance) => instance.config.product === product)
      .map((instance) => instance.config.name);
    if (spec.product === 'gateway') {
      const direct = tools[0]!;
      routed.set(name, { definition: direct.definition, direct, routes: new Map(), choices: '', productInstances });
      continue;
    }
    const routes = new Map(tools.map((tool) => [tool.instance!.config.name, { ...tool, name }] as const));
    routed.set(name, {
      definition: definitionWithInstance(spec, name, tools),
      routes,
      choices: [...routes.keys()].join(', '),
      productInstances,
    });
  }

  return {
    list: Object.freeze([...routed.values()].map((tool) => tool.definition)),
    resolve: (name, args) => {
      const tool = routed.get(name);
      if (!tool) return undefined;
      if (tool.direct) return { tool: tool.direct, args };
      const { instance, ...rest } = args ?? {};
      const { choices } = tool;
      if (typeof instance !== 'string' || instance === '') {
        return { error: `Invalid arguments for ${name}: instance: required, one of ${choices}` };
      }
      const target = tool.routes.get(instance);
      if (target) return { tool: target, args: rest };
      if (tool.productInstances.includes(instance)) {
        return {
          error: `${name} is not available on instance "${instance}" (it is read-only there or outside its toolsets); available on: ${choices}`,
        };
      }
      return {
        error: `Invalid arguments for ${name}: instance: unknown instance "${instance}", expected one of ${choices}`,
      };
    },
  };
}

/** The spec's schema with `instance` first and required; the enum lists only instances that expose the tool. */
function definitionWithInstance(spec: ToolSpec, name: string, tools: readonly BoundTool[]): Tool {
  const base = tools[0]!.definition;
  // One tool serves every instance: it lists the parameters of each platform among them.
  const platforms = new Set(tools.map((tool) => tool.instance!.config.platform));
  const listed = inputSchemaOf(spec, platforms.size === 1 ? [...platforms][0] : undefined);
  // `confirm` is listed when some instance asks before destructive changes; the others refuse it as unknown.
  const input = tools.some(needsConfirmation) ? withConfirmArgument(listed) : listed;
  const instanceProperty = {
    type: 'string',
    enum: tools.map((tool) => tool.instance!.config.name),
    description: `Which instance: ${tools.map((tool) => describeInstance(tool.instance!)).join('; ')}`,
  };
  return Object.freeze({
    ...base,
    name,
    title: spec.title,
    description: spec.description,
    inputSchema: {
      ...input,
      properties: { instance: instanceProperty, ...(input.properties as object) },
      required: ['instance', ...((input.required as string[] | undefined) ?? [])],
    },
  }) satisfies Tool;
}

function describeInstance(instance: InstanceRuntime): string {
  const { name, platform, url, flags, about } = instanceTraits(instance);
  return `${name} = ${platform} at ${url}${flags ? ` (${flags})` : ''}${about ? `, ${about}` : ''}`;
}
