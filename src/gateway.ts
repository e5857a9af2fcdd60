/**
 * The transport-independent core: instances, the bound catalogue and the server factory, built once per
 * configuration and shared by the HTTP app and stdio alike.
 */
import type { McpServerFactory } from '@modelcontextprotocol/server';
import { CallerCatalogs, callerFingerprint } from './access/caller-catalogs.js';
import { CallerResolver, callerOf } from './access/caller.js';
import { stopConversionWorker } from './atlassian/format/written-text.js';
import type { HttpTuning } from './atlassian/http.js';
import { SignIn } from './auth/sign-in.js';
import type { GatewayConfig } from './config/schema.js';
import { askServiceDesk, probeInstances, probeServiceDesks } from './instances/probe.js';
import { InstanceRegistry } from './instances/registry.js';
import type { Logger } from './logging.js';
import { buildCatalog, type Catalog } from './mcp/catalog.js';
import { createServerFactory } from './mcp/server.js';
import { Telemetry } from './telemetry/telemetry.js';

export interface GatewayCore {
  config: GatewayConfig;
  /** The configured catalogue, as callers without keys or tenant headers see it. */
  catalog: Catalog;
  /** Catalogues per key and per tenant. */
  catalogs: CallerCatalogs;
  /** Who is calling, from HTTP headers (keys, tenants, signed-in users). */
  callers: CallerResolver;
  /** Sign-in from the MCP client, when `auth.mode` is `oauth`. */
  signIn?: SignIn;
  registry: InstanceRegistry;
  factory: McpServerFactory;
  /** Checks every configured instance once (credentials, reachability); `/readyz` waits for it. */
  probe(): Promise<void>;
  /** True while the startup probe runs. */
  readonly probing: boolean;
  /**
   * Resolves once the catalogue is final: at once, unless the startup probe is still asking instances whether they
   * have Service Management (their tools are bound when it says so). MCP requests wait for it.
   */
  catalogSettled(): Promise<void>;
  logger: Logger;
  /** Tool calls, upstream requests and refreshes as they happen: the status page's rates and, when on, the metrics. */
  telemetry: Telemetry;
  close(): void;
}

export interface CoreOptions {
  logger: Logger;
  /** Retry and backoff knobs for the Atlassian clients (tests shorten them). */
  httpTuning?: HttpTuning;
  /** Atlassian's API gateway for Cloud APIs addressed by cloud id; tests point it at the sandbox. */
  atlassianApiUrl?: string;
  /** Atlassian's OAuth authorization server; tests point it at the sandbox. */
  atlassianAuthUrl?: string;
  /** Atlassian's media service (Cloud downloads are redirected there); tests point it at a fake. */
  atlassianMediaUrl?: string;
  /** How long the startup waits for instances to say whether they have Service Management. */
  serviceDeskProbeLimitMs?: number;
  /** Tests only: Client ID Metadata Documents may be fetched from loopback. */
  allowPrivateClientMetadata?: boolean;
}

/** Service Management probes that take longer leave their instance without its tools, rather than hold every request. */
export const SERVICE_DESK_PROBE_LIMIT_MS = 10_000;

/** Throws `ConfigError` when tool names clash or toolsets are unknown, like any other configuration problem. */
export function createGatewayCore(config: GatewayConfig, options: CoreOptions): GatewayCore {
  const { httpTuning, atlassianApiUrl, atlassianAuthUrl, atlassianMediaUrl } = options;
  const telemetry = new Telemetry();
  const registry = new InstanceRegistry(config, options.logger, {
    httpTuning,
    atlassianApiUrl,
    atlassianAuthUrl,
    atlassianMediaUrl,
    onTokenRefresh: (instance, ok) => telemetry.tokenRefresh(instance, ok),
  });
  let signIn: SignIn | undefined;
  try {
    signIn =
      config.auth.mode === 'oauth'
        ? new SignIn(config, {
            endpoints: registry.endpoints,
            logger: options.logger,
            allowPrivateMetadataHosts: options.allowPrivateClientMetadata,
          })
        : undefined;
    let catalog = buildCatalog(config, registry, options.logger);
    const catalogs = new CallerCatalogs(config, registry, catalog, options.logger, options.httpTuning, signIn);
    const unsaid = askServiceDesk(registry.instances);
    let probing = false;
    let settling: Promise<void> | undefined;
    // The catalogue changes once, before it is served: with the Service Management tools of the instances that have it.
    const settle = async () => {
      await probeServiceDesks(unsaid, options.serviceDeskProbeLimitMs ?? SERVICE_DESK_PROBE_LIMIT_MS, options.logger);
      try {
        catalog = buildCatalog(config, registry, options.logger);
        catalogs.replaceShared(catalog);
      } catch (error) {
        options.logger.error(
          { cause: error instanceof Error ? error.message : String(error) },
          'the catalogue could not take the Service Management tools in',
        );
      }
    };
    return {
      probe: async () => {
        probing = true;
        if (unsaid.length > 0) settling ??= settle();
        try {
          await Promise.all([probeInstances(registry.instances, options.logger), settling]);
        } finally {
          probing = false;
        }
      },
      get probing() {
        return probing;
      },
      catalogSettled: () => settling ?? Promise.resolve(),
      config,
      get catalog() {
        return catalog;
      },
      catalogs,
      callers: new CallerResolver(config, registry.endpoints.apiUrl, signIn),
      signIn,
      registry,
      factory: createServerFactory((context) => catalogs.catalogFor(callerOf(context ?? {})), {
        // Stateless HTTP: a caller's defaults follow their key or tenant credentials (a digest, never the secret).
        callerKey: (context) => callerFingerprint(callerOf(context)) || undefined,
        resourcePollSeconds: config.resource_poll_interval,
        log: options.logger,
        telemetry,
        signedInUser: (context) => callerOf(context)?.user?.id,
      }),
      logger: options.logger,
      telemetry,
      close: () => {
        void signIn?.close();
        catalogs.close();
        registry.close();
        stopConversionWorker();
      },
    };
  } catch (error) {
    void signIn?.close();
    registry.close();
    throw error;
  }
}
