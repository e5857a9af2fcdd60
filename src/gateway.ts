/**
 * The transport-independent core: instances, the bound catalogue and the server factory, shared by the HTTP app
 * and stdio alike. The configuration-bound part is a generation (reload/generation.ts); `replace` swaps in a new
 * one atomically while connections stay open, so the factory, telemetry and open servers outlive every reload.
 */
import type { McpServerFactory } from '@modelcontextprotocol/server';
import { callerFingerprint, type Caller, type CallerCatalogs } from './access/caller-catalogs.js';
import { callerOf, type CallerResolver } from './access/caller.js';
import { stopConversionWorker } from './atlassian/format/written-text.js';
import type { HttpTuning } from './atlassian/http.js';
import type { SignIn } from './auth/sign-in.js';
import type { GatewayConfig } from './config/schema.js';
import { atlassianEndpoints, openGates, type InstanceRegistry } from './instances/registry.js';
import type { Logger } from './logging.js';
import { catalogAccess, type CatalogAccess } from './mcp/catalog-access.js';
import type { Catalog } from './mcp/catalog.js';
import { OpenServers, type ChangedLists } from './mcp/open-servers.js';
import { createServerFactory } from './mcp/server.js';
import { SharedDefaults } from './mcp/shared-defaults.js';
import {
  anythingToApply,
  describeChanges,
  pendingChanges,
  type ConfigChanges,
  withRunningSettings,
} from './reload/changes.js';
import { openGeneration, type Generation } from './reload/generation.js';
import type { SharedState } from './state/shared-state.js';
import { Telemetry } from './telemetry/telemetry.js';

export interface GatewayCore {
  /** The configuration serving now (restart-only settings as the process started with them). */
  readonly config: GatewayConfig;
  /** The configured catalogue, as callers without keys or tenant headers see it. */
  readonly catalog: Catalog;
  /** Catalogues per key and per tenant. */
  readonly catalogs: CallerCatalogs;
  /** Who is calling, from HTTP headers (keys, tenants, signed-in users). */
  readonly callers: CallerResolver;
  /** Sign-in from the MCP client, when `auth.mode` is `oauth` (built once per process: `auth` needs a restart). */
  readonly signIn?: SignIn;
  readonly registry: InstanceRegistry;
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
  /**
   * Swaps in `config` (already validated by the loader): new requests use it, calls in flight finish on the old one,
   * whose clients close after its last call; open connections are told which of their lists changed. Throws
   * `ConfigError` when the new catalogue cannot be built (and changes nothing). Reloads run one at a time.
   */
  replace(config: GatewayConfig): Promise<ConfigChanges>;
  /** How a connection that outlives a reload reaches `caller`'s catalogue (see catalog-access.ts). */
  catalogAccessFor(caller: Caller | undefined): CatalogAccess;
  /** Hears each reload that changed a list (the stateless HTTP handler tells its listening clients). */
  onListsChanged(listener: (lists: ChangedLists) => void): void;
  logger: Logger;
  /** Tool calls, upstream requests and refreshes as they happen: the status page's rates and, when on, the metrics. */
  telemetry: Telemetry;
  /** What replicas share (`REDIS_URL`); undefined keeps everything in this process. Closed by its opener. */
  shared?: SharedState;
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
  /** What replicas share (`REDIS_URL`): OAuth tokens, sessions, callers' defaults, rate-limit pauses. */
  shared?: SharedState;
  /** Tests only: Client ID Metadata Documents may be fetched from loopback. */
  allowPrivateClientMetadata?: boolean;
}

/** Service Management probes that take longer leave their instance without its tools, rather than hold every request. */
export const SERVICE_DESK_PROBE_LIMIT_MS = 10_000;

/**
 * Rejects with `ConfigError` when tool names clash or toolsets are unknown, like any other configuration problem.
 * Asynchronous because sign-in (the authorization server, the vault, JOSE) loads only when `auth.mode` is `oauth`:
 * a gateway without it, every stdio one among them, starts without that code.
 */
export async function createGatewayCore(config: GatewayConfig, options: CoreOptions): Promise<GatewayCore> {
  const telemetry = new Telemetry();
  const signIn = config.auth.mode === 'oauth' ? await openSignIn(config, options) : undefined;
  const generationOptions = {
    ...options,
    telemetry,
    signIn,
    // One set of gates for the process: a reload keeps each upstream's pause, breaker, adapted limit and queue.
    gates: openGates(options.logger, {
      shared: options.shared,
      onGateWait: ({ instance, cause, ms }) => telemetry.gateWait({ instance, cause, seconds: ms / 1000 }),
    }),
    serviceDeskProbeLimitMs: options.serviceDeskProbeLimitMs ?? SERVICE_DESK_PROBE_LIMIT_MS,
  };
  let current: Generation;
  try {
    current = openGeneration(config, generationOptions);
  } catch (error) {
    void signIn?.close();
    throw error;
  }
  const openServers = new OpenServers(options.logger);
  const listeners: Array<(lists: ChangedLists) => void> = [];
  let probing = false;
  let reloads: Promise<unknown> = Promise.resolve();

  const swapIn = async (requested: GatewayConfig): Promise<ConfigChanges> => {
    const effective = withRunningSettings(requested, current.config);
    // Nothing to apply (a touch, or only settings that need a restart): nothing is built, nothing is swapped.
    if (!anythingToApply(pendingChanges(current.config, effective)))
      return describeChanges(current, current, requested);
    const next = openGeneration(effective, generationOptions);
    // Its probe settles which instances have Service Management; the catalogue is final before it serves.
    void next.probe();
    await next.catalogSettled();
    const changes = describeChanges(current, next, requested);
    const previous = current;
    current = next;
    previous.retire();
    if (changes.lists.tools || changes.lists.prompts || changes.lists.resources) {
      openServers.notify(changes.lists);
      for (const listener of listeners) listener(changes.lists);
    }
    return changes;
  };

  return {
    probe: async () => {
      probing = true;
      try {
        await current.probe();
      } finally {
        probing = false;
      }
    },
    get probing() {
      return probing;
    },
    catalogSettled: () => current.catalogSettled(),
    get config() {
      return current.config;
    },
    get catalog() {
      return current.catalog;
    },
    get catalogs() {
      return current.catalogs;
    },
    get callers() {
      return current.callers;
    },
    signIn,
    get registry() {
      return current.registry;
    },
    factory: createServerFactory((context) => current.catalogs.catalogFor(callerOf(context ?? {})), {
      // Stateless HTTP: a caller's defaults follow their key or tenant credentials (a digest, never the secret).
      callerKey: (context) => callerFingerprint(callerOf(context)) || undefined,
      resourcePollSeconds: config.resource_poll_interval,
      log: options.logger,
      telemetry,
      holdCatalog: () => current.hold(),
      openServers,
      sharedDefaults: options.shared && new SharedDefaults(options.shared),
      signedInUser: (context) => callerOf(context)?.user?.id,
    }),
    catalogAccessFor: (caller) =>
      catalogAccess(
        () => current.catalogs.catalogFor(caller),
        () => current.hold(),
      ),
    replace: (requested) => {
      const run = reloads.then(() => swapIn(requested));
      reloads = run.catch(() => undefined);
      return run;
    },
    onListsChanged: (listener) => void listeners.push(listener),
    logger: options.logger,
    telemetry,
    shared: options.shared,
    close: () => {
      void signIn?.close();
      current.close();
      stopConversionWorker();
    },
  };
}

async function openSignIn(config: GatewayConfig, options: CoreOptions): Promise<SignIn> {
  const [{ SignIn }, { sharedBackend }] = await Promise.all([
    import('./auth/sign-in.js'),
    import('./auth/vault/shared-backend.js'),
  ]);
  return new SignIn(config, {
    endpoints: atlassianEndpoints(options),
    logger: options.logger,
    // Replicas share users' tokens, registered clients and grants through the shared state.
    backend: options.shared && sharedBackend(options.shared),
    allowPrivateMetadataHosts: options.allowPrivateClientMetadata,
  });
}
