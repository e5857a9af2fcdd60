/**
 * What an argument means beyond its type, declared beside its zod schema so the MCP layer can fill a caller's
 * defaults (set_defaults) into any tool without knowing the tool: a project key, a space key, a desk id, a query
 * or a person. A role given to a shared schema holds wherever the schema is used, also after `.describe()` or
 * `.optional()`; `noRole` opts one argument out (a move's target project is never a default).
 */
import { z } from 'zod';

export type ArgumentRole =
  /** A Jira project key: filled from the caller's `jira_project`. */
  | 'jira_project'
  /** A Confluence space key: filled from `confluence_space`. */
  | 'confluence_space'
  /** A list of Confluence space keys (a search's scope): filled with `[confluence_space]`. */
  | 'confluence_spaces'
  /** A Service Management desk id: filled from `servicedesk`. */
  | 'servicedesk'
  /** JQL: `currentUser()` means the caller's `preferred_user` on a shared account. */
  | 'jql'
  /** CQL, or text that may be CQL: as JQL. */
  | 'cql'
  /** A person: `me` means the caller's `preferred_user` on a shared account. */
  | 'person';

const roles = z.registry<{ role: ArgumentRole | null }>();

/** Gives a schema a role; returns the schema, so it reads as a wrapper where the schema is declared. */
export function withRole<T extends z.ZodType>(role: ArgumentRole, schema: T): T {
  roles.add(schema, { role });
  return schema;
}

/** Takes a shared schema's role away from one argument. */
export function noRole<T extends z.ZodType>(schema: T): T {
  roles.add(schema, { role: null });
  return schema;
}

/** The role of an argument's schema: the nearest one declared through wrappers (optional, default) and clones. */
export function roleOf(schema: z.ZodType): ArgumentRole | undefined {
  let current: z.ZodType | undefined = schema;
  for (let depth = 0; current && depth < 16; depth++) {
    const entry = roles.get(current);
    if (entry) return entry.role ?? undefined;
    const def = current.def as { innerType?: z.ZodType };
    current = def.innerType ?? (current._zod.parent as z.ZodType | undefined);
  }
  return undefined;
}

/** Each top-level argument of an input schema that has a role, computed once per schema. */
const cache = new WeakMap<z.ZodObject, ReadonlyMap<string, ArgumentRole>>();

export function argumentRoles(input: z.ZodObject): ReadonlyMap<string, ArgumentRole> {
  let found = cache.get(input);
  if (!found) {
    const map = new Map<string, ArgumentRole>();
    for (const [name, field] of Object.entries(input.shape)) {
      const role = roleOf(field as z.ZodType);
      if (role) map.set(name, role);
    }
    cache.set(input, (found = map));
  }
  return found;
}
