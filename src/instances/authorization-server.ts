/**
 * Where an instance's users approve access and which scopes they are asked for: Cloud 3LO at Atlassian's
 * authorization server (`audience=api.atlassian.com`, `prompt=consent`), Server/Data Center at the instance's own
 * `/rest/oauth2/latest/authorize` and `/token`. Shared by `oauth-setup` and the gateway's sign-in.
 */
import type { Agents } from '../atlassian/connection.js';
import type { AuthorizationServer } from '../atlassian/credentials/authorization-code.js';
import type { InstanceConfig } from '../config/schema.js';
import { tokenEndpointUrl, type AtlassianEndpoints } from './connect.js';

/**
 * Classic scopes for the product's tools; `offline_access` brings the refresh token. Jira Service Management
 * tools also need `read:servicedesk-request` (configure it: asking for a scope the app lacks fails the sign-in).
 */
export const DEFAULT_CLOUD_SCOPES: Readonly<Record<InstanceConfig['product'], readonly string[]>> = {
  jira: ['read:jira-work', 'write:jira-work', 'read:jira-user', 'offline_access'],
  confluence: [
    'read:confluence-content.all',
    'write:confluence-content',
    'read:confluence-space.summary',
    'search:confluence',
    'read:confluence-user',
    'offline_access',
  ],
};

/** Server/Data Center scopes are coarse; WRITE includes READ. */
export const DEFAULT_SERVER_SCOPES: readonly string[] = ['WRITE'];

/** The configured scopes, else the defaults; on Cloud always with `offline_access`, for the refresh token. */
export function signInScopes(
  instance: Pick<InstanceConfig, 'platform' | 'product'>,
  configured: readonly string[] | undefined,
): readonly string[] {
  const chosen = configured?.length ? configured : undefined;
  if (instance.platform !== 'cloud') return chosen ?? DEFAULT_SERVER_SCOPES;
  const scopes = chosen ?? DEFAULT_CLOUD_SCOPES[instance.product];
  return scopes.includes('offline_access') ? scopes : [...scopes, 'offline_access'];
}

export function authorizationServerFor(
  instance: InstanceConfig,
  endpoints: AtlassianEndpoints,
  agents: Agents,
): AuthorizationServer {
  const cloud = instance.platform === 'cloud';
  return {
    authorizeUrl: cloud ? `${endpoints.authUrl}/authorize` : `${instance.url}/rest/oauth2/latest/authorize`,
    token: {
      url: tokenEndpointUrl(instance, endpoints),
      format: cloud ? 'json' : 'form',
      agent: agents,
      timeoutMs: instance.timeout * 1000,
    },
    extraParams: cloud ? { audience: 'api.atlassian.com', prompt: 'consent' } : {},
  };
}
