/** Jira `projects` toolset: the projects this instance exposes. */
import { z } from 'zod';
import { personName } from '../../atlassian/jira/issue.js';
import { describeStop } from '../../atlassian/paging.js';
import { defineJiraTool } from '../define.js';
import { onlyOn } from '../schema-hints.js';

export const getAllProjects = defineJiraTool({
  name: 'get_all_projects',
  title: 'List Jira projects',
  toolset: 'projects',
  inDefaultSet: true,
  access: 'read',
  description: "List the projects visible to this instance's account: key, name, type and lead.",
  input: () =>
    z.strictObject({
      include_archived: onlyOn('cloud', z.boolean().default(false).describe('Cloud: include archived projects')),
    }),
  output: () =>
    z.object({
      projects: z.array(
        z.object({
          key: z.string(),
          name: z.string(),
          type: z.string().nullable(),
          lead: z.string().nullable(),
          archived: z.boolean(),
        }),
      ),
      listing_stopped: z.string().optional(),
    }),
  action: () => 'List projects',
  run: async ({ jira, signal }, args) => {
    const listing = await jira.getProjects({ includeArchived: args.include_archived, signal });
    const projects = listing.projects
      .filter((project) => args.include_archived || !project.archived)
      .map((project) => ({
        key: project.key,
        name: project.name,
        type: project.projectTypeKey ?? null,
        lead: personName(project.lead),
        archived: Boolean(project.archived),
      }));
    const lines = projects.map(
      (project) =>
        `- **${project.key}** ${project.name}${project.type ? ` (${project.type})` : ''}${project.lead ? ` — lead ${project.lead}` : ''}${project.archived ? ' [archived]' : ''}`,
    );
    const stopped = listing.stopped ? describeStop(listing.stopped, 'Project listing') : undefined;
    const text = projects.length
      ? `${projects.length} project${projects.length === 1 ? '' : 's'}:\n${lines.join('\n')}`
      : 'No projects are visible.';
    return {
      text: stopped ? `${text}\n${stopped}.` : text,
      structured: { projects, ...(stopped ? { listing_stopped: stopped } : {}) },
    };
  },
});
