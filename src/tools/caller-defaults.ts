/**
 * A caller's defaults (set_defaults): what they are, how set_defaults reads them, and how the MCP layer hands
 * their store to gateway tools. The values are small and bounded; where they are kept, and for whom, is the MCP
 * layer's business (mcp/defaults-store.ts).
 */
import { z } from 'zod';
import type { Product } from '../config/schema.js';
import { noRole } from './argument-roles.js';
import { projectKey, spaceKey } from './params.js';

export type OutputFormat = 'markdown' | 'json';

export interface CallerDefaults {
  preferred_user?: string;
  jira_project?: string;
  confluence_space?: string;
  servicedesk?: string;
  output_format?: OutputFormat;
  /** The caller's default instance of each product, by instance name. */
  instance?: Partial<Record<Product, string>>;
}

/** What a gateway tool may do with the caller's defaults. */
export interface DefaultsHandle {
  /** Why this caller cannot have defaults (stateless HTTP without a key to tell callers apart), or undefined. */
  readonly unavailable?: string;
  /** The values as last loaded or set. */
  get(): CallerDefaults;
  /** Stored where the caller's later calls find them; shared stores resolve once the values are saved. */
  set(values: CallerDefaults): void | Promise<void>;
  reset(): void | Promise<void>;
  /** Reads the stored values before a call, where they live outside this process (replicas sharing state). */
  load?(): Promise<void>;
}

const text = (max: number) => z.string().trim().min(1).max(max);

/** set_defaults' arguments: snake_case as listed, camelCase as remote users already have in their notes. */
export const defaultsArguments = z.strictObject({
  preferred_user: text(128).optional().describe('Who "me" and currentUser() mean on shared-account instances'),
  // Checked as the tools check them, but never filled from the defaults themselves.
  jira_project: noRole(projectKey.describe('Project key')).optional(),
  confluence_space: noRole(spaceKey.describe('Space key')).optional(),
  servicedesk: text(32).regex(/^\d+$/, { error: 'expected a numeric service desk id' }).optional(),
  output_format: z.enum(['markdown', 'json']).optional(),
  instance: z
    .union([text(64), z.array(text(64)).max(8)])
    .optional()
    .describe('Default instance, one per product'),
  show: z.boolean().optional(),
  reset: z.boolean().optional(),
});

export type DefaultsArguments = z.output<typeof defaultsArguments>;

const CAMEL_CASE: Readonly<Record<string, string>> = {
  preferredUser: 'preferred_user',
  jiraProject: 'jira_project',
  confluenceSpace: 'confluence_space',
  confSpace: 'confluence_space',
  serviceDesk: 'servicedesk',
  outputFormat: 'output_format',
};

/** The camelCase spellings renamed to the listed ones; one given both ways stays unknown, and the schema says so. */
export function snakeCaseArguments(args: unknown): unknown {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return args;
  const given = args as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(given).map(([key, value]) => {
      const listed = CAMEL_CASE[key];
      return [listed && !(listed in given) ? listed : key, value];
    }),
  );
}

/** The defaults as one line each, for set_defaults and gateway_list_instances. */
export function describeDefaults(defaults: CallerDefaults): string[] {
  const lines: string[] = [];
  const add = (label: string, value: string | undefined) => value && lines.push(`- ${label}: ${value}`);
  add('preferred_user', defaults.preferred_user);
  add('jira_project', defaults.jira_project);
  add('confluence_space', defaults.confluence_space);
  add('servicedesk', defaults.servicedesk);
  add('output_format', defaults.output_format);
  for (const [product, name] of Object.entries(defaults.instance ?? {})) add(`instance (${product})`, name);
  return lines;
}
