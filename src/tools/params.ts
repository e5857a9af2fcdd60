/** Input fragments shared by many tools, so a parameter means the same thing everywhere. */
import { z } from 'zod';
import { withRole } from './argument-roles.js';
import { listedAs, onlyOn } from './schema-hints.js';

/** A page size: small by default so answers stay cheap for the model. */
export const limit = (fallback: number, max: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback).describe(`Max results (1-${max})`);

/**
 * Checked here with a clear message; the list shows only the example, which says more to a model than a regex.
 * Upper-cased, as Jira writes keys, so `ops-1` and `OPS-1` name the same issue everywhere (allow-lists, answers).
 */
export const issueKey = listedAs(
  { type: 'string' },
  z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_]*-\d+$|^\d+$/, { error: 'expected an issue key such as PROJ-123' })
    .toUpperCase()
    .describe('Issue key, e.g. PROJ-123'),
);

/** An issue key passed on as given for Jira to judge (a new issue's parent), upper-cased like `issueKey`. */
export const uncheckedIssueKey = z.string().toUpperCase();

/** A Jira project key (or numeric id), upper-cased. It becomes a URL path segment, so only key characters get through. */
export const projectKey = withRole(
  'jira_project',
  listedAs(
    { type: 'string' },
    z
      .string()
      .trim()
      .regex(/^[A-Za-z][A-Za-z0-9_]*$|^\d+$/, { error: 'expected a project key such as OPS' })
      .toUpperCase(),
  ),
);

/** A Confluence space key: letters and digits, or `~` and a username or accountId for a personal space. */
export const spaceKey = withRole(
  'confluence_space',
  listedAs(
    { type: 'string' },
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_]+$|^~[\p{L}\p{N}._:@+-]+$/u, {
        error: 'expected a space key such as ENG, or ~username for a personal space',
      }),
  ),
);

/** An id Atlassian hands out that is not always numeric (form UUIDs, `att123` attachments, template ids). */
export const opaqueId = (description: string) =>
  listedAs(
    { type: 'string' },
    z
      .string()
      .trim()
      .max(255)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, { error: 'expected an id of letters, digits, "-", "_", "." or ":"' })
      .describe(description),
  );

/** A name or id matched against what Atlassian lists (an issue type); never `.`/`..` or control characters. */
export const nameOrId = (description: string) =>
  listedAs(
    { type: 'string' },
    z
      .string()
      .trim()
      .min(1)
      .max(255)
      .refine((value) => !/^\.+$/.test(value) && !/\p{Cc}/u.test(value), {
        error: 'expected a name or id, not dots or control characters',
      })
      .describe(description),
  );

/** Accepts a number or a numeric string, since models send either for ids; listed simply as a string. */
export const numericId = (description: string) =>
  listedAs(
    { type: 'string' },
    z
      .union([z.string().trim().regex(/^\d+$/, { error: 'expected a numeric id' }), z.number().int().nonnegative()])
      .transform(String)
      .describe(description),
  );

/** Cloud pages by an opaque token the previous page returned (`from` names that field). */
export const cloudCursor = (from: string) =>
  onlyOn('cloud', z.string().optional().describe(`Cloud: ${from} from the previous page`));

/** Server/Data Center pages by offset (`from` names the field of the previous page that holds it). */
export const serverOffset = (from: string) =>
  onlyOn('server', z.coerce.number().int().min(0).optional().describe(`Server/DC: ${from} from the previous page`));

export const outputFormat = z
  .enum(['markdown', 'json'])
  .default('markdown')
  .describe('markdown text, or the record as JSON');

/** Size limits of a list argument. */
interface ListBounds {
  min?: number;
  max?: number;
}

/**
 * A list argument that also takes one comma-separated string (`"summary, status"`), the way other Atlassian MCP
 * servers take lists; an array passes through unchanged (use one when an item itself holds a comma). Listed as
 * a plain array of `itemListing`, so the tool list stays simple.
 */
export function listOf<T extends z.ZodType>(
  item: T,
  bounds: ListBounds = {},
  itemListing: Record<string, unknown> = { type: 'string' },
) {
  return listedAs(arrayListing(item, bounds, itemListing), z.preprocess(splitCommas, boundedArray(item, bounds)));
}

/** `listOf` with a default, listed with it (a default wrapped around the list would not be). */
export function listOfWithDefault<T extends z.ZodType>(
  item: T,
  fallback: Array<z.output<T>>,
  bounds: ListBounds = {},
  itemListing: Record<string, unknown> = { type: 'string' },
) {
  const schema = z.preprocess(splitCommas, boundedArray(item, bounds)).default(fallback as never);
  return listedAs({ default: fallback, ...arrayListing(item, bounds, itemListing) }, schema);
}

function boundedArray<T extends z.ZodType>(item: T, bounds: ListBounds) {
  let array = z.array(item);
  if (bounds.min !== undefined) array = array.min(bounds.min);
  if (bounds.max !== undefined) array = array.max(bounds.max);
  return array;
}

function arrayListing(
  item: z.ZodType,
  bounds: ListBounds,
  itemListing: Record<string, unknown>,
): Record<string, unknown> {
  const items = { ...itemListing, ...(item.description ? { description: item.description } : {}) };
  const sizes = {
    ...(bounds.min ? { minItems: bounds.min } : {}),
    ...(bounds.max !== undefined ? { maxItems: bounds.max } : {}),
  };
  return { ...sizes, type: 'array', items };
}

function splitCommas(value: unknown): unknown {
  return typeof value === 'string'
    ? value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
    : value;
}

/** The name an upload is stored under: one path segment, within Atlassian's 255 characters. */
export const fileName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[^/\\]+$/, { error: 'a file name, not a path' });
