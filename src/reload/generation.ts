/**
 * One configuration's worth of the gateway: its instances and their clients, the bound catalogue, the per-caller
 * catalogues and the caller resolver. A reload builds a new generation next to the serving one and swaps it in; the
 * old one closes its clients once the last call it started has been answered.
 */
import { CallerCatalogs } from '../access/caller-catalogs.js';
import { CallerResolver } from '../access/caller.js';
import type { HttpTuning } from '../atlassian/http.js';
import type { UpstreamGates } from '../atlassian/upstream-gates.js';
import type { SignIn } from '../auth/sign-in.js';
import type { GatewayConfig } from '../config/schema.js';
import { askServiceDesk, probeInstances, probeServiceDesks } from '../instances/probe.js';
import { InstanceRegistry } from '../instances/registry.js';
import type { Logger } from '../logging.js';
import { buildCatalog, type Catalog } from '../mcp/catalog.js';
import type { SharedState } from '../state/shared-state.js';
import type { Telemetry } from '../telemetry/telemetry.js';

export interface GenerationOptions {
  logger: Logger;
  telemetry: Telemetry;
  httpTuning?: HttpTuning;
  atlassianApiUrl?: string;
  atlassianAuthUrl?: string;
  atlassianMediaUrl?: string;
  /** How long the probe waits for instances to say whether they have Service Management. */
  serviceDeskProbeLimitMs: number;
  /** What replicas share: OAuth tokens and rate-limit pauses (every generation uses the same). */
  shared?: SharedState;
  /** The upstreams' gates, one set per process: every generation shares them, so a reload keeps what they learned. */
  gates: UpstreamGates;
  /** Sign-in from the MCP client (one per process; every generation resolves signed-in users through it). */
  signIn?: SignIn;
}

export interface Generation {
  readonly config: GatewayConfig;
  /** The configured catalogue, as callers without keys or tenant headers see it. */
  readonly catalog: Catalog;
  readonly catalogs: CallerCatalogs;
  readonly callers: CallerResolver;
  readonly registry: InstanceRegistry;
  /** Checks every instance once (credentials, reachability) and settles the Service Management tools. */
  probe(): Promise<void>;
  /** Resolves once the catalogue is final (see `GatewayCore.catalogSettled`). */
  catalogSettled(): Promise<void>;
  /** Counts a call in flight on this generation until the returned function is called. */
  hold(): () => void;
  /** Closes the clients once no call holds the generation any more (at once when none does). */
  retire(): void;
  /** Closes the clients now. */
  close(): void;
}

/** Throws `ConfigError` when tool names clash or toolsets are unknown, like any other configuration problem. */
export function openGeneration(config: GatewayConfig, options: GenerationOptions): Generation {
  const { logger, telemetry, httpTuning } = options;
  const registry = new InstanceRegistry(config, logger, {
    httpTuning,
    atlassianApiUrl: options.atlassianApiUrl,
    atlassianAuthUrl: options.atlassianAuthUrl,
    atlassianMediaUrl: options.atlassianMediaUrl,
    onTokenRefresh: (instance, ok) => telemetry.tokenRefresh(instance, ok),
    shared: options.shared,
    gates: options.gates,
  });
  let catalog: Catalog;
  let catalogs: CallerCatalogs;
  try {
    catalog = buildCatalog(config, registry, logger);
    catalogs = new CallerCatalogs(config, registry, catalog, logger, httpTuning, options.signIn);
  } catch (error) {
    registry.close();
    throw error;
  }
  const unsaid = askServiceDesk(registry.instances);
  let settling: Promise<void> | undefined;
  // The catalogue changes once, before it is served: with the Service Management tools of the instances that have it.
  const settle = async () => {
    await probeServiceDesks(unsaid, options.serviceDeskProbeLimitMs, logger);
    try {
      catalog = buildCatalog(config, registry, logger);
      catalogs.replaceShared(catalog);
    } catch (error) {
      logger.error(
        { cause: error instanceof Error ? error.message : String(error) },
        'the catalogue could not take the Service Management tools in',
      );
    }
  };
  let inFlight = 0;
  let retired = false;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    catalogs.close();
    registry.close();
  };
  return {
    config,
    get catalog() {
      return catalog;
    },
    catalogs,
    callers: new CallerResolver(config, registry.endpoints.apiUrl, options.signIn),
    registry,
    probe: async () => {
      if (unsaid.length > 0) settling ??= settle();
      await Promise.all([probeInstances(registry.instances, logger), settling]);
    },
    catalogSettled: () => settling ?? Promise.resolve(),
    hold: () => {
      inFlight++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inFlight--;
        if (retired && inFlight === 0) close();
      };
    },
    retire: () => {
      retired = true;
      if (inFlight === 0) close();
    },
    close,
  };
}
