/** What every route of the authorization server works with, built once by sign-in.ts. */
import type { Logger } from '../../logging.js';
import type { TokenVault } from '../vault/token-vault.js';
import type { ClientRegistry } from './clients.js';
import type { Federation, FederatedInstance } from './federation.js';
import type { GrantStore } from './grants.js';
import type { SignInFlows } from './sign-in-flow.js';

export interface ServerContext {
  /** The issuer identifier (RFC 8414): the gateway's public URL. */
  issuer: string;
  /** The resource identifier tokens are issued for (RFC 8707): the gateway's public URL with a slash. */
  resource: string;
  /** Scopes a client may ask for; the first is granted when it asks for none. */
  scopes: readonly string[];
  dynamicRegistration: boolean;
  metadataDocuments: boolean;
  /** Requests per minute per address. */
  rateLimit: number;
  /** Mark cookies Secure: the issuer is https. */
  secureCookies: boolean;
  grants: GrantStore;
  clients: ClientRegistry;
  federation: Federation;
  flows: SignInFlows;
  vault: TokenVault;
  /** Per-user instances, in configuration order: the first one's account is the user's identity. */
  instances: readonly FederatedInstance[];
  log: Logger;
}

/** The gateway's one scope: use the gateway's tools as the signed-in user. */
export const GATEWAY_SCOPES = ['atlassian'] as const;

/** Route options of every authorization-server route: answered without a gateway token (the route audit lists them). */
export const PUBLIC_ROUTE = { config: { public: true } } as const;
