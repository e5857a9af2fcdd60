/** Input fragments shared by many tools, so a parameter means the same thing everywhere. */
import { z } from 'zod';

/** A page size: small by default so answers stay cheap for the model. */
export const limit = (fallback: number, max: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback).describe(`Max results (1-${max})`);

export const issueKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_]*-\d+$|^\d+$/, { error: 'expected an issue key such as PROJ-123' })
  .describe('Issue key, e.g. PROJ-123');

/** Accepts a number or a numeric string, since models send either for ids. */
export const numericId = (description: string) =>
  z.union([z.string().trim().regex(/^\d+$/, { error: 'expected a numeric id' }), z.number().int().nonnegative()])
    .transform(String)
    .describe(description);

export const outputFormat = z.enum(['markdown', 'json']).default('markdown').describe('markdown text, or the record as JSON');
