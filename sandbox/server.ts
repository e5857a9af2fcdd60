/**
 * The embedded sandbox: an in-memory Jira and Confluence (Cloud and Server/DC flavours) on loopback, used by
 * `--demo`, the tests and the benchmarks. Each site checks its own credentials; the tests' controls (faults,
 * recording) are added through `siteHooks` by the separate testing entry.
 */
import type { TLSSocket } from 'node:tls';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerConfluenceAdminRoutes } from './confluence-admin-routes.js';
import { registerConfluenceAttachmentRoutes } from './confluence-attachment-routes.js';
import { registerConfluenceBrowseRoutes } from './confluence-browse-routes.js';
import { registerConfluenceOrganizeRoutes } from './confluence-organize-routes.js';
import { registerConfluenceRoutes } from './confluence-routes.js';
import { registerConfluenceWriteRoutes } from './confluence-write-routes.js';
import { seedConfluenceSite } from './confluence-seed.js';
import { registerJiraAgileRoutes } from './jira-agile-routes.js';
import { cloudIdOf, registerFormsApi, registerTenantInfo, type FormsSite } from './jira-forms-routes.js';
import { registerJiraAttachmentRoutes } from './jira-attachment-routes.js';
import { registerJiraDevRoutes } from './jira-dev-routes.js';
import { registerJiraMetaRoutes } from './jira-meta-routes.js';
import { registerJiraMoveRoutes } from './jira-move-routes.js';
import { registerJiraPeopleRoutes } from './jira-people-routes.js';
import { registerJiraRelationRoutes } from './jira-relation-routes.js';
import { registerJiraRoutes } from './jira-routes.js';
import { registerJiraWriteRoutes } from './jira-write-routes.js';
import { seedJiraSite } from './jira-seed.js';
import { createOAuthServer, type OAuthControl } from './oauth-server.js';
import { registerCloudAssetsApi, seedServiceDesk, serviceDeskPlugin, workspaceIdOf } from './servicedesk/index.js';
import { siteInstanceUrl, type SandboxCredentials, type SiteContext, type SiteDefinition } from './site.js';

/**
 * Hooks added to each site's scope before its credentials are checked, for every prefix the site answers on. The
 * test controls (fault injection, request recording: `@atlassian-mcp-gateway/sandbox/testing`) come in this way,
 * so the sandbox itself carries none of them.
 */
export type SiteHooks = (scope: FastifyInstance, site: { id: string; prefix: string }) => void;

export interface Sandbox {
  url: string;
  sites: readonly SiteDefinition[];
  /** The URL to configure an instance with for a site. */
  instanceUrl(siteId: string): string;
  /** The OAuth authorization server (Cloud and Server/DC shapes) for sites with an `oauth` client. */
  oauth: OAuthControl;
  close(): Promise<void>;
}

export interface SandboxOptions {
  sites: readonly SiteDefinition[];
  port?: number;
  siteHooks?: SiteHooks;
  /** Serve HTTPS with this key and certificate (PEM), to exercise TLS verification. */
  tls?: { key: string; cert: string; clientCa?: string };
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  // Routes do not care whether they are served over TLS; one instance type keeps registration simple.
  const app: FastifyInstance = options.tls
    ? (Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024, https: httpsOptions(options.tls) }) as unknown as FastifyInstance)
    : Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
  const formsSites = new Map<string, FormsSite>();
  const assetsSites = new Map<string, (header: string | undefined) => boolean>();
  let url = '';

  const oauth = createOAuthServer(app, options.sites, () => url);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  for (const definition of options.sites) {
    const site: SiteContext = { definition, options: { legacySearch: Boolean(definition.legacySearch) }, baseUrl: () => `${url}/sites/${definition.id}` };
    const accepts = (header: string | undefined, socket?: unknown) =>
      authorized(header, definition.credentials) || oauth.accepts(definition.id, header) || Boolean(options.tls?.clientCa && (socket as TLSSocket | undefined)?.authorized);
    const jiraData = definition.product === 'jira' ? seedJiraSite(definition.key, definition.id, definition.flavor, definition.issueCount) : undefined;
    const confluenceData = definition.product === 'confluence' ? seedConfluenceSite(definition.key, definition.id) : undefined;
    const serviceDeskData = jiraData && definition.serviceDesk !== false ? seedServiceDesk(definition.flavor) : undefined;
    const registerSite = async (scope: FastifyInstance, prefix: string) => {
      options.siteHooks?.(scope, { id: definition.id, prefix });
      scope.addHook('onRequest', async (request, reply) => {
        if (!accepts(request.headers.authorization, request.raw.socket)) {
          return reply.code(401).header('www-authenticate', 'Basic realm="sandbox"').send({ errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} });
        }
      });
      if (jiraData) {
        const helpers = registerJiraRoutes(scope, site, jiraData, definition.flavor);
        registerJiraWriteRoutes(scope, jiraData, helpers);
        registerJiraMetaRoutes(scope, site, jiraData, helpers);
        registerJiraPeopleRoutes(scope, jiraData, helpers);
        registerJiraRelationRoutes(scope, jiraData, helpers);
        registerJiraAgileRoutes(scope, site, jiraData, helpers);
        registerJiraAttachmentRoutes(scope, jiraData, helpers);
        registerJiraDevRoutes(scope, jiraData);
        registerJiraMoveRoutes(scope, jiraData, helpers);
        if (definition.flavor === 'cloud') registerTenantInfo(scope, definition.id);
      }
      if (serviceDeskData) await scope.register(serviceDeskPlugin, { state: serviceDeskData, baseUrl: site.baseUrl, siteId: definition.id });
      if (confluenceData) {
        registerConfluenceRoutes(scope, site, confluenceData, definition.flavor);
        registerConfluenceBrowseRoutes(scope, site, confluenceData, definition.flavor);
        registerConfluenceWriteRoutes(scope, confluenceData, definition.flavor);
        registerConfluenceOrganizeRoutes(scope, confluenceData, definition.flavor);
        registerConfluenceAttachmentRoutes(scope, confluenceData, definition.flavor);
        registerConfluenceAdminRoutes(scope, confluenceData, definition.flavor);
      }
    };
    // Cloud sites are also reachable the way OAuth apps call them: through the API gateway by cloud id.
    const prefixes = [`/sites/${definition.id}`, ...(definition.flavor === 'cloud' ? [`/ex/${definition.product}/${cloudIdOf(definition.id)}`] : [])];
    for (const prefix of prefixes) await app.register(async (scope: FastifyInstance) => registerSite(scope, prefix), { prefix });
    if (jiraData && definition.flavor === 'cloud') formsSites.set(cloudIdOf(definition.id), { data: jiraData, authorized: accepts });
    if (serviceDeskData && definition.flavor === 'cloud') assetsSites.set(workspaceIdOf(definition.id), accepts);
  }

  registerFormsApi(app, formsSites);
  registerCloudAssetsApi(app, assetsSites);
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    sites: options.sites,
    instanceUrl: (siteId) => {
      const site = options.sites.find((candidate) => candidate.id === siteId);
      if (!site) throw new Error(`no sandbox site ${siteId}`);
      return siteInstanceUrl(url, site);
    },
    oauth,
    close: () => app.close(),
  };
}

/** With a client CA, only clients presenting a certificate it signed complete the handshake (mTLS). */
function httpsOptions(tls: NonNullable<SandboxOptions['tls']>) {
  return tls.clientCa ? { key: tls.key, cert: tls.cert, ca: tls.clientCa, requestCert: true, rejectUnauthorized: true } : { key: tls.key, cert: tls.cert };
}

function authorized(header: string | undefined, credentials: SandboxCredentials): boolean {
  if (!header) return false;
  if (credentials.type === 'pat') return header === `Bearer ${credentials.token}`;
  return header === `Basic ${Buffer.from(`${credentials.username}:${credentials.token}`).toString('base64')}`;
}
