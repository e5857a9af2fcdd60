/** Output schemas of the Confluence tools. */
import { z } from 'zod';

const text = z.string().nullable();

export const pageSchema = z.object({
  id: z.string(),
  title: z.string(),
  space_key: text,
  space_name: text,
  space_id: text.describe('Cloud: the space id; space_key is null when the space could not be looked up'),
  version: z.number().nullable(),
  last_modified: text,
  url: z.string(),
  format: z.enum(['markdown', 'storage']),
  content: z.string(),
  content_truncated: z.boolean(),
});

export const searchResultSchema = z.object({
  cql: z.string(),
  results: z.array(
    z.object({
      id: text,
      type: text,
      title: z.string(),
      space: text,
      excerpt: z.string(),
      last_modified: text,
      url: text,
    }),
  ),
  total: z.number().optional(),
  next_start: z.number().optional(),
  next_cursor: z.string().optional(),
  listing_stopped: z.string().optional(),
});

/**
 * One comment of a page as the comment tools list it: what every one of them answers with, and the tool's own
 * fields. Built when a tool's output schema is first asked for, as the tools' schemas are.
 */
export function commentSchema<Extra extends z.ZodRawShape>(extra: Extra) {
  return z.object({ id: z.string(), author: text, created: text, body: z.string(), ...extra });
}
