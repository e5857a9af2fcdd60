/**
 * zod → JSON Schema for tool lists, converted once per spec and shared by every instance, request and
 * session. Drops what a client does not need: `$schema`, every `additionalProperties: false` (the gateway
 * rejects unknown arguments itself, with a message naming them) and zod's record key type (`propertyNames`).
 * Tool lists are paid for in every conversation's context, so each of these is worth removing.
 */
import { z } from 'zod';
import type { ToolSpec } from '../tools/define.js';

type JsonObject = Record<string, unknown> & { type: 'object' };

const inputCache = new WeakMap<ToolSpec, JsonObject>();
const outputCache = new WeakMap<ToolSpec, JsonObject>();

export function inputSchemaOf(spec: ToolSpec): JsonObject {
  let schema = inputCache.get(spec);
  if (!schema) {
    schema = toJsonSchema(spec.input, 'input');
    inputCache.set(spec, schema);
  }
  return schema;
}

export function outputSchemaOf(spec: ToolSpec): JsonObject | undefined {
  if (!spec.output) return undefined;
  let schema = outputCache.get(spec);
  if (!schema) {
    schema = toJsonSchema(spec.output, 'output');
    outputCache.set(spec, schema);
  }
  return schema;
}

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  delete json.$schema;
  return Object.freeze({ ...compact(json), type: 'object' }) as JsonObject;
}

function compact(node: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'additionalProperties' && value === false) || key === 'propertyNames') continue;
    if (key === 'properties' && isObject(value)) {
      // Keys here are argument names, never schema keywords: keep every one.
      result[key] = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, isObject(property) ? compact(property) : property]));
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
