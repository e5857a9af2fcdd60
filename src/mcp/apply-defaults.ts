/**
 * Fills a caller's defaults (gateway_set_defaults) into a tool call, for every tool alike: the tool's input schema
 * says which argument is a project key, a space key, a desk id, a query or a person (tools/argument-roles.ts), and
 * the caller's default instance picks where an unprefixed tool (or a tool without `instance`) goes. On an instance
 * whose account is shared (`shared_account`), `me` and `currentUser()` mean the caller's `preferred_user`.
 */
import { ToolInputError } from '../atlassian/input-error.js';
import { quoteJqlValue } from '../atlassian/jira/jql.js';
import { currentUserCalls, replaceCurrentUser } from '../atlassian/query/current-user.js';
import { argumentRoles, type ArgumentRole } from '../tools/argument-roles.js';
import type { CallerDefaults } from '../tools/caller-defaults.js';
import { inputOf } from '../tools/define.js';
import { instanceProductOf } from '../tools/toolsets.js';
import type { BoundTool, ToolCallTarget } from './bound-tool.js';
import type { Catalog } from './catalog.js';
import { boundToolName } from './tool-names.js';

type Args = Record<string, unknown>;

/**
 * The tool a call names, sent to the caller's default instance of its product when the call leaves the instance
 * open: the unprefixed tool in prefix naming, a missing `instance` argument in argument naming.
 */
export function resolveWithDefaults(
  catalog: Catalog,
  name: string,
  args: Args | undefined,
  defaults: CallerDefaults,
): ToolCallTarget | undefined {
  const preferred = defaults.instance;
  if (!preferred || Object.keys(preferred).length === 0) return catalog.resolve(name, args);
  if (catalog.naming === 'argument') {
    if (args?.instance !== undefined) return catalog.resolve(name, args);
    const product = productOfGenericName(name);
    const instance = product && preferred[product];
    return catalog.resolve(name, instance ? { ...args, instance } : args);
  }
  const target = catalog.resolve(name, args);
  if (!target || 'error' in target || !target.tool.instance?.config.isDefault) return target;
  const configured = target.tool.instance.config;
  const wanted = preferred[configured.product];
  if (!wanted || wanted === configured.name) return target;
  const instance = catalog.registry.instances.find((candidate) => candidate.config.name === wanted);
  const tool = instance && catalog.tools.get(boundToolName(target.tool.spec, instance.view));
  if (!tool) return { error: `${name} is not available on your default instance "${wanted}" (gateway_set_defaults)` };
  return { tool, args };
}

function productOfGenericName(name: string): 'jira' | 'confluence' | undefined {
  const prefix = name.slice(0, name.indexOf('_'));
  if (prefix === 'jira' || prefix === 'servicedesk') return instanceProductOf(prefix);
  if (prefix === 'confluence') return 'confluence';
  return undefined;
}

/** The arguments with the caller's defaults filled in, or why the call cannot go ahead. */
export function applyDefaults(
  tool: BoundTool,
  args: unknown,
  defaults: CallerDefaults,
): { args: Args } | { error: string } {
  const roles = argumentRoles(inputOf(tool.spec));
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return { args: {} };
  const filled: Args = { ...(args as Args) };
  const shared = tool.instance?.config.shared_account === true;
  for (const [name, role] of roles) {
    const value = filled[name];
    if (value === undefined) {
      const fallback = defaultFor(role, defaults);
      if (fallback !== undefined) filled[name] = fallback;
      continue;
    }
    if (!shared || typeof value !== 'string') continue;
    let meant: string | null;
    try {
      meant = personalised(role, value, defaults.preferred_user);
    } catch (error) {
      if (error instanceof ToolInputError) return { error: `${tool.name}: ${error.message}` };
      throw error;
    }
    if (meant === null) {
      return {
        error: `${tool.name}: instance "${tool.instance!.config.name}" signs in with a shared service account, so ${role === 'person' ? '"me"' : 'currentUser()'} would mean that account, not you; call gateway_set_defaults with preferred_user first`,
      };
    }
    filled[name] = meant;
  }
  return { args: filled };
}

function defaultFor(role: ArgumentRole, defaults: CallerDefaults): unknown {
  switch (role) {
    case 'jira_project':
      return defaults.jira_project;
    case 'confluence_space':
      return defaults.confluence_space;
    case 'confluence_spaces':
      return defaults.confluence_space === undefined ? undefined : [defaults.confluence_space];
    case 'servicedesk':
      return defaults.servicedesk;
    default:
      return undefined;
  }
}

/** The value with `me` / `currentUser()` meaning `preferredUser`; null when it needs one and there is none. */
function personalised(role: ArgumentRole, value: string, preferredUser: string | undefined): string | null {
  if (role === 'person') {
    if (value.trim().toLowerCase() !== 'me') return value;
    return preferredUser ?? null;
  }
  if (role !== 'jql' && role !== 'cql') return value;
  const language = role === 'jql' ? 'JQL' : 'CQL';
  if (currentUserCalls(value, language).length === 0) return value;
  if (preferredUser === undefined) return null;
  return replaceCurrentUser(value, language, quoteJqlValue(preferredUser));
}
