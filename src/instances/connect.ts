/**
 * Turns a configured instance into what its HTTP client needs: the API base URL (the site, or Atlassian's API
 * gateway for OAuth on Cloud), credentials for its auth mode, and agents with its TLS and proxy settings.
 */
import { createAgents, instanceTls, proxyFor, type Agents } from '../atlassian/connection.js';
import { staticCredentials, type Credentials } from '../atlassian/credentials/credentials.js';
import { OAuthCredentials } from '../atlassian/credentials/oauth.js';
import type { TokenStore } from '../atlassian/credentials/token-store.js';
import type { HttpTarget } from '../atlassian/http.js';
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
export function mediaOrigins(platform: InstanceConfig['platform'], endpoints: AtlassianEndpoints): string[] | undefined {
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
export function tokenEndpointUrl(instance: Pick<InstanceConfig, 'platform' | 'url' | 'product'>, endpoints: AtlassianEndpoints): string {
  if (instance.platform === 'cloud') return `${endpoints.authUrl}/oauth/token`;
  return `${instance.url}/rest/oauth2/latest/token`;
}

export function instanceAgents(instance: InstanceConfig, config: GatewayConfig): Agents {
  return createAgents({ tls: instanceTls(instance, config.ca_bundle), proxy: proxyFor(instance.url, instance.proxy, config.proxy) });
}

export function instanceCredentials(instance: InstanceConfig, agents: Agents, store: TokenStore, endpoints: AtlassianEndpoints, logger: Logger): Credentials {
  const where = `instance "${instance.name}"`;
  if (instance.auth.type !== 'oauth') return staticCredentials(instance.auth, where);
  const auth: OAuthConfig = instance.auth;
  return new OAuthCredentials({
    key: tokenKey(instance),
    clientId: auth.client_id,
    clientSecret: auth.client_secret,
    initial: { access_token: auth.access_token, refresh_token: auth.refresh_token },
    endpoint: { url: tokenEndpointUrl(instance, endpoints), format: instance.platform === 'cloud' ? 'json' : 'form', agent: agents, timeoutMs: instance.timeout * 1000 },
    store,
    signInAgain: `Run \`atlassian-mcp-gateway oauth-setup --instance ${instance.name}\` to sign in again${instance.platform === 'server' ? ', or configure a new refresh token' : ''}.`,
    log: logger.child({ instance: instance.name, component: 'oauth' }),
  });
}

/** The Forms API lives on Atlassian's API gateway by cloud id; same credentials and agents as the instance's client. */
export function formsApiTarget(instance: HttpTarget, apiUrl: string, cloudId: string): HttpTarget {
  return { ...instance, baseUrl: `${apiUrl}/jira/forms/cloud/${encodeURIComponent(cloudId)}`, ownsAgents: false };
}

/** Everything the HTTP client of a configured instance needs. */
export function instanceTarget(instance: InstanceConfig, config: GatewayConfig, store: TokenStore, endpoints: AtlassianEndpoints, logger: Logger): HttpTarget {
  const agents = instanceAgents(instance, config);
  return {
    instance: instance.name,
    baseUrl: apiBaseUrl(instance, endpoints),
    timeoutMs: instance.timeout * 1000,
    maxResponseBytes: config.max_response_bytes,
    credentials: instanceCredentials(instance, agents, store, endpoints, logger),
    agents,
    ownsAgents: true,
    headers: instance.custom_headers,
    mediaOrigins: mediaOrigins(instance.platform, endpoints),
  };
}
