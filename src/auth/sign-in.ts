/**
 * Sign-in from the MCP client, assembled: the vault (memory or file, sealed with the configured key), the
 * authorization server's parts, the resource server's token check, and what a signed-in user's calls to a per-user
 * instance go out with. Built once per gateway when `auth.mode` is `oauth`; app.ts mounts its routes, the caller
 * resolution verifies tokens with it, and the per-user catalogues take their credentials from it.
 */
import type { FastifyInstance } from 'fastify';
import type { Agents } from '../atlassian/connection.js';
import type { Credentials } from '../atlassian/credentials/credentials.js';
import type { GatewayConfig, InstanceConfig, PerUserAuthConfig } from '../config/schema.js';
import {
  cloudApiBase,
  instanceAgents,
  tokenEndpointUrl,
  tokenKey,
  type AtlassianEndpoints,
} from '../instances/connect.js';
import type { Logger } from '../logging.js';
import { signInKeys } from './secret-key.js';
import { ClientRegistry } from './server/clients.js';
import { GATEWAY_SCOPES, type ServerContext } from './server/context.js';
import { Federation, type FederatedInstance } from './server/federation.js';
import { GrantStore } from './server/grants.js';
import { type PROTECTED_PATHS } from './server/metadata-routes.js';
import { registerAuthorizationServer } from './server/plugin.js';
import { SignInFlows } from './server/sign-in-flow.js';
import { userCredentials } from './user-credentials.js';
import type { VaultBackend } from './vault/backend.js';
import { memoryBackend } from './vault/backend.js';
import { fileBackend } from './vault/file-backend.js';
import { SealedStore } from './vault/sealed-store.js';
import { TokenVault } from './vault/token-vault.js';

/** A caller who signed in through the gateway. */
export interface SignedInUser {
  /** Stable: the Atlassian account id (Cloud) or user key (Server/DC) from the first per-user instance. */
  id: string;
  clientId: string;
  scopes: string[];
  /** Cloud site per per-user instance (token key → cloud id). */
  sites: Record<string, string>;
}

export type TokenCheck = { user: SignedInUser } | { refused: string; error?: 'invalid_token' };

/** One of the MCP endpoints, for the `resource_metadata` of its 401 challenge. */
export type ProtectedEndpoint = (typeof PROTECTED_PATHS)[number];

export interface SignInOptions {
  endpoints: AtlassianEndpoints;
  logger: Logger;
  /** Replaces the memory or file backend (a shared store for several replicas). */
  backend?: VaultBackend;
  /** Tests only: fetch Client ID Metadata Documents from loopback. */
  allowPrivateMetadataHosts?: boolean;
}

export class SignIn {
  private publicUrl: string | undefined;
  readonly vault: TokenVault;
  private readonly grants: GrantStore;
  private readonly clients: ClientRegistry;
  private readonly instances: FederatedInstance[];
  private readonly context: ServerContext;
  private readonly backend: VaultBackend;
  private readonly log: Logger;

  constructor(
    private readonly config: GatewayConfig,
    private readonly options: SignInOptions,
  ) {
    const { auth } = config;
    this.publicUrl = auth.public_url;
    this.log = options.logger.child({ component: 'sign-in' });
    const keys = signInKeys(auth);
    if (keys.ephemeral)
      this.log.warn('no auth.key is set: sign-ins and stored Atlassian tokens last until the gateway restarts');
    this.backend = options.backend ?? (auth.vault === 'file' ? fileBackend(auth.vault_dir!) : memoryBackend());
    const sealed = new SealedStore(this.backend, keys.encryption);
    this.instances = config.instances
      .filter((instance): instance is InstanceConfig & { auth: PerUserAuthConfig } => instance.auth.type === 'per_user')
      .map((instance) => ({ key: tokenKey(instance), config: instance, agents: instanceAgents(instance, config) }));
    this.vault = new TokenVault(
      sealed,
      this.instances.map((instance) => instance.key),
    );
    const address = () => this.address();
    this.grants = new GrantStore(sealed, {
      get issuer() {
        return address();
      },
      signingKey: keys.signing,
      accessTtlS: auth.access_token_ttl,
      refreshTtlS: auth.refresh_token_ttl,
    });
    this.clients = new ClientRegistry(sealed, {
      dynamicRegistration: auth.dynamic_registration,
      metadataDocuments: auth.client_metadata_documents,
      caBundle: config.ca_bundle,
      allowPrivateMetadataHosts: options.allowPrivateMetadataHosts,
    });
    const resource = () => this.resource;
    this.context = {
      get issuer() {
        return address();
      },
      get resource() {
        return resource();
      },
      get secureCookies() {
        return address().startsWith('https:');
      },
      scopes: GATEWAY_SCOPES,
      dynamicRegistration: auth.dynamic_registration,
      metadataDocuments: auth.client_metadata_documents,
      rateLimit: auth.rate_limit,
      grants: this.grants,
      clients: this.clients,
      federation: new Federation(options.endpoints, () => `${address()}/authorize/callback`),
      flows: new SignInFlows(),
      vault: this.vault,
      instances: this.instances,
      log: this.log,
    };
  }

  /** The resource identifier (RFC 8707) tokens are issued for: the public URL with a trailing slash. */
  get resource(): string {
    return `${this.address()}/`;
  }

  /** Learns the listening address, when no `auth.public_url` is configured. */
  listening(url: string): void {
    this.publicUrl ??= url.replace(/\/+$/, '');
  }

  register(app: FastifyInstance): Promise<void> {
    return registerAuthorizationServer(app, this.context);
  }

  /** Checks a request's `Authorization: Bearer` gateway token: signature, issuer, audience, expiry, not revoked. */
  async check(authorization: string | undefined): Promise<TokenCheck> {
    const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization.trim()) : null;
    if (!match)
      return { refused: 'Unauthorized: sign in first (this gateway uses OAuth; your MCP client signs you in)' };
    try {
      const access = await this.grants.verifyAccess(match[1]!, this.resource);
      return {
        user: { id: access.user, clientId: access.clientId, scopes: access.scope.split(' '), sites: access.sites },
      };
    } catch {
      return {
        refused: 'Unauthorized: the access token is invalid, expired, revoked or for another resource: sign in again',
        error: 'invalid_token',
      };
    }
  }

  /** The `WWW-Authenticate` challenge of a 401 on one of the MCP endpoints (RFC 6750, RFC 9728). */
  challenge(endpoint: ProtectedEndpoint, error?: 'invalid_token'): string {
    const metadata = `${this.address()}/.well-known/oauth-protected-resource/${endpoint}`;
    return `Bearer resource_metadata="${metadata}", scope="${GATEWAY_SCOPES.join(' ')}"${error ? `, error="${error}"` : ''}`;
  }

  /** Where a signed-in user's calls to a per-user instance go: the site, or the API gateway by the chosen cloud id. */
  baseUrl(user: SignedInUser, instance: InstanceConfig): string {
    const cloudId = user.sites[tokenKey(instance)];
    return instance.platform === 'cloud' && cloudId
      ? cloudApiBase(this.options.endpoints.apiUrl, instance.product, cloudId)
      : instance.url;
  }

  credentials(user: SignedInUser, instance: InstanceConfig, agents: Agents): Credentials {
    if (instance.auth.type !== 'per_user') throw new Error(`instance ${instance.name} is not per-user`);
    return userCredentials({
      vault: this.vault,
      user: user.id,
      instanceKey: tokenKey(instance),
      instanceName: instance.name,
      auth: instance.auth,
      endpoint: {
        url: tokenEndpointUrl(instance, this.options.endpoints),
        format: instance.platform === 'cloud' ? 'json' : 'form',
        agent: agents,
        timeoutMs: instance.timeout * 1000,
      },
      log: this.log,
    });
  }

  async close(): Promise<void> {
    this.clients.close();
    for (const instance of this.instances) {
      instance.agents.http.destroy();
      instance.agents.https.destroy();
    }
    await this.backend.close?.();
  }

  private address(): string {
    const { host, port } = this.config.server;
    return this.publicUrl ?? `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${port}`;
  }
}
