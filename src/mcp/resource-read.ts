/**
 * Reads one resource as markdown through the caller's own tools: `jira://prod/issue/OPS-1` is `get_issue` bound to
 * prod in the caller's catalogue, so key scoping, tenants, allow-lists and disabled tools decide what a resource
 * shows exactly as they decide what a tool call answers. A failure names the instance and the cause.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import { AtlassianError } from '../atlassian/errors.js';
import { getFilter } from '../atlassian/jira/filters.js';
import { getProject } from '../atlassian/jira/projects.js';
import { callBoundTool } from './call.js';
import { findTool } from './catalog-lookup.js';
import type { Catalog } from './catalog.js';
import { templateFor, type ResourceAddress } from './resource-uris.js';

/** What a resource read found: its markdown and a title for `resources/list`. */
export interface ResourceText {
  text: string;
  title: string;
}

/** Why a resource could not be read: `unknown` when the caller has no such resource, `failed` when reading it failed. */
export class ResourceReadError extends Error {
  constructor(
    readonly reason: 'unknown' | 'failed',
    message: string,
  ) {
    super(message);
  }
}

/** One tool call of a resource: the tool spec, its arguments, and the heading its text goes under (none for the first). */
type Part = { spec: string; args: Record<string, unknown>; heading?: string; optional?: boolean };

export async function readResource(
  catalog: Catalog,
  address: ResourceAddress,
  signal: AbortSignal,
): Promise<ResourceText> {
  const template = templateFor(address.product, address.kind);
  const main = template && findTool(catalog, address.product, address.instance, template.readBy);
  if (!template || !main)
    throw new ResourceReadError(
      'unknown',
      `No ${address.product} instance "${address.instance}" offers ${address.kind}s to this caller.`,
    );
  const { id, instance } = address;
  switch (address.kind) {
    case 'issue':
      return titled(await readParts(catalog, address, [{ spec: 'get_issue', args: { issue_key: id } }], signal));
    case 'page':
      return titled(await readParts(catalog, address, [{ spec: 'get_page', args: { page_id: id } }], signal));
    case 'space':
      return titled(
        await readParts(
          catalog,
          address,
          [
            { spec: 'get_space', args: { space_key: id } },
            { spec: 'get_space_pages', args: { space_key: id, limit: 25 }, heading: 'Pages', optional: true },
          ],
          signal,
        ),
      );
    case 'project': {
      if (!/^[A-Z][A-Z0-9_]*$/i.test(id)) throw new ResourceReadError('unknown', `"${id}" is not a project key.`);
      const key = id.toUpperCase();
      // The project itself first: one outside the allow-list (or missing) is not found, not an empty listing.
      const project = await upstream(
        `Get project ${key}`,
        (signal) => getProject(main.instance!.jira!, key, signal),
        timeoutOf(catalog, address),
        signal,
      );
      const body = await readParts(
        catalog,
        address,
        [
          { spec: 'get_project_versions', args: { project_key: id }, heading: 'Versions', optional: true },
          {
            spec: 'search',
            args: { jql: `project = "${id.toUpperCase()}" ORDER BY created DESC`, limit: 20 },
            heading: 'Newest issues',
          },
        ],
        signal,
      );
      const title = `${project.name} (${key})`;
      return {
        title,
        text: `# ${title}\nJira project on instance "${instance}"\n\n${body}`,
      };
    }
    case 'filter':
      return readFilter(catalog, address, signal);
  }
}

async function readFilter(catalog: Catalog, address: ResourceAddress, signal: AbortSignal): Promise<ResourceText> {
  const jira = findTool(catalog, 'jira', address.instance, 'search')?.instance?.jira;
  if (!jira)
    throw new ResourceReadError('unknown', `No Jira instance "${address.instance}" offers filters to this caller.`);
  if (!/^\d+$/.test(address.id))
    throw new ResourceReadError('unknown', `A filter id is a number, not "${address.id}".`);
  const filter = await upstream(
    `Get filter ${address.id}`,
    (bounded) => getFilter(jira, address.id, bounded),
    timeoutOf(catalog, address),
    signal,
  );
  const issues = await readParts(catalog, address, [{ spec: 'search', args: { jql: filter.jql, limit: 25 } }], signal);
  const title = `Filter ${filter.name}`;
  const about = [filter.description ?? '', `JQL: \`${filter.jql}\``, filter.viewUrl ? `URL: ${filter.viewUrl}` : '']
    .filter(Boolean)
    .join('\n');
  return { title, text: `# ${title}\n${about}\n\n${issues}` };
}

/** One direct client call, bounded by the instance's timeout; an Atlassian failure names the instance and cause. */
async function upstream<T>(
  action: string,
  call: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<T> {
  try {
    return await call(AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]));
  } catch (error) {
    if (error instanceof AtlassianError) throw new ResourceReadError('failed', error.describe(action));
    throw error;
  }
}

function timeoutOf(catalog: Catalog, address: ResourceAddress): number {
  const instance = catalog.registry.instances.find((candidate) => candidate.config.name === address.instance);
  return (instance?.config.timeout ?? 30) * 1000;
}

async function readParts(
  catalog: Catalog,
  address: ResourceAddress,
  parts: readonly Part[],
  signal: AbortSignal,
): Promise<string> {
  const sections: string[] = [];
  for (const part of parts) {
    const tool = findTool(catalog, address.product, address.instance, part.spec);
    if (!tool) {
      if (part.optional) continue;
      throw new ResourceReadError(
        'unknown',
        `No ${address.product} instance "${address.instance}" offers this to this caller.`,
      );
    }
    const result = await callBoundTool(tool, part.args, catalog, signal);
    const text = textOf(result);
    if (result.isError) throw new ResourceReadError('failed', text);
    sections.push(part.heading ? `## ${part.heading}\n\n${text}` : text);
  }
  return sections.join('\n\n');
}

function textOf(result: CallToolResult): string {
  return result.content
    .map((block) => (block.type === 'text' ? block.text : ''))
    .filter(Boolean)
    .join('\n\n');
}

/** The title a markdown answer gives itself in its first heading. */
function titled(text: string): ResourceText {
  const heading = /^# (.+)$/m.exec(text);
  return { text, title: heading?.[1]?.trim() ?? text.split('\n', 1)[0]!.slice(0, 200) };
}
