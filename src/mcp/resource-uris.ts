/**
 * The gateway's resource addresses: `jira://{instance}/issue/{key}`, `jira://{instance}/project/{key}`,
 * `jira://{instance}/filter/{id}`, `confluence://{instance}/page/{id}` and `confluence://{instance}/space/{key}`.
 * One table says what each kind is called and which tool reads it; parsing and formatting live only here.
 */
import type { Product } from '../config/schema.js';

export type ResourceKind = 'issue' | 'project' | 'filter' | 'page' | 'space';

export interface ResourceAddress {
  product: Product;
  instance: string;
  kind: ResourceKind;
  /** The issue or project key, the filter or page id, the space key, as the URI spells it. */
  id: string;
}

export interface ResourceTemplateInfo {
  product: Product;
  kind: ResourceKind;
  /** The template argument naming the item (`key` or `id`). */
  argument: 'key' | 'id';
  title: string;
  description: string;
  /** The tool that must be in the caller's catalogue for the instance; reading goes through it. */
  readBy: string;
}

export const RESOURCE_TEMPLATES: readonly ResourceTemplateInfo[] = [
  {
    product: 'jira',
    kind: 'issue',
    argument: 'key',
    title: 'Jira issue',
    description: 'One issue as markdown: summary, status, people, dates, description and latest comments.',
    readBy: 'get_issue',
  },
  {
    product: 'jira',
    kind: 'project',
    argument: 'key',
    title: 'Jira project',
    description: "A project's versions and its newest issues, as markdown.",
    readBy: 'search',
  },
  {
    product: 'jira',
    kind: 'filter',
    argument: 'id',
    title: 'Jira filter',
    description: "A saved filter's name and JQL, with the first page of the issues it finds.",
    readBy: 'search',
  },
  {
    product: 'confluence',
    kind: 'page',
    argument: 'id',
    title: 'Confluence page',
    description: 'One page as markdown, with its space, version and last change.',
    readBy: 'get_page',
  },
  {
    product: 'confluence',
    kind: 'space',
    argument: 'key',
    title: 'Confluence space',
    description: 'A space: name, type, description, home page, and its first pages.',
    readBy: 'get_space',
  },
];

/** `jira://{instance}/issue/{key}`. */
export function uriTemplateOf(template: ResourceTemplateInfo): string {
  return `${template.product}://{instance}/${template.kind}/{${template.argument}}`;
}

export function resourceUri(address: ResourceAddress): string {
  return `${address.product}://${encodeURIComponent(address.instance)}/${address.kind}/${encodeURIComponent(address.id)}`;
}

const URI = /^(jira|confluence):\/\/([^/?#]+)\/(issue|project|filter|page|space)\/([^/?#]+)$/;

/** The address a URI names, or undefined when it is none of the gateway's templates. */
export function parseResourceUri(uri: string): ResourceAddress | undefined {
  const match = URI.exec(uri);
  if (!match) return undefined;
  const [, product, instance, kind, id] = match as unknown as [string, Product, string, ResourceKind, string];
  const template = templateFor(product, kind);
  if (!template) return undefined;
  try {
    return { product, instance: decodeURIComponent(instance), kind, id: decodeURIComponent(id) };
  } catch {
    return undefined;
  }
}

export function templateFor(product: string, kind: string): ResourceTemplateInfo | undefined {
  return RESOURCE_TEMPLATES.find((template) => template.product === product && template.kind === kind);
}
