/**
 * Every toolset per product. Toolset selection (`TOOLSETS`, per-instance `toolsets`) is checked against this
 * list so a typo fails at startup instead of hiding tools. `default` selects the tools whose spec says
 * `inDefaultSet` (about ten per product), not whole toolsets.
 */
import type { Product } from '../config/schema.js';

export const TOOLSETS: Readonly<Record<Product, readonly string[]>> = {
  jira: ['issues', 'fields', 'comments', 'transitions', 'worklog', 'attachments', 'agile', 'links', 'users', 'watchers', 'projects', 'metrics', 'development', 'forms', 'analysis', 'servicedesk'],
  confluence: ['pages', 'spaces', 'comments', 'labels', 'users', 'attachments', 'restrictions', 'templates', 'analytics'],
};

/** A parsed selection entry: `default`, `all`, `issues` (any product) or `jira:issues`. */
export interface ToolsetSelector {
  product?: Product;
  toolset: string;
}

/** Parses selection entries, returning the ones that name no known toolset as problems. */
export function parseToolsets(entries: readonly string[]): { selectors: ToolsetSelector[]; unknown: string[] } {
  const selectors: ToolsetSelector[] = [];
  const unknown: string[] = [];
  for (const entry of entries) {
    const [first, second] = entry.toLowerCase().split(':') as [string, string | undefined];
    const product = second === undefined ? undefined : (first as Product);
    const toolset = second ?? first;
    const known =
      toolset === 'default' ||
      toolset === 'all' ||
      (product ? Boolean(TOOLSETS[product]?.includes(toolset)) : Object.values(TOOLSETS).some((sets) => sets.includes(toolset)));
    if (product !== undefined && !TOOLSETS[product]) unknown.push(entry);
    else if (!known) unknown.push(entry);
    else selectors.push(product ? { product, toolset } : { toolset });
  }
  return { selectors, unknown };
}

/** Whether a tool is selected by any selector. */
export function isSelected(selectors: readonly ToolsetSelector[], tool: { product: Product; toolset: string; inDefaultSet?: boolean }): boolean {
  return selectors.some((selector) => {
    if (selector.product && selector.product !== tool.product) return false;
    if (selector.toolset === 'all') return true;
    if (selector.toolset === 'default') return Boolean(tool.inDefaultSet);
    return selector.toolset === tool.toolset;
  });
}
