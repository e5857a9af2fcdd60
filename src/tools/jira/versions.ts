/** Jira `projects` toolset, writes: create versions (one or many) and update them (rename, date, release, archive). */
import { z } from 'zod';
import { AtlassianError } from '../../atlassian/errors.js';
import * as projects from '../../atlassian/jira/projects.js';
import { defineJiraTool } from '../define.js';
import { ToolInputError } from '../errors.js';
import { numericId, projectKey } from '../params.js';
import { toVersionRecord, versionSchema } from './project-details.js';

const date = z.iso.date().describe('YYYY-MM-DD');
const newVersion = z.strictObject({
  name: z.string().trim().min(1),
  description: z.string().optional(),
  start_date: date.optional(),
  release_date: date.optional(),
  released: z.boolean().optional(),
});

export const createVersion = defineJiraTool({
  name: 'create_version',
  title: 'Create Jira version',
  toolset: 'projects',
  access: 'write',
  description: 'Create a version (release) in a project.',
  input: () => newVersion.extend({ project_key: projectKey }),
  output: () => versionSchema,
  action: (args) => `Create version ${args.name} in ${args.project_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.project_key;
    const project = await projects.getProject(jira, key, signal);
    const record = toVersionRecord(
      await projects.createVersion(
        jira,
        { ...versionBody(args), name: args.name, projectId: Number(project.id) },
        signal,
      ),
    );
    return { text: `Created version ${record.name} (id ${record.id}) in ${key}.`, structured: record };
  },
});

export const batchCreateVersions = defineJiraTool({
  name: 'batch_create_versions',
  title: 'Create Jira versions in bulk',
  toolset: 'projects',
  access: 'write',
  description: 'Create several versions in a project; each is reported as created or failed with the reason.',
  input: () => z.strictObject({ project_key: projectKey, versions: z.array(newVersion).min(1).max(50) }),
  output: () =>
    z.object({
      created: z.array(versionSchema),
      failed: z.array(z.object({ name: z.string(), error: z.string() })),
    }),
  action: (args) => `Create ${args.versions.length} versions in ${args.project_key}`,
  run: async ({ jira, signal }, args) => {
    const key = args.project_key;
    const project = await projects.getProject(jira, key, signal);
    const created: Array<z.infer<typeof versionSchema>> = [];
    const failed: Array<{ name: string; error: string }> = [];
    for (const version of args.versions) {
      try {
        created.push(
          toVersionRecord(
            await projects.createVersion(
              jira,
              { ...versionBody(version), name: version.name, projectId: Number(project.id) },
              signal,
            ),
          ),
        );
      } catch (error) {
        if (!(error instanceof AtlassianError)) throw error;
        failed.push({ name: version.name, error: error.describe(`Create version ${version.name}`) });
      }
    }
    const lines = [
      ...created.map((version) => `- Created ${version.name} (id ${version.id})`),
      ...failed.map((failure) => `- ${failure.error}`),
    ];
    return {
      text: `Created ${created.length} of ${args.versions.length} versions in ${key}.\n${lines.join('\n')}`,
      structured: { created, failed },
    };
  },
});

export const updateVersion = defineJiraTool({
  name: 'update_version',
  title: 'Update Jira version',
  toolset: 'projects',
  access: 'destructive',
  idempotent: true,
  description:
    'Rename a version, change its dates or description, release it or archive it. Only what you pass changes.',
  input: () =>
    z.strictObject({
      version_id: numericId('Version id'),
      name: z.string().trim().min(1).optional(),
      description: z.string().optional(),
      start_date: date.optional(),
      release_date: date.optional(),
      released: z.boolean().optional(),
      archived: z.boolean().optional(),
    }),
  output: () => versionSchema,
  action: (args) => `Update version ${args.version_id}`,
  run: async ({ jira, signal }, args) => {
    const body = { ...versionBody(args), ...(args.archived !== undefined ? { archived: args.archived } : {}) };
    if (Object.keys(body).length === 0) throw new ToolInputError('nothing to change');
    const record = toVersionRecord(await projects.updateVersion(jira, args.version_id, body, signal));
    return {
      text: `Updated version ${record.name} (id ${record.id}${record.released ? ', released' : ''}${record.archived ? ', archived' : ''}).`,
      structured: record,
    };
  },
});

/** Jira's version properties for what the caller passed; absent arguments stay absent. */
function versionBody(args: {
  name?: string;
  description?: string;
  start_date?: string;
  release_date?: string;
  released?: boolean;
}): Partial<Omit<projects.RawVersion, 'id'>> {
  return {
    ...(args.name !== undefined ? { name: args.name } : {}),
    ...(args.description !== undefined ? { description: args.description } : {}),
    ...(args.start_date ? { startDate: args.start_date } : {}),
    ...(args.release_date ? { releaseDate: args.release_date } : {}),
    ...(args.released !== undefined ? { released: args.released } : {}),
  };
}
