/**
 * The embedded sandbox: an in-memory Jira and Confluence (Cloud and Server/DC flavours) on loopback, used by
 * `--demo`, the tests and the benchmarks. Each site checks its own credentials; the tests' controls (faults,
 * recording) are added through `siteHooks` by the separate testing entry.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { seedConfluenceSite } from './fixtures/confluence-site.js';
import { seedJiraSite } from './fixtures/jira-site.js';
import { cloudIdOf } from './jira/cloud-id.js';
import { formsPlugin, type FormsSite } from './jira/forms-plugin.js';
import { oauthPlugin } from './oauth/oauth-plugin.js';
import { createOAuthState, type OAuthControl, type OAuthState } from './oauth/oauth-state.js';
import { registerCloudAssetsApi, seedServiceDesk, workspaceIdOf } from './servicedesk/index.js';
import { siteAccess } from './site/site-access.js';
import { sitePlugin, type SiteHooks } from './site/site-plugin.js';
import { siteInstanceUrl, type SiteContext, type SiteDefinition } from './site/site.js';

export type { SiteHooks } from './site/site-plugin.js';

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
  const app = createApp(options.tls);
  let url = '';
  const oauth = createOAuthState(options.sites);
  // Before any plugin: each scope takes the body parsers its parent has when it is created.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  await app.register(oauthPlugin, { state: oauth, sites: options.sites, baseUrl: () => url });
  const { formsSites, assetsSites } = await registerSites(app, options, oauth, () => url);
  await app.register(formsPlugin, { sites: formsSites });
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
    oauth: oauth.control,
    close: () => app.close(),
  };
}

/** Routes do not care whether they are served over TLS; one instance type keeps registration simple. */
function createApp(tls: SandboxOptions['tls']): FastifyInstance {
  return tls
    ? Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024, https: httpsOptions(tls) })
    : Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
}

/** With a client CA, only clients presenting a certificate it signed complete the handshake (mTLS). */
function httpsOptions(tls: NonNullable<SandboxOptions['tls']>) {
  return tls.clientCa
    ? { key: tls.key, cert: tls.cert, ca: tls.clientCa, requestCert: true, rejectUnauthorized: true }
    : { key: tls.key, cert: tls.cert };
}

/**
 * Seeds every site and registers it on each of its prefixes; returns the Cloud Jira sites by cloud id (for Forms)
 * and by Assets workspace id (for Cloud Assets).
 */
async function registerSites(
  app: FastifyInstance,
  options: SandboxOptions,
  oauth: OAuthState,
  sandboxUrl: () => string,
) {
  const formsSites = new Map<string, FormsSite>();
  const assetsSites = new Map<string, (header: string | undefined) => boolean>();
  for (const definition of options.sites) {
    const site: SiteContext = {
      definition,
      options: { legacySearch: Boolean(definition.legacySearch) },
      baseUrl: () => `${sandboxUrl()}/sites/${definition.id}`,
    };
    const access = siteAccess(definition, oauth.control, options.tls?.clientCa);
    const data = {
      jira:
        definition.product === 'jira'
          ? seedJiraSite(definition.key, definition.id, definition.flavor, definition.issueCount)
          : undefined,
      confluence: definition.product === 'confluence' ? seedConfluenceSite(definition.key, definition.id) : undefined,
      serviceDesk:
        definition.product === 'jira' && definition.serviceDesk !== false
          ? seedServiceDesk(definition.flavor)
          : undefined,
    };
    // Cloud sites are also reachable the way OAuth apps call them: through the API gateway by cloud id.
    const prefixes = [
      `/sites/${definition.id}`,
      ...(definition.flavor === 'cloud' ? [`/ex/${definition.product}/${cloudIdOf(definition.id)}`] : []),
    ];
    for (const prefix of prefixes)
      await app.register(sitePlugin, {
        prefix,
        site,
        data,
        access,
        userOf: (header) => oauth.control.userOf(header),
        siteHooks: options.siteHooks,
      });
    if (data.jira && definition.flavor === 'cloud')
      formsSites.set(cloudIdOf(definition.id), { data: data.jira, authorized: access });
    if (data.serviceDesk && definition.flavor === 'cloud')
      assetsSites.set(workspaceIdOf(definition.id), (header) => access(header));
  }
  return { formsSites, assetsSites };
}
