/**
 * The sandbox's OAuth apps as tests configure them, and the Jira sites that register them: one Cloud app (the
 * Atlassian-style consent at auth.atlassian.com) and one Data Center app (the site's own `/rest/oauth2`).
 */
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';

/** The Cloud OAuth 2.0 (3LO) app, as the sandbox's site definitions spell it. */
export const CLOUD_APP = { clientId: 'cloud-app', clientSecret: 'cloud-app-secret-Zp4' };

/** The Data Center OAuth 2.0 app. */
export const DC_APP = { clientId: 'dc-app', clientSecret: 'dc-app-secret-Qw7' };

/** A Jira Cloud site whose OAuth app users sign in through (the sandbox's Cloud consent). */
export const CLOUD_JIRA_SITE: SiteDefinition = {
  id: 'cloudjira',
  product: 'jira',
  flavor: 'cloud',
  key: 'WEB',
  credentials: { type: 'basic', username: 'nobody@example.com', token: 'unused-basic-1' },
  oauth: CLOUD_APP,
};

/** A Jira Data Center site with its own OAuth app. */
export const DC_JIRA_SITE: SiteDefinition = {
  id: 'dcjira',
  product: 'jira',
  flavor: 'server',
  key: 'OPS',
  credentials: { type: 'pat', token: 'unused-pat-2' },
  oauth: DC_APP,
};
