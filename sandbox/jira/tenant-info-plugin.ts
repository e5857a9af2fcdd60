/** The tenant-info route of a Cloud site (`/_edge/tenant_info`): where clients learn its cloud id. */
import { cloudIdOf } from './cloud-id.js';
import type { JiraPlugin } from './jira-context.js';

export const tenantInfoPlugin: JiraPlugin = async (app, { jira }) => {
  const siteId = jira.site.definition.id;
  app.get('/_edge/tenant_info', async () => ({ cloudId: cloudIdOf(siteId) }));
};
