/**
 * Every toolset per product. Toolset selection (`TOOLSETS`, per-instance `toolsets`) is checked against this
 * list so a typo fails at startup instead of hiding tools. `default` selects the tools whose spec says
 * `inDefaultSet` (about ten per product), not whole toolsets.
 */
import type { Module, Product } from '../config/schema.js';

/** The product a tool belongs to (its name's first word): Service Management tools ride on Jira instances. */
export type ToolProduct = Module;

/** The product of the instances a tool of `product` is bound to. */
export function instanceProductOf(product: ToolProduct): Product {
  return product === 'servicedesk' ? 'jira' : product;
}

export const TOOLSETS: Readonly<Record<ToolProduct, readonly string[]>> = {
  jira: [
    'issues',
    'fields',
    'comments',
    'transitions',
    'worklog',
    'attachments',
    'agile',
    'links',
    'users',
    'watchers',
    'projects',
    'metrics',
    'development',
    'forms',
    'analysis',
  ],
  confluence: [
    'pages',
    'spaces',
    'comments',
    'labels',
    'users',
    'attachments',
    'restrictions',
    'templates',
    'analytics',
  ],
  servicedesk: [
    'discovery',
    'requests',
    'workflow',
    'approvals',
    'participants',
    'queues',
    'knowledge',
    'customers',
    'assets',
  ],
};

/** A parsed selection entry: `default`, `all`, `issues` (any product), `jira:issues`, or `servicedesk` (all of it). */
export interface ToolsetSelector {
  product?: ToolProduct;
  toolset: string;
}

/** Parses selection entries, returning the ones that name no known toolset as problems. */
export function parseToolsets(entries: readonly string[]): { selectors: ToolsetSelector[]; unknown: string[] } {
  const selectors: ToolsetSelector[] = [];
  const unknown: string[] = [];
  for (const entry of entries) {
    const [first, second] = entry
      .toLowerCase()
      .replace(/^service_desk(?=:|$)/, 'servicedesk')
      .split(':') as [string, string | undefined];
    if (second === undefined && first === 'servicedesk') {
      selectors.push({ product: 'servicedesk', toolset: 'all' });
      continue;
    }
    const product = second === undefined ? undefined : (first as ToolProduct);
    const toolset = second ?? first;
    const known =
      toolset === 'default' ||
      toolset === 'all' ||
      (product
        ? Boolean(TOOLSETS[product]?.includes(toolset))
        : Object.values(TOOLSETS).some((sets) => sets.includes(toolset)));
    if (product !== undefined && !TOOLSETS[product]) unknown.push(entry);
    else if (!known) unknown.push(entry);
    else selectors.push(product ? { product, toolset } : { toolset });
  }
  return { selectors, unknown };
}

/** Whether a tool is selected by any selector. */
export function isSelected(
  selectors: readonly ToolsetSelector[],
  tool: { product: ToolProduct; toolset: string; inDefaultSet?: boolean },
): boolean {
  return selectors.some((selector) => {
    if (selector.product && selector.product !== tool.product) return false;
    if (selector.toolset === 'all') return true;
    if (selector.toolset === 'default') return Boolean(tool.inDefaultSet);
    return selector.toolset === tool.toolset;
  });
}
