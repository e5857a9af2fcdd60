/**
 * What `oauth-setup` signs in: the configured OAuth instance the user named (or the only one), where its
 * authorization server lives, and which scopes to ask for.
 */
import type { Agents } from '../../atlassian/connection.js';
import type { AuthorizationClient, AuthorizationServer } from '../../atlassian/credentials/authorization-code.js';
import type { GatewayConfig, InstanceConfig, OAuthConfig } from '../../config/schema.js';
import { authorizationServerFor, signInScopes } from '../../instances/authorization-server.js';
import { instanceAgents, tokenKey, type AtlassianEndpoints } from '../../instances/connect.js';
import { OAUTH_SETUP_USAGE, UsageError } from '../args.js';

export interface SignInPlan {
  instance: InstanceConfig & { auth: OAuthConfig };
  server: AuthorizationServer;
  client: AuthorizationClient;
  /** The token store entry the gateway reads at startup. */
  storeKey: string;
  agents: Agents;
}

/** `NAME`, or `PRODUCT:NAME` when a Jira and a Confluence instance share the name. */
export function selectInstance(
  config: GatewayConfig,
  requested: string | undefined,
): InstanceConfig & { auth: OAuthConfig } {
  const oauth = config.instances.filter(
    (instance): instance is InstanceConfig & { auth: OAuthConfig } => instance.auth.type === 'oauth',
  );
  const label = (instance: InstanceConfig) => `${instance.product}:${instance.name}`;
  if (requested === undefined) {
    if (oauth.length === 1) return oauth[0]!;
    if (oauth.length === 0)
      throw new UsageError(
        'no instance is configured for OAuth (auth type oauth, or *_OAUTH_CLIENT_ID + *_OAUTH_CLIENT_SECRET); see docs/authentication.md',
        OAUTH_SETUP_USAGE,
      );
    throw new UsageError(
      `several instances use OAuth; choose one with --instance (${oauth.map(label).join(', ')})`,
      OAUTH_SETUP_USAGE,
    );
  }
  const [product, name] = requested.includes(':') ? requested.split(':', 2) : [undefined, requested];
  const matches = config.instances.filter(
    (instance) => instance.name === name && (product === undefined || instance.product === product),
  );
  if (matches.length === 0)
    throw new UsageError(
      `no instance named "${requested}" (configured: ${config.instances.map(label).join(', ') || 'none'})`,
      OAUTH_SETUP_USAGE,
    );
  if (matches.length > 1)
    throw new UsageError(
      `"${requested}" names both a Jira and a Confluence instance; pass --instance ${matches.map(label).join(' or --instance ')}`,
      OAUTH_SETUP_USAGE,
    );
  const [instance] = matches;
  if (instance!.auth.type !== 'oauth')
    throw new UsageError(
      `instance "${instance!.name}" uses ${instance!.auth.type} authentication; oauth-setup signs in OAuth instances only`,
      OAUTH_SETUP_USAGE,
    );
  return instance as InstanceConfig & { auth: OAuthConfig };
}

export function planSignIn(
  config: GatewayConfig,
  requested: string | undefined,
  endpoints: AtlassianEndpoints,
): SignInPlan {
  const instance = selectInstance(config, requested);
  const { auth } = instance;
  if (!auth.redirect_uri) {
    throw new UsageError(
      `instance "${instance.name}" has no redirect URI: set the callback registered for the OAuth app as its OAUTH_REDIRECT_URI variable or auth.redirect_uri (for example http://localhost:8765/callback)`,
      OAUTH_SETUP_USAGE,
    );
  }
  const scopes = signInScopes(instance, auth.scopes);
  const agents = instanceAgents(instance, config);
  return {
    instance,
    storeKey: tokenKey(instance),
    agents,
    client: { clientId: auth.client_id, clientSecret: auth.client_secret, redirectUri: auth.redirect_uri, scopes },
    server: authorizationServerFor(instance, endpoints, agents),
  };
}
