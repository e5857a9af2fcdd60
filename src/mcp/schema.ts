/**
 * zod → JSON Schema for tool lists, converted once per spec (and platform) and shared by every instance,
 * request and session. Tool lists are paid for in every conversation's context, so what a client does not need
 * is left out: `$schema`, every `additionalProperties: false` (the gateway rejects unknown arguments itself,
 * with a message naming them), zod's record key type (`propertyNames`), `minLength: 1` and the safe-integer
 * `maximum` (the gateway's own validation says what is wrong), parameters of the other platform, and the long
 * form of lenient parsers (see `schema-hints.ts`).
 */
import { z } from 'zod';
import type { Platform } from '../config/schema.js';
import { inputOf, outputOf, type ToolSpec } from '../tools/define.js';
import { schemaHints } from '../tools/schema-hints.js';

type JsonObject = Record<string, unknown> & { type: 'object' };

/** Which input schema: one platform's, or `any` for a tool that serves both (argument naming). */
export type SchemaVariant = Platform | 'any';

export const SCHEMA_VARIANTS: readonly SchemaVariant[] = ['cloud', 'server', 'any'];

/** Per spec and variant; what the bundle precomputed, or what was converted here. */
const inputCache = new WeakMap<ToolSpec, Map<SchemaVariant, JsonObject>>();
const outputCache = new WeakMap<ToolSpec, JsonObject>();

/**
 * The bundle's input schemas, converted by `npm run build` (scripts/build.ts) with this same module: converting
 * every spec at startup took about 30 ms with every toolset on. A JSON string, parsed on first use; undefined
 * when running from source.
 */
declare const GATEWAY_INPUT_SCHEMAS: string | undefined;
let precomputed: Record<string, Partial<Record<SchemaVariant, JsonObject>>> | undefined;

function precomputedInputSchema(spec: ToolSpec, variant: SchemaVariant): JsonObject | undefined {
  if (typeof GATEWAY_INPUT_SCHEMAS === 'undefined') return undefined;
  precomputed ??= JSON.parse(GATEWAY_INPUT_SCHEMAS) as NonNullable<typeof precomputed>;
  const schema = precomputed[specKey(spec)]?.[variant];
  return schema && Object.freeze(schema);
}

/** A spec's identity across the build and the running bundle. */
export function specKey(spec: ToolSpec): string {
  return `${spec.product}:${spec.name}`;
}

/** The input schema an instance of `platform` lists; without a platform, every parameter of both. */
export function inputSchemaOf(spec: ToolSpec, platform?: Platform): JsonObject {
  let byVariant = inputCache.get(spec);
  if (!byVariant) inputCache.set(spec, (byVariant = new Map<SchemaVariant, JsonObject>()));
  const variant = platform ?? 'any';
  let schema = byVariant.get(variant);
  if (!schema) {
    schema =
      precomputedInputSchema(spec, variant) ??
      toJsonSchema(platform ? withoutOtherPlatforms(inputOf(spec), platform) : inputOf(spec), 'input');
    byVariant.set(variant, schema);
  }
  return schema;
}

function withoutOtherPlatforms(input: z.ZodObject, platform: Platform): z.ZodObject {
  const foreign = Object.entries(input.shape).filter(([, field]) => {
    const only = schemaHints.get(field as z.ZodType)?.platform;
    return only !== undefined && only !== platform;
  });
  // zod types the mask by the literal keys; these come from the shape itself.
  return foreign.length === 0 ? input : input.omit(Object.fromEntries(foreign.map(([name]) => [name, true])) as never);
}

export function outputSchemaOf(spec: ToolSpec): JsonObject | undefined {
  const output = outputOf(spec);
  if (!output) return undefined;
  let schema = outputCache.get(spec);
  if (!schema) {
    schema = toJsonSchema(output, 'output');
    outputCache.set(spec, schema);
  }
  return schema;
}

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const json = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
    override: applyListedAs,
  }) as Record<string, unknown>;
  delete json.$schema;
  return Object.freeze({ ...compact(json), type: 'object' });
}

/** Replaces a node by its `listedAs` hint, keeping its description. */
function applyListedAs(context: { zodSchema: unknown; jsonSchema: Record<string, unknown> }): void {
  const listed = schemaHints.get(context.zodSchema as z.ZodType)?.listedAs;
  if (!listed) return;
  const { description } = context.jsonSchema;
  for (const key of Object.keys(context.jsonSchema)) delete context.jsonSchema[key];
  Object.assign(context.jsonSchema, listed, description === undefined ? {} : { description });
}

/** Keywords whose value adds nothing a model needs; the gateway validates them anyway. */
function isNoise(key: string, value: unknown): boolean {
  return (
    (key === 'additionalProperties' && value === false) ||
    key === 'propertyNames' ||
    (key === 'minLength' && value === 1) ||
    (key === 'maximum' && value === Number.MAX_SAFE_INTEGER)
  );
}

function compact(node: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (isNoise(key, value)) continue;
    if (key === 'properties' && isObject(value)) {
      // Keys here are argument names, never schema keywords: keep every one.
      result[key] = Object.fromEntries(
        Object.entries(value).map(([name, property]) => [name, isObject(property) ? compact(property) : property]),
      );
    } else if (Array.isArray(value)) {
      result[key] = value.map((item: unknown) => (isObject(item) ? compact(item) : item));
    } else {
      result[key] = isObject(value) ? compact(value) : value;
    }
  }
  return result;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
