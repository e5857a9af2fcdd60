/**
 * Every toolset per product, and which are on by default. Toolset selection (`TOOLSETS`, per-instance
 * `toolsets`) is checked against this list so a typo fails at startup instead of hiding tools.
 */
import type { Product } from '../config/schema.js';

export const TOOLSETS: Readonly<Record<Product, Readonly<Record<string, { default: boolean }>>>> = {
  jira: {
    issues: { default: true },
    fields: { default: true },
    comments: { default: true },
    transitions: { default: true },
    projects: { default: true },
    worklog: { default: false },
    attachments: { default: false },
    agile: { default: false },
    links: { default: false },
    users: { default: false },
    watchers: { default: false },
    metrics: { default: false },
    development: { default: false },
    forms: { default: false },
    analysis: { default: false },
    servicedesk: { default: false },
  },
  confluence: {
    pages: { default: true },
    spaces: { default: true },
    comments: { default: true },
    labels: { default: false },
    users: { default: false },
    attachments: { default: false },
    restrictions: { default: false },
    templates: { default: false },
    analytics: { default: false },
  },
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
      (product ? Boolean(TOOLSETS[product]?.[toolset]) : Object.values(TOOLSETS).some((sets) => Boolean(sets[toolset])));
    if (product !== undefined && !TOOLSETS[product]) unknown.push(entry);
    else if (!known) unknown.push(entry);
    else selectors.push(product ? { product, toolset } : { toolset });
  }
  return { selectors, unknown };
}

/** Whether a tool of `product`/`toolset` is selected by any selector. */
export function isSelected(selectors: readonly ToolsetSelector[], product: Product, toolset: string): boolean {
  return selectors.some((selector) => {
    if (selector.product && selector.product !== product) return false;
    if (selector.toolset === 'all') return true;
    if (selector.toolset === 'default') return TOOLSETS[product][toolset]?.default ?? false;
    return selector.toolset === toolset;
  });
}
