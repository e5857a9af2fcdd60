/**
 * The embedded sandbox: an in-memory Jira and Confluence (Cloud and Server/DC flavours) on loopback, used by
 * `--demo`, the tests and the benchmarks. Each site checks its own credentials, records the requests it
 * receives, and can be told to fail (status, Retry-After, headers, delay) to exercise error paths.
 */
import type { TLSSocket } from 'node:tls';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
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
import { siteInstanceUrl, type SandboxCredentials, type SiteContext, type SiteDefinition } from './site.js';

export interface Fault {
  status: number;
  /** Only requests with this method fail (e.g. the PUT of an update, not the GET before it). */
  method?: string;
  /** Only requests whose path (relative to the site, e.g. `/wiki/api/v2/spaces/1`) matches fail. */
  path?: RegExp;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  /** How many requests fail before the site recovers; default every request until cleared. */
  times?: number;
  /** Hold the answer this long (to provoke timeouts). */
  delayMs?: number;
  /** After the delay, answer the request normally instead of with `status`: a slow upstream, not a failing one. */
  thenServe?: boolean;
  /** Extra response headers, e.g. a redirect's `Location`. */
  headers?: Record<string, string>;
  /** The answer, or a function making it from the request (pages that never end, answers in the wrong shape). */
  body?: unknown;
}

/** What a fault's `body` function sees of the request it answers. */
export interface FaultRequest {
  path: string;
  query: Record<string, string>;
}

export interface RecordedRequest {
  site: string;
  method: string;
  /** Path relative to the site, e.g. `/rest/api/3/issue/WEB-1`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
  userAgent: string | undefined;
  /** Every header as received (custom headers, tenant isolation checks). */
  headers: Record<string, string | string[] | undefined>;
}

export interface Sandbox {
  url: string;
  sites: readonly SiteDefinition[];
  /** The URL to configure an instance with for a site. */
  instanceUrl(siteId: string): string;
  fault(siteId: string, fault: Fault | undefined): void;
  /** The OAuth authorization server (Cloud and Server/DC shapes) for sites with an `oauth` client. */
  oauth: OAuthControl;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export interface SandboxOptions {
  sites: readonly SiteDefinition[];
  port?: number;
  /** Keep a log of requests (tests); off for benchmarks and the demo. */
  record?: boolean;
  /** Serve HTTPS with this key and certificate (PEM), to exercise TLS verification. */
  tls?: { key: string; cert: string; clientCa?: string };
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  // Routes do not care whether they are served over TLS; one instance type keeps registration simple.
  const app: FastifyInstance = options.tls
    ? (Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024, https: httpsOptions(options.tls) }) as unknown as FastifyInstance)
    : Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
  const faults = new Map<string, Fault & { remaining: number }>();
  const formsSites = new Map<string, FormsSite>();
  const requests: RecordedRequest[] = [];
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
    const registerSite = async (scope: FastifyInstance, prefix: string) => {
      if (options.record) scope.addHook('onResponse', async (request) => void requests.push(record(definition.id, prefix, request)));
      scope.addHook('onRequest', async (request, reply) => {
        const fault = faults.get(definition.id);
        const url = fault ? new URL(request.url, 'http://sandbox') : undefined;
        const path = url ? url.pathname.replace(prefix, '') : '';
        if (fault && url && fault.remaining > 0 && (!fault.method || fault.method === request.method) && (!fault.path || fault.path.test(path))) {
          fault.remaining--;
          if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
          if (fault.thenServe) return;
          if (fault.retryAfter !== undefined) reply.header('retry-after', String(fault.retryAfter));
          if (fault.headers) reply.headers(fault.headers);
          const body = typeof fault.body === 'function' ? (fault.body as (at: FaultRequest) => unknown)({ path, query: Object.fromEntries(url.searchParams) }) : fault.body;
          return reply.code(fault.status).type('application/json').send(JSON.stringify(body ?? { errorMessages: [`Sandbox fault: HTTP ${fault.status}`], errors: {} }));
        }
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
  }

  registerFormsApi(app, formsSites);
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
    fault: (siteId, fault) => {
      if (fault) faults.set(siteId, { ...fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
      else faults.delete(siteId);
    },
    requests,
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

function record(site: string, prefix: string, request: FastifyRequest): RecordedRequest {
  const parsed = new URL(request.url, 'http://sandbox');
  return {
    site,
    method: request.method,
    path: parsed.pathname.replace(prefix, ''),
    query: Object.fromEntries(parsed.searchParams),
    body: request.body,
    authorization: request.headers.authorization,
    userAgent: request.headers['user-agent'],
    headers: request.headers,
  };
}
