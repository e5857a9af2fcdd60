/**
 * Which catalogue a caller sees. Without keys or tenants everyone shares the configured one. A key limited
 * to some instances or to reading gets the same catalogue built over fewer instances or read-only, so every
 * gating rule applies unchanged. A tenant gets a catalogue over its own runtimes (its URL, its credentials),
 * cached by everything that identifies it (target and credential digest, never the URL alone) and closed
 * after it has been idle for a while.
 */
import { createHash } from 'node:crypto';
import { proxyFor } from '../atlassian/connection.js';
import { forwardedCredentials } from '../atlassian/credentials/credentials.js';
import type { AtlassianHttp, HttpTuning } from '../atlassian/http.js';
import type { SignIn, SignedInUser } from '../auth/sign-in.js';
import { instanceSchema, type GatewayConfig, type InstanceConfig } from '../config/schema.js';
import { connect, instanceConnection, upstreamLimits, type Connection } from '../instances/connect.js';
import { openRuntime, type InstanceRegistry, type InstanceRuntime } from '../instances/registry.js';
import type { Logger } from '../logging.js';
import { buildCatalog, type Catalog } from '../mcp/catalog.js';
import { guardedLookup } from '../security/ssrf.js';
import type { KeyGrant } from './api-keys.js';
import type { TenantTarget, TenantTargets } from './tenant-headers.js';

/** Who is calling: the gateway key they presented, the Atlassian identity they brought, or the user who signed in. */
export interface Caller {
  grant?: KeyGrant;
  tenant?: TenantTargets;
  user?: SignedInUser;
}

/** Tenants idle this long have their connections closed; they are rebuilt on the next request. */
const TENANT_IDLE_MS = 10 * 60_000;
const MAX_TENANTS = 500;

interface TenantEntry {
  catalog: Catalog;
  clients: AtlassianHttp[];
  lastUsed: number;
}

export class CallerCatalogs {
  private readonly byGrant = new Map<string, Catalog>();
  private readonly tenants = new Map<string, TenantEntry>();

  constructor(
    private readonly config: GatewayConfig,
    private readonly registry: InstanceRegistry,
    private shared: Catalog,
    private readonly logger: Logger,
    private readonly tuning: HttpTuning | undefined,
    /** With sign-in: a signed-in user's calls to per-user instances carry their own tokens. */
    private readonly signIn?: SignIn,
  ) {}

  catalogFor(caller: Caller | undefined): Catalog {
    if (!caller?.tenant && !caller?.user) {
      if (!caller?.grant || (!caller.grant.instances && !caller.grant.readOnly)) return this.shared;
      let catalog = this.byGrant.get(caller.grant.id);
      if (!catalog) {
        catalog = this.build(caller.grant, this.registry.instances);
        this.byGrant.set(caller.grant.id, catalog);
      }
      return catalog;
    }
    const key = callerFingerprint(caller);
    const now = Date.now();
    let entry = this.tenants.get(key);
    if (entry) {
      // Re-insert so the map's order is least recently used first.
      this.tenants.delete(key);
    } else {
      this.evict(now);
      entry = caller.user ? this.buildUser(caller.user, caller.grant) : this.buildTenant(caller.tenant!, caller.grant);
    }
    entry.lastUsed = now;
    this.tenants.set(key, entry);
    return entry.catalog;
  }

  /** The configured catalogue, rebuilt once the startup probe learned which instances have Service Management. */
  replaceShared(catalog: Catalog): void {
    this.shared = catalog;
    this.byGrant.clear();
  }

  get tenantCount(): number {
    return this.tenants.size;
  }

  close(): void {
    for (const entry of this.tenants.values()) for (const client of entry.clients) client.close();
    this.tenants.clear();
  }

  private build(grant: KeyGrant | undefined, instances: readonly InstanceRuntime[]): Catalog {
    const allowed = grant?.instances
      ? instances.filter((instance) => grant.instances!.includes(instance.config.name))
      : instances;
    return buildCatalog(this.config, { instances: allowed }, this.logger, { subset: true, readOnly: grant?.readOnly });
  }

  private buildTenant(targets: TenantTargets, grant: KeyGrant | undefined): TenantEntry {
    const clients: AtlassianHttp[] = [];
    const dependencies = this.runtimeDependencies(clients);
    const runtimes = Object.values(targets).map((target) => {
      const base = this.registry.instances.find(
        (instance) => instance.config.product === target.product && instance.config.isDefault,
      )?.config;
      const instance = tenantInstance(target, base);
      const connection = tenantConnection(target, instance, base, this.config);
      return openRuntime(
        instance,
        this.config,
        connect(connection, this.config, this.registry.endpoints),
        dependencies,
      );
    });
    return { catalog: this.build(grant, runtimes), clients, lastUsed: Date.now() };
  }

  /** The configured runtimes, with per-user instances' reopened to carry this user's tokens. */
  private buildUser(user: SignedInUser, grant: KeyGrant | undefined): TenantEntry {
    const signIn = this.signIn!;
    const clients: AtlassianHttp[] = [];
    const dependencies = this.runtimeDependencies(clients);
    const runtimes = this.registry.instances.map((runtime) => {
      const instance = runtime.config;
      if (instance.auth.type !== 'per_user') return runtime;
      const { endpoints, tokenStore } = this.registry;
      const connection: Connection = {
        ...instanceConnection(instance, this.config, { store: tokenStore }, endpoints, this.logger),
        baseUrl: signIn.baseUrl(user, instance),
        credentials: (agents) => signIn.credentials(user, instance, agents),
      };
      return openRuntime(instance, this.config, connect(connection, this.config, endpoints), dependencies);
    });
    return { catalog: this.build(grant, runtimes), clients, lastUsed: Date.now() };
  }

  /** What a caller's own runtimes are opened with; their clients are collected in `clients` to be closed on eviction. */
  private runtimeDependencies(clients: AtlassianHttp[]) {
    return {
      logger: this.logger,
      tuning: this.tuning,
      endpoints: this.registry.endpoints,
      clients,
      gates: this.registry.upstream,
    };
  }

  private evict(now: number): void {
    for (const [key, entry] of this.tenants) {
      if (this.tenants.size < MAX_TENANTS && now - entry.lastUsed < TENANT_IDLE_MS) break;
      this.tenants.delete(key);
      for (const client of entry.clients) client.close();
    }
  }
}

/** The instance a tenant's tools are bound to: the default's settings (filters, toolsets), the tenant's site, no credentials. */
function tenantInstance(target: TenantTarget, base: InstanceConfig | undefined): InstanceConfig {
  return {
    ...(base ?? {
      ...instanceSchema.parse({
        name: 'default',
        product: target.product,
        url: target.siteUrl,
        auth: { type: 'none' },
      }),
      isDefault: true,
    }),
    url: target.siteUrl,
    platform: target.platform,
    isDefault: true,
    auth: { type: 'none' },
    custom_headers: undefined,
    client_cert: undefined,
    client_key: undefined,
    client_key_password: undefined,
  };
}

/**
 * How a tenant's calls go out. The caller's credential travels alone: never with the operator's custom headers or
 * client certificate. On the operator's own host, the instance's trust settings and proxy still say how to reach it.
 */
function tenantConnection(
  target: TenantTarget,
  instance: InstanceConfig,
  base: InstanceConfig | undefined,
  config: GatewayConfig,
): Connection {
  const ownHost = base !== undefined && sameOrigin(target.apiBase, base.url);
  const guard = target.untrustedHost && !config.multi_tenant.allow_private_networks;
  return {
    name: instance.name,
    platform: target.platform,
    baseUrl: target.apiBase,
    timeoutSeconds: instance.timeout,
    tls: ownHost
      ? { verify: base.ssl_verify, caBundle: base.ca_bundle ?? config.ca_bundle }
      : { verify: true, caBundle: config.ca_bundle },
    proxy: proxyFor(target.apiBase, ownHost ? base.proxy : undefined, config.proxy),
    ...(guard ? { lookup: guardedLookup() } : {}),
    credentials: () => forwardedCredentials(target.authorization),
    // The same gate as every other caller of this site: its limits are the instance's the tenant's tools follow.
    limits: upstreamLimits(instance),
  };
}

/** Whether two URLs share scheme, host and port: the tenant's target is the operator's own configured host. */
function sameOrigin(a: string, b: string): boolean {
  return new URL(a).origin === new URL(b).origin;
}

/** Identifies a caller for caching and for binding sessions: the key's identity plus every target and credential, hashed. */
export function callerFingerprint(caller: Caller | undefined): string {
  if (!caller || (!caller.grant && !caller.tenant && !caller.user)) return '';
  if (caller.user) {
    const sites = Object.entries(caller.user.sites).sort(([a], [b]) => a.localeCompare(b));
    return createHash('sha256')
      .update(JSON.stringify(['user', caller.grant?.id ?? '', caller.user.id, sites]))
      .digest('base64url');
  }
  const targets = Object.values(caller.tenant ?? {}).map(
    (target) => `${target.product}|${target.apiBase}|${target.authorization}`,
  );
  return createHash('sha256')
    .update(JSON.stringify([caller.grant?.id ?? '', ...targets.sort()]))
    .digest('base64url');
}
