/**
 * What every Jira resource plugin of a site is given: the site's data, the REST base path of its flavour, and the
 * payloads (users, issues) that several resources return, each written once here.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { SiteContext } from '../site/site.js';
import { createIssuePayload, type IssuePayload } from './issue-payload.js';
import type { JiraSiteData, SandboxIssue, SandboxUser } from './jira-model.js';
import { userPayload } from './user-payload.js';

export interface JiraContext {
  site: SiteContext;
  data: JiraSiteData;
  /** `/rest/api/3` on Cloud, `/rest/api/2` on Server/DC. */
  api: string;
  cloud: boolean;
  user: (person: SandboxUser) => Record<string, unknown>;
  /** An issue by id or key; the old keys of moved issues still find them, as in Jira. */
  findIssue: (idOrKey: string) => SandboxIssue | undefined;
  issuePayload: IssuePayload;
}

/** The options of every Jira resource plugin. */
export interface JiraPluginOptions {
  jira: JiraContext;
}

/** A Jira resource plugin: registered in a site's scope, so the site's hooks (credentials, test controls) apply. */
export type JiraPlugin = FastifyPluginAsync<JiraPluginOptions>;

export function createJiraContext(site: SiteContext, data: JiraSiteData): JiraContext {
  const api = data.flavor === 'cloud' ? '/rest/api/3' : '/rest/api/2';
  const base = () => site.baseUrl();
  const user = (person: SandboxUser) => userPayload(person, data.flavor, base());
  const findIssue = (idOrKey: string) => {
    const key = data.movedKeys.get(idOrKey.toUpperCase()) ?? idOrKey.toUpperCase();
    return data.issues.find((issue) => issue.key === key || issue.id === idOrKey);
  };
  const issuePayload = createIssuePayload({ api, base, data, user, findIssue });
  return { site, data, api, cloud: data.flavor === 'cloud', user, findIssue, issuePayload };
}
