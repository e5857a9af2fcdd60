/**
 * `resource_link` blocks for tool results that name an issue or a page (get, create, update), so a client can
 * offer the item to read or subscribe to. Only where the caller can read it: the instance's reading tool is in the
 * caller's catalogue. The structured result names the item; the table says which field.
 */
import type { ResourceLink } from '@modelcontextprotocol/server';
import type { ToolOutput } from '../tools/define.js';
import type { BoundTool } from './bound-tool.js';
import { findTool } from './catalog-lookup.js';
import type { Catalog } from './catalog.js';
import { resourceUri, templateFor, type ResourceKind } from './resource-uris.js';

/** Tools whose answer names one item: which kind, which structured field holds its key or id, which its title. */
const NAMING_TOOLS: Readonly<Record<string, { kind: ResourceKind; id: string; title: string }>> = {
  'jira/get_issue': { kind: 'issue', id: 'key', title: 'summary' },
  'jira/create_issue': { kind: 'issue', id: 'key', title: '' },
  'jira/update_issue': { kind: 'issue', id: 'key', title: '' },
  'confluence/get_page': { kind: 'page', id: 'id', title: 'title' },
  'confluence/create_page': { kind: 'page', id: 'id', title: 'title' },
  'confluence/update_page': { kind: 'page', id: 'id', title: 'title' },
};

export function resourceLinksFor(tool: BoundTool, output: ToolOutput, catalog: Catalog): ResourceLink[] {
  const naming = NAMING_TOOLS[`${tool.spec.product}/${tool.spec.name}`];
  const instance = tool.instance?.config;
  if (!naming || !instance || (instance.product !== 'jira' && instance.product !== 'confluence')) return [];
  const id = output.structured?.[naming.id];
  const template = templateFor(instance.product, naming.kind);
  if (typeof id !== 'string' || !id || !template) return [];
  if (!findTool(catalog, instance.product, instance.name, template.readBy)) return [];
  const title = naming.title ? output.structured?.[naming.title] : undefined;
  const label = naming.kind === 'issue' ? id : `page ${id}`;
  return [
    {
      type: 'resource_link',
      uri: resourceUri({ product: instance.product, instance: instance.name, kind: naming.kind, id }),
      name: label,
      ...(typeof title === 'string' && title ? { title: naming.kind === 'issue' ? `${id}: ${title}` : title } : {}),
      description: `${template.title} on instance "${instance.name}"`,
      mimeType: 'text/markdown',
    },
  ];
}
