/**
 * zod → JSON Schema for tool lists, converted once per spec and shared by every instance, request and
 * session. Drops what a client does not need (`$schema`, the top-level `additionalProperties: false`).
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
  if (json.additionalProperties === false) delete json.additionalProperties;
  return Object.freeze({ ...json, type: 'object' }) as JsonObject;
}
