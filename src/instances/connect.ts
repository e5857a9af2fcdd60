/**
 * How the gateway reaches Atlassian: the API base URL (the site, or Atlassian's API gateway for OAuth on Cloud),
 * credentials, and agents with TLS and proxy settings, built by one function (`connect`) for configured instances
 * and for tenants alike.
 */
import type { LookupFunction } from 'node:net';
import { createAgents, instanceTls, proxyFor, type Agents, type TlsSettings } from '../atlassian/connection.js';
import { signInRequired, staticCredentials, type Credentials } from '../atlassian/credentials/credentials.js';
import { OAuthCredentials } from '../atlassian/credentials/oauth.js';
import type { SharedTokens } from '../atlassian/credentials/shared-tokens.js';
import type { TokenStore } from '../atlassian/credentials/token-store.js';
import type { HttpTarget } from '../atlassian/http.js';
import type { UpstreamLimits } from '../atlassian/instance-gate.js';
import type { GatewayConfig, InstanceConfig, OAuthConfig } from '../config/schema.js';
import type { Logger } from '../logging.js';

/** Atlassian's API gateway, which serves Cloud APIs by cloud id (OAuth, Forms). */
export const ATLASSIAN_API_URL = 'https://api.atlassian.com';
/** Atlassian's authorization server for 3LO apps. */
export const ATLASSIAN_AUTH_URL = 'https://auth.atlassian.com';
/** Atlassian's media service, where Cloud attachment downloads are redirected with a signed address. */
export const ATLASSIAN_MEDIA_URL = 'https://api.media.atlassian.com';

export interface AtlassianEndpoints {
  apiUrl: string;
  authUrl: string;
  /** Only downloads use it; absent where nothing is downloaded (oauth-setup). */
  mediaUrl?: string;
}

/** Where a Cloud instance's downloads may be redirected (and followed without credentials); none on Server/DC. */
export function mediaOrigins(
  platform: InstanceConfig['platform'],
  endpoints: AtlassianEndpoints,
): string[] | undefined {
  return platform === 'cloud' && endpoints.mediaUrl ? [new URL(endpoints.mediaUrl).origin] : undefined;
}

/** Where the token store keeps an instance's tokens. */
export function tokenKey(instance: Pick<InstanceConfig, 'product' | 'name'>): string {
  return `${instance.product}-${instance.name}`;
}

/** `https://api.atlassian.com/ex/jira/<cloud id>`, with Confluence's `/wiki` so relative paths stay the same. */
export function cloudApiBase(apiUrl: string, product: InstanceConfig['product'], cloudId: string): string {
  return `${apiUrl}/ex/${product}/${encodeURIComponent(cloudId)}${product === 'confluence' ? '/wiki' : ''}`;
}

export function apiBaseUrl(instance: InstanceConfig, endpoints: AtlassianEndpoints): string {
  const { auth } = instance;
  if (instance.platform === 'cloud' && (auth.type === 'oauth' || auth.type === 'bearer') && auth.cloud_id) {
    return cloudApiBase(endpoints.apiUrl, instance.product, auth.cloud_id);
  }
  return instance.url;
}

/** The OAuth token endpoint: Atlassian's for Cloud, the instance's own for Server/Data Center. */
export function tokenEndpointUrl(
  instance: Pick<InstanceConfig, 'platform' | 'url' | 'product'>,
  endpoints: AtlassianEndpoints,
): string {
  if (instance.platform === 'cloud') return `${endpoints.authUrl}/oauth/token`;
  return `${instance.url}/rest/oauth2/latest/token`;
}

export function instanceAgents(instance: InstanceConfig, config: GatewayConfig): Agents {
  return createAgents({
    tls: instanceTls(instance, config.ca_bundle),
    proxy: proxyFor(instance.url, instance.proxy, config.proxy),
  });
}

export function instanceCredentials(
  instance: InstanceConfig,
  agents: Agents,
  { store, shared }: TokenStorage,
  endpoints: AtlassianEndpoints,
  logger: Logger,
  onRefresh?: TokenRefreshListener,
): Credentials {
  const where = `instance "${instance.name}"`;
  if (instance.auth.type === 'per_user') return signInRequired(where);
  if (instance.auth.type !== 'oauth') return staticCredentials(instance.auth, where);
  const auth: OAuthConfig = instance.auth;
  return new OAuthCredentials({
    key: tokenKey(instance),
    clientId: auth.client_id,
    clientSecret: auth.client_secret,
    initial: { access_token: auth.access_token, refresh_token: auth.refresh_token },
    endpoint: {
      url: tokenEndpointUrl(instance, endpoints),
      format: instance.platform === 'cloud' ? 'json' : 'form',
      agent: agents,
      timeoutMs: instance.timeout * 1000,
    },
    store,
    shared,
    signInAgain: `Run \`atlassian-mcp-gateway oauth-setup --instance ${instance.name}\` to sign in again${instance.platform === 'server' ? ', or configure a new refresh token' : ''}.`,
    log: logger.child({ instance: instance.name, component: 'oauth' }),
    onRefresh: onRefresh && ((ok) => onRefresh(instance.name, ok)),
  });
}

/** Cloud Assets lives on Atlassian's API gateway by workspace id; same credentials and agents as the instance's client. */
export function assetsApiTarget(instance: HttpTarget, apiUrl: string, workspaceId: string): HttpTarget {
  return {
    ...instance,
    baseUrl: `${apiUrl}/jsm/assets/workspace/${encodeURIComponent(workspaceId)}/v1`,
    ownsAgents: false,
  };
}

/** The Forms API lives on Atlassian's API gateway by cloud id; same credentials and agents as the instance's client. */
export function formsApiTarget(instance: HttpTarget, apiUrl: string, cloudId: string): HttpTarget {
  return { ...instance, baseUrl: `${apiUrl}/jira/forms/cloud/${encodeURIComponent(cloudId)}`, ownsAgents: false };
}

/**
 * What differs between the ways the gateway calls Atlassian — as a configured instance, or on a tenant's behalf:
 * where, as whom, and over which TLS, proxy and DNS. `connect` turns either into an HTTP target the same way.
 */
export interface Connection {
  /** The instance name errors and logs carry. */
  name: string;
  platform: InstanceConfig['platform'];
  /** API base URL (the site, or Atlassian's API gateway by cloud id). */
  baseUrl: string;
  timeoutSeconds: number;
  tls: TlsSettings;
  proxy: string | undefined;
  /** Replaces DNS resolution (the SSRF guard) for targets a caller named. */
  lookup?: LookupFunction;
  /** Made once the agents exist: OAuth refreshes over the same network path. */
  credentials: (agents: Agents) => Credentials;
  /** The operator's custom headers; never set for a tenant. */
  headers?: Readonly<Record<string, string>>;
  /** Concurrency, rate and circuit-breaker settings, shared by every client of the same base URL. */
  limits: UpstreamLimits;
}

/** An instance's concurrency, rate and circuit-breaker settings. */
export function upstreamLimits(
  instance: Pick<
    InstanceConfig,
    'max_concurrency' | 'requests_per_second' | 'circuit_breaker_failures' | 'circuit_breaker_cooldown'
  >,
): UpstreamLimits {
  return {
    maxConcurrency: instance.max_concurrency,
    ...(instance.requests_per_second ? { requestsPerSecond: instance.requests_per_second } : {}),
    breakerFailures: instance.circuit_breaker_failures,
    breakerCooldownMs: instance.circuit_breaker_cooldown * 1000,
  };
}

/** The one function that builds an HTTP target: agents, credentials, limits and media origins. */
export function connect(
  connection: Connection,
  config: Pick<GatewayConfig, 'max_response_bytes'>,
  endpoints: AtlassianEndpoints,
): HttpTarget {
  const agents = createAgents({
    tls: connection.tls,
    proxy: connection.proxy,
    lookup: connection.lookup,
    // Enough sockets for every request the gate lets through at once.
    maxSockets: Math.max(64, connection.limits.maxConcurrency),
  });
  return {
    instance: connection.name,
    baseUrl: connection.baseUrl,
    timeoutMs: connection.timeoutSeconds * 1000,
    maxResponseBytes: config.max_response_bytes,
    credentials: connection.credentials(agents),
    agents,
    ownsAgents: true,
    ...(connection.headers ? { headers: connection.headers } : {}),
    mediaOrigins: mediaOrigins(connection.platform, endpoints),
    limits: connection.limits,
  };
}

/** Where configured instances' OAuth tokens are kept: files on this machine, and Redis when replicas share state. */
export interface TokenStorage {
  store: TokenStore;
  shared?: SharedTokens;
}

/** Hears each OAuth refresh of a configured instance (by name) and whether it worked. */
export type TokenRefreshListener = (instance: string, ok: boolean) => void;

/** A configured instance: its own credentials, TLS settings, proxy and custom headers. */
export function instanceConnection(
  instance: InstanceConfig,
  config: GatewayConfig,
  tokens: TokenStorage,
  endpoints: AtlassianEndpoints,
  logger: Logger,
  onRefresh?: TokenRefreshListener,
): Connection {
  return {
    name: instance.name,
    platform: instance.platform,
    baseUrl: apiBaseUrl(instance, endpoints),
    timeoutSeconds: instance.timeout,
    tls: instanceTls(instance, config.ca_bundle),
    proxy: proxyFor(instance.url, instance.proxy, config.proxy),
    credentials: (agents) => instanceCredentials(instance, agents, tokens, endpoints, logger, onRefresh),
    headers: instance.custom_headers,
    limits: upstreamLimits(instance),
  };
}
