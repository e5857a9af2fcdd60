/**
 * A sandbox Jira site: Cloud (REST v3, ADF, `POST /search/jql` with cursors) or Server/DC (REST v2, wiki markup,
 * `GET /search` with startAt), one plugin per resource. Payload shapes follow Atlassian's OpenAPI documents.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { SiteContext } from '../site/site.js';
import { attachmentsPlugin } from './attachments-plugin.js';
import { boardsPlugin } from './boards-plugin.js';
import { bulkMovePlugin } from './bulk-move-plugin.js';
import { changelogPlugin } from './changelog-plugin.js';
import { commentsPlugin } from './comments-plugin.js';
import { createMetaPlugin } from './create-meta-plugin.js';
import { devStatusPlugin } from './dev-status-plugin.js';
import { fieldsPlugin } from './fields-plugin.js';
import { filtersPlugin } from './filters-plugin.js';
import { issueCreatePlugin } from './issue-create-plugin.js';
import { issueLinksPlugin } from './issue-links-plugin.js';
import { issuesPlugin } from './issues-plugin.js';
import { createJiraContext, type JiraPlugin } from './jira-context.js';
import type { JiraSiteData } from './jira-model.js';
import { peoplePlugin } from './people-plugin.js';
import { projectsPlugin } from './projects-plugin.js';
import { remoteLinksPlugin } from './remote-links-plugin.js';
import { searchPlugin } from './search-plugin.js';
import { sprintsPlugin } from './sprints-plugin.js';
import { tenantInfoPlugin } from './tenant-info-plugin.js';
import { transitionsPlugin } from './transitions-plugin.js';
import { versionsPlugin } from './versions-plugin.js';
import { watchersPlugin } from './watchers-plugin.js';
import { worklogsPlugin } from './worklogs-plugin.js';

export interface JiraSiteOptions {
  site: SiteContext;
  data: JiraSiteData;
}

/** Resources both flavours serve. */
const RESOURCES: readonly JiraPlugin[] = [
  issuesPlugin,
  issueCreatePlugin,
  searchPlugin,
  commentsPlugin,
  transitionsPlugin,
  worklogsPlugin,
  issueLinksPlugin,
  remoteLinksPlugin,
  fieldsPlugin,
  projectsPlugin,
  createMetaPlugin,
  versionsPlugin,
  peoplePlugin,
  watchersPlugin,
  boardsPlugin,
  sprintsPlugin,
  attachmentsPlugin,
  devStatusPlugin,
  filtersPlugin,
];

/** Resources only Jira Cloud has. */
const CLOUD_RESOURCES: readonly JiraPlugin[] = [changelogPlugin, bulkMovePlugin, tenantInfoPlugin];

/** Registers every resource of one Jira site in the site's scope (each encapsulated, all under the site's hooks). */
export const jiraPlugin: FastifyPluginAsync<JiraSiteOptions> = async (app, { site, data }) => {
  const jira = createJiraContext(site, data);
  for (const plugin of [...RESOURCES, ...(jira.cloud ? CLOUD_RESOURCES : [])]) await app.register(plugin, { jira });
};
