/** Lets callers name fields the way people do ("Story Points") as well as by id (customfield_10016). */
import { ToolInputError } from '../input-error.js';
import type { JiraClient } from './client.js';

/** Ids for the given ids or names; an unknown name is an input error listing close matches. */
export async function fieldIds(jira: JiraClient, names: readonly string[], signal?: AbortSignal): Promise<string[]> {
  if (names.length === 0) return [];
  const fields = await jira.getFields(signal);
  return names.map((name) => {
    const exact = fields.find((field) => field.id === name || field.id.toLowerCase() === name.toLowerCase());
    if (exact) return exact.id;
    // An id-shaped name passes through, as Jira itself accepts (and ignores) ids it does not know.
    if (/^customfield_\d+$/.test(name)) return name;
    const byName = fields.filter((field) => field.name.toLowerCase() === name.trim().toLowerCase());
    if (byName.length === 1) return byName[0]!.id;
    if (byName.length > 1)
      throw new ToolInputError(
        `field name "${name}" is ambiguous (${byName.map((field) => field.id).join(', ')}); pass the id`,
      );
    const near = fields
      .filter((field) => field.name.toLowerCase().includes(name.trim().toLowerCase().slice(0, 4)))
      .slice(0, 5);
    throw new ToolInputError(
      `no field "${name}"${near.length ? `; did you mean ${near.map((field) => `${field.name} (${field.id})`).join(', ')}?` : '; see search_fields'}`,
    );
  });
}

/** The same object with its keys turned into field ids. */
export async function withFieldIds(
  jira: JiraClient,
  values: Record<string, unknown> | undefined,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  if (!values || Object.keys(values).length === 0) return {};
  const keys = Object.keys(values);
  const ids = await fieldIds(jira, keys, signal);
  return Object.fromEntries(keys.map((key, index) => [ids[index]!, values[key]]));
}
