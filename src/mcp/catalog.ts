/**
 * The bound catalogue: every spec × every instance that exposes it, named, described and schema'd once per
 * configuration. Every request, session and socket shares it; building a server never re-registers tools.
 */
import type { Tool, ToolAnnotations } from '@modelcontextprotocol/server';
import { FORMAT_LIBRARIES_BY_PRODUCT, type FormatLibraryName } from '../atlassian/format/libraries.js';
import { ConfigError, type ConfigProblem } from '../config/errors.js';
import type { GatewayConfig, ToolNaming } from '../config/schema.js';
import type { InstanceRuntime } from '../instances/registry.js';
import type { Logger } from '../logging.js';
import type { InstanceSummary, ToolSpec } from '../tools/define.js';
import { TOOL_SPECS } from '../tools/catalog.js';
import { gateFor } from './gating.js';
import { routeByInstanceArgument } from './instance-argument.js';
import { inputSchemaOf, outputSchemaOf } from './schema.js';

/** MCP limits tool names to 64 characters; some clients enforce it strictly. */
export const MAX_TOOL_NAME_LENGTH = 64;

export interface BoundTool {
  name: string;
  spec: ToolSpec;
  /** The instance the tool talks to; absent for gateway tools. */
  instance?: InstanceRuntime;
  /** The `tools/list` entry, built once. */
  definition: Tool;
  /** A child logger naming the tool and its instance, built once. */
  log: Logger;
}

/** The instances a catalogue binds tools to: the configured ones, a key's subset, or a tenant's own. */
export interface CatalogInstances {
  readonly instances: readonly InstanceRuntime[];
}

/** What a `tools/call` runs, with the arguments the tool itself takes; or why the call cannot be routed. */
export type ToolCallTarget = { tool: BoundTool; args: unknown } | { error: string };

export interface Catalog {
  readonly naming: ToolNaming;
  /** Every tool bound to every instance, by its prefixed name (`jira_staging_get_issue`), whatever the naming mode. */
  readonly tools: ReadonlyMap<string, BoundTool>;
  /** The frozen `tools/list` array handed to every server. */
  readonly list: readonly Tool[];
  /** The tool a `tools/call` names, routed by the `instance` argument in argument mode; undefined when unknown. */
  resolve(name: string, args: Record<string, unknown> | undefined): ToolCallTarget | undefined;
  readonly registry: CatalogInstances;
  /** The text-format libraries its tools convert with, loaded in the background once a client lists them. */
  readonly formatLibraries: readonly FormatLibraryName[];
  /** The instances as `gateway_list_instances` and `/readyz` report them, with current health. */
  summaries(): InstanceSummary[];
  /** Longest answer a tool call returns, in characters (`max_answer_chars`). */
  readonly answerLimit: number;
}

/** `jira_get_issue` for the default instance, `jira_staging_get_issue` for the one named staging. */
export function boundToolName(spec: Pick<ToolSpec, 'product' | 'name'>, instance?: { name: string; isDefault: boolean }): string {
  if (!instance || instance.isDefault) return `${spec.product}_${spec.name}`;
  return `${spec.product}_${instance.name}_${spec.name}`;
}

/**
 * `subset`: the catalogue of a caller limited to some instances (a key's, a tenant's); `enabled_tools` names
 * of the other instances are then expected, not mistakes, since startup already checked them.
 */
export function buildCatalog(config: GatewayConfig, registry: CatalogInstances, logger: Logger, specs: readonly ToolSpec[] = TOOL_SPECS, subset = false): Catalog {
  const problems: ConfigProblem[] = [];
  const knownNames = new Set(specs.map((spec) => boundToolName(spec)));
  for (const name of subset ? [] : (config.enabled_tools ?? [])) {
    if (!knownNames.has(name) && !registry.instances.some((instance) => specs.some((spec) => boundToolName(spec, instance.view) === name))) {
      problems.push({ where: 'enabled_tools (ENABLED_TOOLS)', message: `unknown tool "${name}"` });
    }
  }
  const tools = new Map<string, BoundTool>();
  const counts = new Map<InstanceRuntime, number>();
  const listing: ListingOptions = {
    outputSchemas: config.output_schemas,
    sharedProducts: new Set(registry.instances.map((instance) => instance.config.product).filter((product, index, all) => all.indexOf(product) !== index)),
  };
  const bind = (spec: ToolSpec, instance: InstanceRuntime | undefined) => {
    const name = boundToolName(spec, instance?.view);
    const where = instance ? `instance "${instance.config.name}" (${instance.config.product})` : `tool ${name}`;
    if (config.tool_naming === 'prefix' && name.length > MAX_TOOL_NAME_LENGTH) {
      problems.push({ where, message: `tool name ${name} is longer than ${MAX_TOOL_NAME_LENGTH} characters; choose a shorter instance name` });
      return;
    }
    const clash = tools.get(name);
    if (clash) {
      problems.push({ where, message: `tool name ${name} is also produced by ${clash.instance ? `instance "${clash.instance.config.name}"` : 'a gateway tool'}; rename one of them` });
      return;
    }
    const log = logger.child(instance ? { tool: name, instance: instance.config.name } : { tool: name });
    tools.set(name, { name, spec, instance, definition: definitionFor(spec, name, instance, listing), log });
    if (instance) counts.set(instance, (counts.get(instance) ?? 0) + 1);
  };

  for (const instance of registry.instances) {
    const namesForInstance = new Set([...knownNames, ...specs.map((spec) => boundToolName(spec, instance.view))]);
    const gate = gateFor(instance.config, config, namesForInstance, problems);
    for (const spec of specs) {
      if (spec.product === 'gateway') continue;
      if (gate.exposes(spec, boundToolName(spec, instance.view))) bind(spec, instance);
    }
  }
  for (const spec of specs) {
    if (spec.product !== 'gateway') continue;
    const name = boundToolName(spec);
    const enabled = config.enabled_tools;
    if (!enabled?.length || enabled.includes(name)) bind(spec, undefined);
  }
  if (problems.length > 0) throw new ConfigError(dedupe(problems));

  const routing =
    config.tool_naming === 'argument'
      ? routeByInstanceArgument(tools, specs, registry.instances, (spec) => boundToolName(spec))
      : {
          list: Object.freeze([...tools.values()].map((tool) => tool.definition)),
          resolve: (name: string, args: Record<string, unknown> | undefined) => {
            const tool = tools.get(name);
            return tool && { tool, args };
          },
        };
  return {
    naming: config.tool_naming,
    tools,
    list: routing.list,
    resolve: routing.resolve,
    registry,
    answerLimit: config.max_answer_chars,
    formatLibraries: [...new Set([...tools.values()].flatMap((tool) => FORMAT_LIBRARIES_BY_PRODUCT[tool.spec.product]))],
    summaries: () =>
      registry.instances.map((instance) => ({
        name: instance.config.name,
        product: instance.config.product,
        platform: instance.config.platform,
        url: instance.config.url,
        default: instance.config.isDefault,
        read_only: instance.view.readOnly,
        tools: counts.get(instance) ?? 0,
        tool_prefix: instance.config.isDefault || config.tool_naming === 'argument' ? `${instance.config.product}_` : `${instance.config.product}_${instance.config.name}_`,
        status: instance.health,
      })),
  };
}

/** What every definition of one catalogue shares. */
export interface ListingOptions {
  /** `output_schemas`: list each tool's output schema (structured results are returned either way). */
  outputSchemas: boolean;
  /** Products with more than one instance, whose tools must say which instance they talk to. */
  sharedProducts: ReadonlySet<string>;
}

function definitionFor(spec: ToolSpec, name: string, instance: InstanceRuntime | undefined, listing: ListingOptions): Tool {
  const outputSchema = listing.outputSchemas ? outputSchemaOf(spec) : undefined;
  const note = instance && (listing.sharedProducts.has(instance.config.product) || instance.config.description) ? ` ${instanceNote(instance)}` : '';
  return Object.freeze({
    name,
    title: instance && !instance.config.isDefault ? `${spec.title} (${instance.config.name})` : spec.title,
    description: `${spec.description}${note}`,
    inputSchema: inputSchemaOf(spec, instance?.config.platform),
    ...(outputSchema ? { outputSchema } : {}),
    annotations: annotationsFor(spec),
  }) as Tool;
}

/**
 * Says which instance a tool talks to, so a model can tell prod from staging. Only where that is a question:
 * with one instance per product it would repeat the same sentence in every tool (`gateway_list_instances`
 * answers it), unless the operator gave the instance a description.
 */
function instanceNote(instance: InstanceRuntime): string {
  const { name, flags, product, platform, url, about } = instanceTraits(instance);
  return `Instance: ${name}${flags ? ` (${flags})` : ''}, ${product} ${platform} at ${url}.${about ? ` ${about}.` : ''}`;
}

/** What tells instances apart, in the words both naming modes use to describe them. */
export function instanceTraits({ config, view }: InstanceRuntime) {
  return {
    name: config.name,
    product: config.product === 'jira' ? 'Jira' : 'Confluence',
    platform: config.platform === 'cloud' ? 'Cloud' : 'Server/DC',
    url: config.url,
    flags: [config.isDefault ? 'default' : '', view.readOnly ? 'read-only' : ''].filter(Boolean).join(', '),
    about: config.description ?? '',
  };
}

const annotationCache = new WeakMap<ToolSpec, ToolAnnotations>();

/** What the MCP spec assumes for a hint a tool does not list. */
export const ANNOTATION_DEFAULTS = Object.freeze({ readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true });

/**
 * Annotations derive from `access` alone, so read-only gating and hints can never disagree. Only hints that
 * differ from the spec's defaults are listed (readOnly false, destructive true, idempotent false, openWorld
 * true), and destructive/idempotent only for tools that write, the only ones they are defined for.
 */
export function annotationsFor(spec: ToolSpec): ToolAnnotations {
  let annotations = annotationCache.get(spec);
  if (!annotations) {
    const writes = spec.access !== 'read';
    annotations = Object.freeze({
      ...(writes ? {} : { readOnlyHint: true }),
      ...(writes && spec.access !== 'destructive' ? { destructiveHint: false } : {}),
      ...(writes && spec.idempotent ? { idempotentHint: true } : {}),
      ...(spec.product === 'gateway' ? { openWorldHint: false } : {}),
    });
    annotationCache.set(spec, annotations);
  }
  return annotations;
}

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.where}\u0000${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
