/**
 * One sandbox site under one URL prefix: the test hooks (`siteHooks`) first, then the credential check, then the
 * product's resource plugins. Everything is registered inside this scope, so the hooks apply to every route of the
 * site, and to nothing else.
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { ConfluenceSiteData } from '../confluence/confluence-model.js';
import { confluencePlugin } from '../confluence/confluence-plugin.js';
import { acceptMultipart } from '../http/multipart.js';
import type { JiraSiteData } from '../jira/jira-model.js';
import { jiraPlugin } from '../jira/jira-plugin.js';
import { serviceDeskPlugin, type ServiceDeskState } from '../servicedesk/index.js';
import type { SiteAccess } from './site-access.js';
import type { SiteContext } from './site.js';

/**
 * Hooks added to each site's scope before its credentials are checked, for every prefix the site answers on. The
 * test controls (fault injection, request recording: `@atlassian-mcp-gateway/sandbox/testing`) come in this way,
 * so the sandbox itself carries none of them.
 */
export type SiteHooks = (scope: FastifyInstance, site: { id: string; prefix: string }) => void;

export interface SitePluginOptions {
  /** Where the site answers: `/sites/{id}`, or a Cloud site's API gateway path (`/ex/{product}/{cloudId}`). */
  prefix: string;
  site: SiteContext;
  /** The site's data, shared by all its prefixes. */
  data: { jira?: JiraSiteData; serviceDesk?: ServiceDeskState; confluence?: ConfluenceSiteData };
  access: SiteAccess;
  /** The sandbox user an OAuth access token speaks for, so "myself" answers who signed in. */
  userOf?: (header: string | undefined) => string | undefined;
  siteHooks?: SiteHooks;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The sandbox user (by name) the request's OAuth token was granted by; undefined for other credentials. */
    sandboxUser?: string;
  }
}

export const sitePlugin: FastifyPluginAsync<SitePluginOptions> = async (
  scope,
  { prefix, site, data, access, userOf, siteHooks },
) => {
  siteHooks?.(scope, { id: site.definition.id, prefix });
  scope.addHook('onRequest', async (request, reply) => {
    if (!access(request.headers.authorization, request.raw.socket)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Basic realm="sandbox"')
        .send({
          errorMessages: ['You are not authenticated. Authentication required to perform this operation.'],
          errors: {},
        });
    }
    request.sandboxUser = userOf?.(request.headers.authorization);
  });
  acceptMultipart(scope);
  if (data.jira) await scope.register(jiraPlugin, { site, data: data.jira });
  if (data.serviceDesk)
    await scope.register(serviceDeskPlugin, {
      state: data.serviceDesk,
      baseUrl: () => site.baseUrl(),
      siteId: site.definition.id,
    });
  if (data.confluence) await scope.register(confluencePlugin, { site, data: data.confluence });
};
