/**
 * A tool is data: written once, bound to every instance of its product by `mcp/bind.ts`. Nothing about a
 * particular instance appears in a spec; the handler receives the instance's context as an argument.
 */
import type { z } from 'zod';
import type { ConfluenceClient } from '../atlassian/confluence/client.js';
import type { JiraClient } from '../atlassian/jira/client.js';
import type { ServiceDeskClient } from '../atlassian/servicedesk/client.js';
import type { Platform, Product } from '../config/schema.js';
import type { InstanceView } from '../instances/view.js';
import type { Logger } from '../logging.js';
import type { DefaultsHandle } from './caller-defaults.js';

/** read → readOnlyHint; write → creates things; destructive → changes or removes existing things. */
export type Access = 'read' | 'write' | 'destructive';

export type { InstanceView };

/** A line of `gateway_list_instances`. */
export interface InstanceSummary {
  name: string;
  product: Product;
  platform: Platform;
  url: string;
  default: boolean;
  read_only: boolean;
  tools: number;
  tool_prefix: string;
  status: string;
  /** Jira: whether Service Management is there (`available`, `not installed`, `unknown`, `off`). */
  servicedesk?: string;
}

interface BaseContext {
  signal: AbortSignal;
  log: Logger;
}

export interface JiraToolContext extends BaseContext {
  instance: InstanceView;
  jira: JiraClient;
}

export interface ConfluenceToolContext extends BaseContext {
  instance: InstanceView;
  confluence: ConfluenceClient;
}

export interface ServiceDeskToolContext extends BaseContext {
  instance: InstanceView;
  serviceDesk: ServiceDeskClient;
}

export interface GatewayToolContext extends BaseContext {
  instances: () => InstanceSummary[];
  /** The caller's defaults (set_defaults), kept per connection or per key. */
  defaults: DefaultsHandle;
}

/** Binary results: images a vision model can see, other files as embedded resources. */
export type ExtraContent =
  | { type: 'image'; data: string; mimeType: string }
  | { type: 'resource'; resource: { uri: string; mimeType: string; blob: string } };

/** What a handler returns: markdown for the model, and the same data as a record for `structuredContent`. */
export interface ToolOutput {
  text: string;
  structured?: Record<string, unknown>;
  /** Appended after the text block. */
  content?: ExtraContent[];
}

interface SpecBase<Input extends z.ZodObject> {
  /** Unprefixed name, e.g. `get_issue`; bound as `jira_get_issue` or `jira_staging_get_issue`. */
  name: string;
  title: string;
  toolset: string;
  /** Part of the `default` selection: the few tools most people need, since every instance multiplies them. */
  inDefaultSet?: boolean;
  access: Access;
  /** For destructive tools that are safe to repeat (updates to a given value). */
  idempotent?: boolean;
  /** Platforms the tool works on; omitted means both. */
  platforms?: readonly Platform[];
  /** What the tool does and when to use it; the binder adds which instance it talks to. */
  description: string;
  /**
   * Built on first use (a call, or listing a schema the bundle did not precompute), not when the module loads:
   * constructing every tool's zod schemas at startup cost a stdio client tens of milliseconds before its first
   * answer, and memory for tools that are never called. `inputOf`/`outputOf` build each once and keep it.
   */
  input: () => Input;
  /** The shape of `structuredContent`, built on first use like `input`. */
  output?: () => z.ZodObject;
  /** Rewrites the arguments before they are validated (other spellings of the listed names). */
  prepare?: (args: unknown) => unknown;
  /** Names the operation in error messages, e.g. `Get issue PROJ-1`. */
  action: (args: z.output<Input>) => string;
}

export interface JiraToolSpec<Input extends z.ZodObject = z.ZodObject> extends SpecBase<Input> {
  product: 'jira';
  run: (context: JiraToolContext, args: z.output<Input>) => Promise<ToolOutput>;
}

export interface ConfluenceToolSpec<Input extends z.ZodObject = z.ZodObject> extends SpecBase<Input> {
  product: 'confluence';
  run: (context: ConfluenceToolContext, args: z.output<Input>) => Promise<ToolOutput>;
}

export interface ServiceDeskToolSpec<Input extends z.ZodObject = z.ZodObject> extends SpecBase<Input> {
  product: 'servicedesk';
  run: (context: ServiceDeskToolContext, args: z.output<Input>) => Promise<ToolOutput>;
}

export interface GatewayToolSpec<Input extends z.ZodObject = z.ZodObject> extends SpecBase<Input> {
  product: 'gateway';
  run: (context: GatewayToolContext, args: z.output<Input>) => Promise<ToolOutput>;
}

// Each spec's input type is its own; the union forgets it (a handler's argument type makes the specs otherwise
// unassignable to one another), and `inputOf` gives the schema back typed.
export type ToolSpec = JiraToolSpec<any> | ConfluenceToolSpec<any> | ServiceDeskToolSpec<any> | GatewayToolSpec<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const inputs = new WeakMap<ToolSpec, z.ZodObject>();
const outputs = new WeakMap<ToolSpec, z.ZodObject>();

/** A spec's input schema, built on first use and the same object from then on (hints and roles key on it). */
export function inputOf(spec: ToolSpec): z.ZodObject {
  let input = inputs.get(spec);
  if (!input) inputs.set(spec, (input = spec.input() as z.ZodObject));
  return input;
}

/** A spec's output schema, if it has one, built on first use like `inputOf`. */
export function outputOf(spec: ToolSpec): z.ZodObject | undefined {
  if (!spec.output) return undefined;
  let output = outputs.get(spec);
  if (!output) outputs.set(spec, (output = spec.output()));
  return output;
}

export function defineJiraTool<Input extends z.ZodObject>(
  spec: Omit<JiraToolSpec<Input>, 'product'>,
): JiraToolSpec<Input> {
  return { ...spec, product: 'jira' };
}

export function defineConfluenceTool<Input extends z.ZodObject>(
  spec: Omit<ConfluenceToolSpec<Input>, 'product'>,
): ConfluenceToolSpec<Input> {
  return { ...spec, product: 'confluence' };
}

export function defineServiceDeskTool<Input extends z.ZodObject>(
  spec: Omit<ServiceDeskToolSpec<Input>, 'product'>,
): ServiceDeskToolSpec<Input> {
  return { ...spec, product: 'servicedesk' };
}

export function defineGatewayTool<Input extends z.ZodObject>(
  spec: Omit<GatewayToolSpec<Input>, 'product'>,
): GatewayToolSpec<Input> {
  return { ...spec, product: 'gateway' };
}
