/**
 * The gateway's side of each per-user instance's own sign-in: the address the browser is sent to, the code
 * exchange, the Cloud site the grant is for (the accessible resource matching the instance URL, or the user's
 * choice), and who signed in (Cloud: the account id from Atlassian's `/me`; Server/DC: the user key from the
 * instance's "myself").
 */
import type { Agents } from '../../atlassian/connection.js';
import {
  accessibleResources,
  authorizationRequest,
  exchangeAuthorizationCode,
  type AccessibleResource,
  type AuthorizationRequest,
} from '../../atlassian/credentials/authorization-code.js';
import type { TokenResponse } from '../../atlassian/credentials/token-endpoint.js';
import { CredentialsError } from '../../atlassian/errors.js';
import { isGotError, loadGot } from '../../atlassian/got.js';
import type { InstanceConfig, PerUserAuthConfig } from '../../config/schema.js';
import { authorizationServerFor, signInScopes } from '../../instances/authorization-server.js';
import type { AtlassianEndpoints } from '../../instances/connect.js';
import { USER_AGENT } from '../../version.js';

/** A per-user instance, with what signing in to it needs. */
export interface FederatedInstance {
  /** Token key (`jira-staging`): names the instance in the vault and in tokens. */
  key: string;
  config: InstanceConfig & { auth: PerUserAuthConfig };
  agents: Agents;
}

export class Federation {
  constructor(
    private readonly endpoints: AtlassianEndpoints,
    /** Where Atlassian sends the browser back to: the gateway's `/authorize/callback` (known once it listens). */
    private readonly callbackUri: () => string,
  ) {}

  start(instance: FederatedInstance): AuthorizationRequest {
    const { config } = instance;
    return authorizationRequest(authorizationServerFor(config, this.endpoints, instance.agents), {
      clientId: config.auth.client_id,
      clientSecret: config.auth.client_secret,
      redirectUri: this.callbackUri(),
      scopes: withIdentityScope(config, signInScopes(config, config.auth.scopes)),
    });
  }

  exchange(instance: FederatedInstance, code: string, verifier: string): Promise<TokenResponse> {
    const { config } = instance;
    return exchangeAuthorizationCode(
      authorizationServerFor(config, this.endpoints, instance.agents),
      {
        clientId: config.auth.client_id,
        clientSecret: config.auth.client_secret,
        redirectUri: this.callbackUri(),
        scopes: [],
      },
      code,
      verifier,
    );
  }

  /** Cloud: the sites the grant covers. */
  sites(instance: FederatedInstance, accessToken: string): Promise<AccessibleResource[]> {
    return accessibleResources(this.endpoints.apiUrl, accessToken, instance.agents);
  }

  /** The stable id of the user the token belongs to. */
  async identity(instance: FederatedInstance, accessToken: string): Promise<string> {
    const { config } = instance;
    const cloud = config.platform === 'cloud';
    const url = cloud
      ? `${this.endpoints.apiUrl}/me`
      : config.product === 'jira'
        ? `${config.url}/rest/api/2/myself`
        : `${config.url}/rest/api/user/current`;
    let body: Record<string, unknown>;
    try {
      const { default: got } = await loadGot();
      body = await got(url, {
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', 'user-agent': USER_AGENT },
        agent: instance.agents,
        timeout: { request: config.timeout * 1000 },
        followRedirect: false,
        retry: { limit: 0 },
      }).json<Record<string, unknown>>();
    } catch (error) {
      const status = isGotError(error) ? error.response?.statusCode : undefined;
      throw new CredentialsError(
        `asking instance "${config.name}" who signed in failed: ${status ? `HTTP ${status}` : ((error as { code?: string }).code ?? 'network error')}`,
      );
    }
    const id = cloud ? body.account_id : (body.key ?? body.userKey ?? body.name ?? body.username);
    if (typeof id !== 'string' || !id)
      throw new CredentialsError(`instance "${config.name}" did not say who signed in`);
    return id;
  }
}

/** The accessible resource whose URL is the instance's (Confluence Cloud instances end in `/wiki`). */
export function siteMatching(
  instance: InstanceConfig,
  sites: readonly AccessibleResource[],
): AccessibleResource | undefined {
  const wanted = normalize(instance.url.replace(/\/wiki$/, ''));
  return sites.find((site) => normalize(site.url) === wanted);
}

function normalize(url: string): string {
  return url.trim().replace(/\/+$/, '').toLowerCase();
}

/** Cloud: `read:me` lets the gateway ask Atlassian's `/me` who signed in (the app needs the User Identity API). */
function withIdentityScope(instance: InstanceConfig, scopes: readonly string[]): readonly string[] {
  return instance.platform === 'cloud' && !scopes.includes('read:me') ? [...scopes, 'read:me'] : scopes;
}
