/**
 * Every project an account can see: paged `project/search` on Cloud (at most `PROJECT_PAGE_BUDGET` pages), the
 * plain list on Server/DC. The allow-list is applied by `JiraClient.getProjects`.
 */
import { z } from 'zod';
import { collectPages, type PagingStop } from '../paging.js';
import { getAs, operation } from '../shape.js';
import { projectShape, valuesPage, type RawProject } from './answer-shapes.js';
import type { SearchTarget } from './search.js';

/** Every project the account can see, and whether the listing stopped before Atlassian said it was complete. */
export interface ProjectListing {
  projects: RawProject[];
  stopped?: PagingStop;
}

/** Most `project/search` requests one call sends (100 projects each). */
export const PROJECT_PAGE_BUDGET = 10;

const ANSWERS = {
  getAllProjects: operation<RawProject[]>('getAllProjects', () => z.array(projectShape())),
  searchProjects: operation<{ values: RawProject[]; isLast?: boolean; total?: number }>('searchProjects', () =>
    valuesPage(projectShape()),
  ),
};

export async function listProjects(
  target: SearchTarget,
  options: { includeArchived: boolean; signal?: AbortSignal },
): Promise<ProjectListing> {
  const { http, platform, api } = target;
  if (platform === 'server') {
    return { projects: await getAs(http, ANSWERS.getAllProjects, `${api}/project`, undefined, options.signal) };
  }
  const status = options.includeArchived ? ['live', 'archived'] : undefined;
  const listing = await collectPages<RawProject, number>({
    first: 0,
    maxPages: PROJECT_PAGE_BUDGET,
    idOf: (project) => String(project.id ?? project.key),
    signal: options.signal,
    fetch: async (startAt) => {
      const query = { startAt, maxResults: 100, status };
      const page = await getAs(http, ANSWERS.searchProjects, `${api}/project/search`, query, options.signal);
      return {
        items: page.values,
        next: page.isLast === false ? startAt + page.values.length : undefined,
        total: page.total ?? undefined,
      };
    },
  });
  return { projects: listing.items, stopped: listing.stopped };
}
