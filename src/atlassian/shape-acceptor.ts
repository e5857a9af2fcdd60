/**
 * A quick yes for answers in the expected shape. zod's loose objects walk and copy every key of every object they
 * check (a 22 KB issue: comments, links, attachments), and almost every answer Atlassian sends is fine. An answer
 * shape is compiled once into a plain predicate that only reads the fields the shape lists; when it says yes the
 * answer is accepted as zod would accept it, and when it says no zod checks the answer again, so a malformed answer
 * fails with zod's own description of what is wrong.
 *
 * Only the parts of zod the answer shapes use are understood (loose and plain objects, arrays, unions, strings,
 * numbers, booleans, optional, nullable, unknown), without refinements or coercion; a shape with anything else
 * gets no predicate and is always checked by zod.
 */
import type { z } from 'zod';

/** True only when zod would accept the value; false says nothing (zod decides). */
export type ShapeAcceptor = (value: unknown) => boolean;

/** What zod exposes of a schema's definition, as far as this file reads it. */
interface SchemaDefinition {
  type: string;
  checks?: readonly unknown[];
  coerce?: boolean;
  /** Set on format schemas (`z.int()`, `z.email()`, `z.iso.date()`…), which are their own check. */
  format?: string;
  check?: string;
  /** False on `z.xor`: exactly one option may match. */
  inclusive?: boolean;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: readonly z.ZodType[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
}

/** The predicate for `schema`, or undefined when it uses something this file does not understand. */
export function compileAcceptor(schema: z.ZodType): ShapeAcceptor | undefined {
  try {
    return compile(schema);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

class Unsupported extends Error {}

function compile(schema: z.ZodType): ShapeAcceptor {
  const { def, traits } = (schema as unknown as { _zod: { def: SchemaDefinition; traits: Set<string> } })._zod;
  if ((def.checks && def.checks.length > 0) || def.coerce || def.format !== undefined || def.check !== undefined)
    throw new Unsupported();
  // `z.xor` refuses a value two options accept; `z.exactOptional` refuses a key present with `undefined`.
  if ((def.type === 'union' && def.inclusive === false) || traits.has('$ZodExactOptional')) throw new Unsupported();
  switch (def.type) {
    case 'string':
      return (value) => typeof value === 'string';
    case 'number':
      return (value) => typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'unknown':
    case 'any':
      return () => true;
    case 'optional': {
      const inner = compile(def.innerType!);
      return (value) => value === undefined || inner(value);
    }
    case 'nullable': {
      const inner = compile(def.innerType!);
      return (value) => value === null || inner(value);
    }
    case 'union': {
      const options = def.options!.map(compile);
      return (value) => options.some((accepts) => accepts(value));
    }
    case 'array': {
      const element = compile(def.element!);
      return (value) => Array.isArray(value) && value.every((item) => element(item));
    }
    case 'object':
      return compileObject(def);
    default:
      throw new Unsupported();
  }
}

/** Loose objects (`catchall` unknown) and plain ones (other keys stripped, not refused) accept any other keys. */
function compileObject(def: SchemaDefinition): ShapeAcceptor {
  const catchall = def.catchall ? (def.catchall as unknown as { _zod: { def: SchemaDefinition } })._zod.def : undefined;
  if (catchall && catchall.type !== 'unknown' && catchall.type !== 'any') throw new Unsupported();
  const fields = Object.entries(def.shape ?? {}).map(([key, field]) => [key, compile(field)] as const);
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    for (const [key, accepts] of fields) if (!accepts(record[key])) return false;
    return true;
  };
}
