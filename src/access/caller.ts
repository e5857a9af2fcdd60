/**
 * Resolves who is calling from an HTTP request's headers, once, before any MCP handling: the gateway key
 * (required when keys are configured) and, in multi-tenant mode, the caller's own Atlassian targets. The
 * result travels to the server factory as the SDK's pass-through `authInfo`, on every transport alike.
 */
import type { AuthInfo, McpRequestContext, McpServerFactory } from '@modelcontextprotocol/server';
import type { ProtectedEndpoint, SignIn } from '../auth/sign-in.js';
import type { GatewayConfig, InstanceConfig, Product } from '../config/schema.js';
import { ApiKeyVerifier, type KeyGrant } from './api-keys.js';
import type { Caller } from './caller-catalogs.js';
import {
  hasTenantCredentials,
  headerValue,
  readTenantTargets,
  TenantError,
  type TenantSettings,
} from './tenant-headers.js';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** The caller, or why the request is refused (with the name of the key it presented, when that key was valid). */
export type CallerResolution =
  { caller: Caller | undefined } | { status: 400 | 401 | 403; message: string; keyName?: string; challenge?: string };

export class CallerResolver {
  private readonly keys: ApiKeyVerifier;
  private readonly tenants: TenantSettings | undefined;
  private readonly fallback: boolean;

  constructor(
    config: GatewayConfig,
    apiUrl: string,
    /** With `auth.mode: oauth`: verifies the gateway's own access tokens. */
    private readonly signIn?: SignIn,
  ) {
    this.keys = new ApiKeyVerifier(config.api_keys);
    const { multi_tenant: tenancy } = config;
    this.fallback = tenancy.static_credentials_fallback;
    const defaults: Partial<Record<Product, InstanceConfig>> = {};
    for (const instance of config.instances) if (instance.isDefault) defaults[instance.product] = instance;
    this.tenants = tenancy.enabled
      ? {
          defaults,
          apiUrl,
          policy: {
            // Without an allow-list: Atlassian Cloud sites and the hosts the operator configured.
            allowedHosts: tenancy.allowed_urls?.length
              ? tenancy.allowed_urls
              : ['*.atlassian.net', ...config.instances.map((instance) => new URL(instance.url).hostname)],
            allowHttp: tenancy.allow_http,
            allowPrivateNetworks: tenancy.allow_private_networks,
          },
        }
      : undefined;
  }

  /** Whether anything about the caller matters; when not, requests skip resolution entirely. */
  get active(): boolean {
    return this.keys.required || this.tenants !== undefined || this.signIn !== undefined;
  }

  /** Whether some configured key may reload the configuration. */
  get adminEnabled(): boolean {
    return this.keys.hasAdmin;
  }

  /**
   * Who may use the admin routes: a key with `admin: true`, in X-Gateway-Key or Authorization: Bearer (tenants'
   * own credentials play no part there). Only meaningful when `adminEnabled`.
   */
  admin(headers: Headers): { grant: KeyGrant } | { status: 401 | 403; message: string; keyName?: string } {
    const presented = headerValue(headers, 'x-gateway-key') ?? bearer(headerValue(headers, 'authorization'));
    const grant = this.keys.verify(presented);
    if (!grant)
      return {
        status: 401,
        message: `Unauthorized: ${presented === undefined ? 'an admin API key is required' : 'the API key is not valid'}; send it in X-Gateway-Key or Authorization: Bearer`,
      };
    if (!grant.admin)
      return { status: 403, message: `Forbidden: key "${grant.name}" is not an admin key`, keyName: grant.name };
    return { grant };
  }

  /** `endpoint` names the MCP endpoint asked, for the sign-in challenge of a 401. */
  async resolve(headers: Headers, endpoint: ProtectedEndpoint = 'mcp'): Promise<CallerResolution> {
    const caller: Caller = {};
    if (this.keys.required) {
      const presented =
        headerValue(headers, 'x-gateway-key') ??
        (this.tenants || this.signIn ? undefined : bearer(headerValue(headers, 'authorization')));
      const grant = this.keys.verify(presented);
      if (!grant) {
        const where = this.tenants || this.signIn ? 'X-Gateway-Key' : 'X-Gateway-Key or Authorization: Bearer';
        return {
          status: 401,
          message: `Unauthorized: ${presented === undefined ? 'this gateway requires an API key' : 'the API key is not valid'}; send it in ${where}`,
        };
      }
      caller.grant = grant;
    }
    if (this.signIn) {
      const check = await this.signIn.check(headerValue(headers, 'authorization'));
      if ('refused' in check)
        return {
          status: 401,
          message: check.refused,
          keyName: caller.grant?.name,
          challenge: this.signIn.challenge(endpoint, check.error),
        };
      caller.user = check.user;
    }
    if (this.tenants) {
      if (hasTenantCredentials(headers)) {
        try {
          caller.tenant = await readTenantTargets(headers, this.tenants);
        } catch (error) {
          if (error instanceof TenantError)
            return {
              status: error.status,
              message: `${error.status === 403 ? 'Forbidden' : 'Bad request'}: ${error.message}`,
              keyName: caller.grant?.name,
            };
          throw error;
        }
      } else if (!this.fallback) {
        return {
          status: 401,
          message:
            'Unauthorized: this gateway serves each caller with their own Atlassian credentials; send Authorization: Bearer <OAuth token or PAT> or Token <PAT>',
          keyName: caller.grant?.name,
        };
      }
    }
    return { caller };
  }
}

/** Key of the caller in `authInfo.extra`; the SDK passes the record through untouched. */
const CALLER = 'gatewayCaller';

/** The SDK's pass-through auth record, carrying the resolved caller to the server factory. */
export function authInfoFor(caller: Caller | undefined): AuthInfo | undefined {
  if (!caller) return undefined;
  return {
    token: '',
    clientId: caller.user?.clientId ?? caller.grant?.name ?? 'tenant',
    scopes: caller.user?.scopes ?? [],
    extra: { [CALLER]: caller },
  };
}

export function callerOf(context: Pick<McpRequestContext, 'authInfo'>): Caller | undefined {
  return context.authInfo?.extra?.[CALLER] as Caller | undefined;
}

/** For connection transports (SSE, WebSocket, stateful HTTP) whose factory calls do not carry the request. */
export function factoryForCaller(factory: McpServerFactory, caller: Caller | undefined): McpServerFactory {
  if (!caller) return factory;
  const authInfo = authInfoFor(caller);
  return (context) => factory({ ...context, authInfo });
}

function bearer(value: string | undefined): string | undefined {
  const match = value && /^Bearer\s+(\S+)$/i.exec(value);
  return match ? match[1] : undefined;
}
