/**
 * A sandbox Confluence site: Cloud (v2 pages and spaces under /wiki/api/v2, v1 CQL search under /wiki/rest/api) or
 * Server/DC (v1 under /rest/api), one plugin per resource. Payload shapes follow Atlassian's OpenAPI documents.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { SiteContext } from '../site/site.js';
import { analyticsPlugin } from './analytics-plugin.js';
import { attachmentsPlugin } from './attachments-plugin.js';
import { childrenPlugin } from './children-plugin.js';
import { commentWritesPlugin } from './comment-writes-plugin.js';
import { commentsPlugin } from './comments-plugin.js';
import { createConfluenceContext, type ConfluencePlugin } from './confluence-context.js';
import type { ConfluenceSiteData } from './confluence-model.js';
import { labelsPlugin } from './labels-plugin.js';
import { organizePlugin } from './organize-plugin.js';
import { pageWritesPlugin } from './page-writes-plugin.js';
import { pagesPlugin } from './pages-plugin.js';
import { restrictionsPlugin } from './restrictions-plugin.js';
import { searchPlugin } from './search-plugin.js';
import { spacesPlugin } from './spaces-plugin.js';
import { templatesPlugin } from './templates-plugin.js';
import { usersPlugin } from './users-plugin.js';
import { versionsPlugin } from './versions-plugin.js';

export interface ConfluenceSiteOptions {
  site: SiteContext;
  data: ConfluenceSiteData;
}

/** Resources both flavours serve. */
const RESOURCES: readonly ConfluencePlugin[] = [
  pagesPlugin,
  spacesPlugin,
  childrenPlugin,
  versionsPlugin,
  commentsPlugin,
  pageWritesPlugin,
  searchPlugin,
  usersPlugin,
  organizePlugin,
  labelsPlugin,
  attachmentsPlugin,
  restrictionsPlugin,
];

/** Resources only Confluence Cloud has. */
const CLOUD_RESOURCES: readonly ConfluencePlugin[] = [commentWritesPlugin, templatesPlugin, analyticsPlugin];

/** Registers every resource of one Confluence site in the site's scope (each encapsulated, all under the site's hooks). */
export const confluencePlugin: FastifyPluginAsync<ConfluenceSiteOptions> = async (app, { site, data }) => {
  const confluence = createConfluenceContext(site, data);
  for (const plugin of [...RESOURCES, ...(confluence.cloud ? CLOUD_RESOURCES : [])])
    await app.register(plugin, { confluence });
};
