/** Jira `projects` and `fields` toolsets: project search, issue types, create fields and options, versions, components. */
import { z } from 'zod';
import type { JiraClient } from '../../atlassian/jira/client.js';
import * as projects from '../../atlassian/jira/projects.js';
import { describeStop } from '../../atlassian/paging.js';
import { defineJiraTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { fuzzyRank } from '../fuzzy.js';
import { limit, nameOrId, projectKey } from '../params.js';

const projectKeyArgument = projectKey.describe('Project key, e.g. OPS');
const versionSchema = z.object({
  id: z.string(),
  name: z.string(),
  released: z.boolean(),
  archived: z.boolean(),
  release_date: z.string().nullable(),
  start_date: z.string().nullable(),
  description: z.string().nullable(),
});

export const searchProjects = defineJiraTool({
  name: 'search_projects',
  title: 'Search Jira projects',
  toolset: 'projects',
  access: 'read',
  description: 'Find projects by part of their key or name.',
  input: () => z.strictObject({ query: z.string().trim().min(1), limit: limit(10, 50) }),
  output: () =>
    z.object({
      projects: z.array(z.object({ key: z.string(), name: z.string() })),
      listing_stopped: z.string().optional(),
    }),
  action: () => 'Search projects',
  run: async ({ jira, signal }, args) => {
    const listing = await jira.getProjects({ includeArchived: false, signal });
    const found = fuzzyRank(listing.projects, args.query, (project) => [project.key, project.name])
      .slice(0, args.limit)
      .map((project) => ({ key: project.key, name: project.name }));
    const stopped = listing.stopped ? describeStop(listing.stopped, 'Project listing') : undefined;
    const text = found.length
      ? found.map((project) => `- **${project.key}** ${project.name}`).join('\n')
      : `No project matches "${args.query}".`;
    return {
      text: stopped ? `${text}\n${stopped}.` : text,
      structured: { projects: found, ...(stopped ? { listing_stopped: stopped } : {}) },
    };
  },
});

export const getProjectIssueTypes = defineJiraTool({
  name: 'get_project_issue_types',
  title: 'Get Jira issue types',
  toolset: 'projects',
  access: 'read',
  description: 'List the issue types that can be created in a project (use their names in create_issue).',
  input: () => z.strictObject({ project_key: projectKeyArgument }),
  output: () =>
    z.object({
      project_key: z.string(),
      issue_types: z.array(z.object({ id: z.string(), name: z.string(), subtask: z.boolean() })),
    }),
  action: (args) => `Get issue types of ${args.project_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.project_key;
    const types = (await projects.getIssueTypes(jira, key, signal)).map((type) => ({
      id: String(type.id),
      name: type.name,
      subtask: Boolean(type.subtask),
    }));
    return {
      text:
        types.map((type) => `- ${type.name} (id ${type.id}${type.subtask ? ', sub-task' : ''})`).join('\n') ||
        'No issue types.',
      structured: { project_key: key, issue_types: types },
    };
  },
});

export const getCreateFields = defineJiraTool({
  name: 'get_create_fields',
  title: 'Get Jira create fields',
  toolset: 'projects',
  access: 'read',
  description:
    'List the fields of the create screen for a project and issue type: which are required, their types and allowed values.',
  input: () => z.strictObject({ project_key: projectKeyArgument, issue_type: nameOrId('Issue type name or id') }),
  output: () =>
    z.object({
      fields: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          required: z.boolean(),
          type: z.string().nullable(),
          allowed_values: z.array(z.string()),
        }),
      ),
    }),
  action: (args) => `Get create fields of ${args.project_key} ${args.issue_type}`,
  run: async ({ jira, signal }, args) => {
    const fields = await createFieldsFor(jira, args.project_key, args.issue_type, signal);
    const lines = fields.map(
      (field) =>
        `- ${field.name} (\`${field.id}\`, ${field.type ?? '?'}${field.required ? ', required' : ''})${field.allowed_values.length ? `: ${field.allowed_values.slice(0, 15).join(', ')}${field.allowed_values.length > 15 ? ', …' : ''}` : ''}`,
    );
    return { text: lines.join('\n') || 'No fields.', structured: { fields } };
  },
});

export const getFieldOptions = defineJiraTool({
  name: 'get_field_options',
  title: 'Get Jira field options',
  toolset: 'fields',
  access: 'read',
  description:
    'List the values a select-like field accepts when creating an issue of a type in a project, optionally filtered by text.',
  input: () =>
    z.strictObject({
      field_id: z.string().trim().min(1).describe('Field id, e.g. priority or customfield_10050'),
      project_key: projectKeyArgument,
      issue_type: nameOrId('Issue type name or id'),
      contains: z.string().optional(),
    }),
  output: () => z.object({ field_id: z.string(), options: z.array(z.string()) }),
  action: (args) => `Get options of ${args.field_id}`,
  run: async ({ jira, signal }, args) => {
    const fields = await createFieldsFor(jira, args.project_key, args.issue_type, signal);
    const field = fields.find(
      (candidate) => candidate.id === args.field_id || candidate.name.toLowerCase() === args.field_id.toLowerCase(),
    );
    if (!field)
      throw new ToolInputError(
        `field ${args.field_id} is not on the create screen of ${args.issue_type} in ${args.project_key}; see get_create_fields`,
      );
    const options = field.allowed_values.filter(
      (value) => !args.contains || value.toLowerCase().includes(args.contains.toLowerCase()),
    );
    return {
      text: options.length
        ? `${field.name} accepts:\n${options.map((value) => `- ${value}`).join('\n')}`
        : `${field.name} lists no options${args.contains ? ` containing "${args.contains}"` : ''}.`,
      structured: { field_id: field.id, options },
    };
  },
});

export const getProjectVersions = defineJiraTool({
  name: 'get_project_versions',
  title: 'Get Jira versions',
  toolset: 'projects',
  access: 'read',
  description: "List a project's versions (fix versions / releases) with dates and release state.",
  input: () => z.strictObject({ project_key: projectKeyArgument, include_archived: z.boolean().default(false) }),
  output: () => z.object({ versions: z.array(versionSchema) }),
  action: (args) => `Get versions of ${args.project_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.project_key;
    const versions = (await projects.getVersions(jira, key, signal))
      .map(toVersionRecord)
      .filter((version) => args.include_archived || !version.archived);
    const lines = versions.map(
      (version) =>
        `- **${version.name}** (id ${version.id}, ${version.released ? 'released' : 'unreleased'}${version.archived ? ', archived' : ''})${version.release_date ? ` release ${version.release_date}` : ''}`,
    );
    return { text: lines.join('\n') || `${key} has no versions.`, structured: { versions } };
  },
});

export const getProjectComponents = defineJiraTool({
  name: 'get_project_components',
  title: 'Get Jira components',
  toolset: 'projects',
  access: 'read',
  description: "List a project's components and their leads.",
  input: () => z.strictObject({ project_key: projectKeyArgument }),
  output: () =>
    z.object({
      components: z.array(
        z.object({ id: z.string(), name: z.string(), description: z.string().nullable(), lead: z.string().nullable() }),
      ),
    }),
  action: (args) => `Get components of ${args.project_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.project_key;
    const components = (await projects.getComponents(jira, key, signal)).map((component) => ({
      id: String(component.id),
      name: component.name,
      description: component.description ?? null,
      lead: component.lead?.displayName ?? null,
    }));
    return {
      text:
        components
          .map((component) => `- ${component.name}${component.lead ? ` (lead ${component.lead})` : ''}`)
          .join('\n') || `${key} has no components.`,
      structured: { components },
    };
  },
});

async function createFieldsFor(jira: JiraClient, key: string, issueType: string, signal: AbortSignal) {
  const types = await projects.getIssueTypes(jira, key, signal);
  const type = types.find(
    (candidate) => candidate.id === issueType || candidate.name.toLowerCase() === issueType.toLowerCase(),
  );
  if (!type)
    throw new ToolInputError(
      `no issue type "${issueType}" in ${key}; available: ${types.map((candidate) => candidate.name).join(', ')}`,
    );
  return (await projects.getCreateFields(jira, key, type.id, signal)).map((field) => ({
    id: field.fieldId,
    name: field.name,
    required: field.required,
    type: field.schema?.type ?? null,
    allowed_values: (field.allowedValues ?? [])
      .map((value) => value.name ?? value.value ?? value.id ?? '')
      .filter(Boolean),
  }));
}

export function toVersionRecord(version: projects.RawVersion): z.infer<typeof versionSchema> {
  return {
    id: String(version.id),
    name: version.name,
    released: Boolean(version.released),
    archived: Boolean(version.archived),
    release_date: version.releaseDate ?? null,
    start_date: version.startDate ?? null,
    description: version.description ?? null,
  };
}

export { versionSchema };
