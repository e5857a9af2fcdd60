/**
 * Finds a caller's bound tools by what they do rather than by name: resources, prompts and completions reach
 * Atlassian only through tools the caller's catalogue holds, so API key scoping, tenants, allow-lists and disabled
 * tools apply to them exactly as to tool calls.
 */
import type { Product } from '../config/schema.js';
import type { InstanceRuntime } from '../instances/registry.js';
import type { ToolSpec } from '../tools/define.js';
import type { BoundTool } from './bound-tool.js';
import type { Catalog } from './catalog.js';
import { genericToolName } from './tool-names.js';

type SpecProduct = ToolSpec['product'];

const indexes = new WeakMap<Catalog, Map<string, BoundTool>>();

function indexOf(catalog: Catalog): Map<string, BoundTool> {
  let index = indexes.get(catalog);
  if (!index) {
    index = new Map();
    for (const tool of catalog.tools.values())
      if (tool.instance) index.set(`${tool.spec.product}/${tool.instance.config.name}/${tool.spec.name}`, tool);
    indexes.set(catalog, index);
  }
  return index;
}

/** The tool `spec` bound to the instance named `instance` in this catalogue, if the caller has it. */
export function findTool(
  catalog: Catalog,
  product: SpecProduct,
  instance: string,
  spec: string,
): BoundTool | undefined {
  return indexOf(catalog).get(`${product}/${instance}/${spec}`);
}

/** The caller's instances of a product that have every one of `specs` bound, default instance first. */
export function instancesWith(catalog: Catalog, product: SpecProduct, specs: readonly string[]): InstanceRuntime[] {
  const owner: Product = product === 'servicedesk' ? 'jira' : (product as Product);
  return catalog.registry.instances
    .filter((instance) => instance.config.product === owner)
    .filter((instance) => specs.every((spec) => findTool(catalog, product, instance.config.name, spec)))
    .sort((a, b) => Number(b.config.isDefault) - Number(a.config.isDefault));
}

/**
 * How a prompt names a tool so the model can call it: its listed name, and in `tool_naming: argument` mode the
 * `instance` argument it needs.
 */
export function mention(catalog: Catalog, tool: BoundTool): string {
  if (catalog.naming === 'argument' && tool.instance)
    return `\`${genericToolName(tool.spec)}\` (instance "${tool.instance.config.name}")`;
  return `\`${tool.name}\``;
}
