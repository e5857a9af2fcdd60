/**
 * Where completion values come from: one lookup per kind of argument, through the instance's clients (which apply
 * its allow-lists), cached per instance by completion-cache.ts.
 */
import { listSpaces } from '../atlassian/confluence/browse.js';
import { getIssueTypes, getVersions } from '../atlassian/jira/projects.js';
import type { InstanceRuntime } from '../instances/registry.js';
import { completionCache } from './completion-cache.js';

/** The kinds of argument the gateway completes. */
export type CompletionKind = 'instance' | 'project' | 'issue_key' | 'space' | 'issue_type' | 'version' | 'transition';

/** The arguments given so far, which some lookups need (issue types and versions of `project`). */
export type GivenArguments = Readonly<Record<string, string | undefined>>;

const LOOKUP_TIMEOUT_MS = 5_000;

const signal = () => AbortSignal.timeout(LOOKUP_TIMEOUT_MS);

/** Candidates for one argument on one instance; empty when the lookup needs an argument not given yet. */
export function candidates(instance: InstanceRuntime, kind: CompletionKind, given: GivenArguments): Promise<string[]> {
  const { jira, confluence, serviceDesk } = instance;
  const project = given.project?.trim().toUpperCase();
  switch (kind) {
    case 'project':
      return jira ? projectKeys(instance) : Promise.resolve([]);
    case 'issue_key':
      return jira ? projectKeys(instance).then((keys) => keys.map((key) => `${key}-`)) : Promise.resolve([]);
    case 'space':
      if (!confluence) return Promise.resolve([]);
      return completionCache.values(instance, 'spaces', async () => {
        const page = await listSpaces(confluence, {}, { limit: 250, signal: signal() });
        return page.items.map((space) => space.key);
      });
    case 'issue_type':
      if (!jira || !project) return Promise.resolve([]);
      return completionCache.values(instance, `issue-types/${project}`, async () =>
        (await getIssueTypes(jira, project, signal())).map((type) => type.name),
      );
    case 'version':
      if (!jira || !project) return Promise.resolve([]);
      return completionCache.values(instance, `versions/${project}`, async () =>
        (await getVersions(jira, project, signal())).map((version) => version.name),
      );
    case 'transition': {
      const key = given.request_key?.trim().toUpperCase();
      if (!serviceDesk || !key) return Promise.resolve([]);
      return completionCache.values(instance, `request-transitions/${key}`, async () =>
        (await serviceDesk.getTransitions(key, signal())).map((transition) => transition.name),
      );
    }
    case 'instance':
      return Promise.resolve([]);
  }
}

function projectKeys(instance: InstanceRuntime): Promise<string[]> {
  return completionCache.values(instance, 'projects', async () => {
    const listing = await instance.jira!.getProjects({ includeArchived: false, signal: signal() });
    return listing.projects.map((project) => project.key);
  });
}
