/**
 * Sandbox Jira Service Management: a Fastify plugin that serves `/rest/servicedeskapi` on a Jira site. The state is
 * seeded once per site (`seedServiceDesk`) and shared by every prefix the site answers on. A site defined with
 * `serviceDesk: false` gets no plugin, so `/info` answers 404 as on a Jira without Service Management.
 */
import type { FastifyInstance } from 'fastify';
import { siteAssetsPlugin } from './assets.js';
import { registerDeskRoutes } from './desk-routes.js';
import { registerRequestRoutes } from './request-routes.js';
import type { ServiceDeskState } from './seed.js';

export { registerCloudAssetsApi, workspaceIdOf } from './assets.js';
export { seedServiceDesk, type ServiceDeskState } from './seed.js';

export async function serviceDeskPlugin(
  app: FastifyInstance,
  options: { state: ServiceDeskState; baseUrl: () => string; siteId: string },
): Promise<void> {
  await app.register(siteAssetsPlugin, { flavor: options.state.flavor, siteId: options.siteId });
  await app.register(
    async (scope) => {
      registerDeskRoutes(scope, options.state, options.baseUrl);
      registerRequestRoutes(scope, options.state, options.baseUrl);
    },
    { prefix: '/rest/servicedeskapi' },
  );
}
