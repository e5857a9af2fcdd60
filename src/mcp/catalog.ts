/**
 * The bound catalogue: every spec × every instance that exposes it, named, described and schema'd once per
 * configuration. Every request, session and socket shares it; building a server never re-registers tools.
 */
import type { Tool, ToolAnnotations } from '@modelcontextprotocol/server';
import { requestsUseGot } from '../atlassian/warm-up.js';
import { ConfigError, type ConfigProblem } from '../config/errors.js';
import type { GatewayConfig, Product, ToolNaming } from '../config/schema.js';
import type { InstanceRuntime } from '../instances/registry.js';
import type { Logger } from '../logging.js';
import { TOOL_SPECS } from '../tools/catalog.js';
import type { InstanceSummary, ToolSpec } from '../tools/define.js';
import { instanceTraits, type BoundTool, type ToolCallTarget } from './bound-tool.js';
import { needsConfirmation, withConfirmArgument } from './confirmation.js';
import { gateFor } from './gating.js';
import { routeByInstanceArgument } from './instance-argument.js';
import { inputSchemaOf, outputSchemaOf } from './schema.js';
import { boundToolName, MAX_TOOL_NAME_LENGTH, toolPrefix } from './tool-names.js';

/** The instances a catalogue binds tools to: the configured ones, a key's subset, or a tenant's own. */
export interface CatalogInstances {
  readonly instances: readonly InstanceRuntime[];
}

export interface Catalog {
  readonly naming: ToolNaming;
  /** Every tool bound to every instance, by its prefixed name (`jira_staging_get_issue`), whatever the naming mode. */
  readonly tools: ReadonlyMap<string, BoundTool>;
  /** The frozen `tools/list` array handed to every server. */
  readonly list: readonly Tool[];
  /** The tool a `tools/call` names, routed by the `instance` argument in argument mode; undefined when unknown. */
  resolve(name: string, args: Record<string, unknown> | undefined): ToolCallTarget | undefined;
  readonly registry: CatalogInstances;
  /** The products its tools talk to, whose libraries load in the background once a client lists them. */
  readonly products: readonly Product[];
  /** Whether any instance sends its requests through got (OAuth, no credentials), so got loads with the libraries. */
  readonly usesGot: boolean;
  /** The instances as `gateway_list_instances` and `/readyz` report them, with current health. */
  summaries(): InstanceSummary[];
  /** Longest answer a tool call returns, in characters (`max_answer_chars`). */
  readonly answerLimit: number;
  /** `output_schemas`: structured results go out only then. */
  readonly structuredResults: boolean;
}

export interface CatalogOptions {
  specs?: readonly ToolSpec[];
  /**
   * The catalogue of a caller limited to some instances (a key's, a tenant's): `enabled_tools` names of the other
   * instances are then expected, not mistakes, since startup already checked them.
   */
  subset?: boolean;
  /** The caller's key allows reading only, whatever the instances allow. */
  readOnly?: boolean;
}

export function buildCatalog(
  config: GatewayConfig,
  registry: CatalogInstances,
  logger: Logger,
  options: CatalogOptions = {},
): Catalog {
  const { specs = TOOL_SPECS, subset = false, readOnly = false } = options;
  const problems: ConfigProblem[] = [];
  const knownNames = new Set(specs.map((spec) => boundToolName(spec)));
  for (const name of subset ? [] : (config.enabled_tools ?? [])) {
    if (
      !knownNames.has(name) &&
      !registry.instances.some((instance) => specs.some((spec) => boundToolName(spec, instance.view) === name))
    ) {
      problems.push({ where: 'enabled_tools (ENABLED_TOOLS)', message: `unknown tool "${name}"` });
    }
  }
  const tools = new Map<string, BoundTool>();
  const counts = new Map<InstanceRuntime, number>();
  const listing: ListingOptions = {
    outputSchemas: config.output_schemas,
    sharedProducts: new Set(
      registry.instances
        .map((instance) => instance.config.product)
        .filter((product, index, all) => all.indexOf(product) !== index),
    ),
  };
  const bind = (spec: ToolSpec, instance: InstanceRuntime | undefined) => {
    const name = boundToolName(spec, instance?.view);
    const where = instance ? `instance "${instance.config.name}" (${instance.config.product})` : `tool ${name}`;
    if (config.tool_naming === 'prefix' && name.length > MAX_TOOL_NAME_LENGTH) {
      problems.push({
        where,
        message: `tool name ${name} is longer than ${MAX_TOOL_NAME_LENGTH} characters; choose a shorter instance name`,
      });
      return;
    }
    const clash = tools.get(name);
    if (clash) {
      problems.push({
        where,
        message: `tool name ${name} is also produced by ${clash.instance ? `instance "${clash.instance.config.name}"` : 'a gateway tool'}; rename one of them`,
      });
      return;
    }
    const log = logger.child(instance ? { tool: name, instance: instance.config.name } : { tool: name });
    tools.set(name, { name, spec, instance, definition: definitionFor(spec, name, instance, listing), log });
    if (instance) counts.set(instance, (counts.get(instance) ?? 0) + 1);
  };

  for (const instance of registry.instances) {
    const namesForInstance = new Set([...knownNames, ...specs.map((spec) => boundToolName(spec, instance.view))]);
    const gate = gateFor(instance, config, namesForInstance, problems, readOnly);
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
      ? routeByInstanceArgument(tools, specs, registry.instances)
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
    structuredResults: config.output_schemas,
    products: [...new Set(registry.instances.map((instance) => instance.config.product))],
    usesGot: registry.instances.some((instance) => requestsUseGot(instance.config.auth)),
    summaries: () =>
      registry.instances.map((instance) => ({
        name: instance.config.name,
        product: instance.config.product,
        platform: instance.config.platform,
        url: instance.config.url,
        default: instance.config.isDefault,
        read_only: instance.view.readOnly,
        tools: counts.get(instance) ?? 0,
        tool_prefix: toolPrefix(instance.config.product, instance.config, config.tool_naming),
        status: instance.health,
        ...(instance.config.product === 'jira' ? { servicedesk: serviceDeskStatus(instance) } : {}),
      })),
  };
}

/** Whether an instance offers Service Management: off, as configured, or as the startup probe found it. */
function serviceDeskStatus(instance: InstanceRuntime): string {
  if (!instance.serviceDesk) return 'off';
  return instance.config.servicedesk === true ? 'available' : instance.serviceDesk.availability;
}

/** What every definition of one catalogue shares. */
export interface ListingOptions {
  /** `output_schemas`: list each tool's output schema, and answer with structured results (only then). */
  outputSchemas: boolean;
  /** Products with more than one instance, whose tools must say which instance they talk to. */
  sharedProducts: ReadonlySet<string>;
}

function definitionFor(
  spec: ToolSpec,
  name: string,
  instance: InstanceRuntime | undefined,
  listing: ListingOptions,
): Tool {
  const outputSchema = listing.outputSchemas ? outputSchemaOf(spec) : undefined;
  const note =
    instance && (listing.sharedProducts.has(instance.config.product) || instance.config.description)
      ? ` ${instanceNote(instance)}`
      : '';
  const annotations = annotationsFor(spec);
  const inputSchema = inputSchemaOf(spec, instance?.config.platform);
  return Object.freeze({
    name,
    title: instance && !instance.config.isDefault ? `${spec.title} (${instance.config.name})` : spec.title,
    description: `${spec.description}${note}`,
    inputSchema: needsConfirmation({ instance, definition: { annotations } })
      ? withConfirmArgument(inputSchema)
      : inputSchema,
    ...(outputSchema ? { outputSchema } : {}),
    annotations,
  });
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

const annotationCache = new WeakMap<ToolSpec, ToolAnnotations>();

/** What the MCP spec assumes for a hint a tool does not list. */
export const ANNOTATION_DEFAULTS = Object.freeze({
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: true,
});

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
