/**
 * What the tool list should say about an input beyond what zod derives, kept beside the zod schema so a
 * parameter is declared once: the platform it exists on (each instance lists only its own pagination
 * parameters), or a shorter JSON Schema than the one zod would write for a lenient parser.
 */
import { z } from 'zod';
import type { Platform } from '../config/schema.js';

export interface SchemaHint {
  /** The parameter only works on this platform; instances of the other one do not list it. */
  platform?: Platform;
  /** Listed as this instead (the zod schema still validates, and may accept more). */
  listedAs?: Readonly<Record<string, unknown>>;
}

export const schemaHints = z.registry<SchemaHint>();

/** Marks a parameter as existing on one platform only. */
export function onlyOn<T extends z.ZodType>(platform: Platform, schema: T): T {
  schemaHints.add(schema, { ...schemaHints.get(schema), platform });
  return schema;
}

/** Lists a parameter with a simpler schema than zod would derive; its description is kept. */
export function listedAs<T extends z.ZodType>(jsonSchema: Record<string, unknown>, schema: T): T {
  schemaHints.add(schema, { ...schemaHints.get(schema), listedAs: jsonSchema });
  return schema;
}
