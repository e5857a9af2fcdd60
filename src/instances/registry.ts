/**
 * The configured instances at run time: one HTTP client and one product client each, plus a health
 * status learned from real calls, reported by `/readyz` and `gateway_list_instances`.
 */
import { ConfluenceClient } from '../atlassian/confluence/client.js';
import { SharedTokens } from '../atlassian/credentials/shared-tokens.js';
import { defaultTokenDirectory, fileTokenStore, type TokenStore } from '../atlassian/credentials/token-store.js';
import type { AtlassianFailure } from '../atlassian/errors.js';
import { createHttpClient, type AtlassianHttp, type HttpTarget, type HttpTuning } from '../atlassian/http.js';
import type { GateWaitListener } from '../atlassian/instance-gate.js';
import { JiraClient } from '../atlassian/jira/client.js';
import type { FormsHttpFactory } from '../atlassian/jira/forms.js';
import { ServiceDeskAssets, type AssetsHttpFactory } from '../atlassian/servicedesk/assets.js';
import { ServiceDeskClient } from '../atlassian/servicedesk/client.js';
import { UpstreamGates } from '../atlassian/upstream-gates.js';
import type { GatewayConfig, InstanceConfig } from '../config/schema.js';
import type { Logger } from '../logging.js';
import { reasonOf, type SharedState } from '../state/shared-state.js';
import {
  ATLASSIAN_API_URL,
  ATLASSIAN_AUTH_URL,
  ATLASSIAN_MEDIA_URL,
  assetsApiTarget,
  connect,
  formsApiTarget,
  instanceConnection,
  type AtlassianEndpoints,
  type TokenRefreshListener,
  upstreamLimits,
} from './connect.js';
import type { InstanceView } from './view.js';

/** Atlassian's own services (API gateway, OAuth, media), or the stand-ins tests and the demo point them at. */
export function atlassianEndpoints(
  options: Pick<RegistryOptions, 'atlassianApiUrl' | 'atlassianAuthUrl' | 'atlassianMediaUrl'>,
): AtlassianEndpoints {
  return {
    apiUrl: options.atlassianApiUrl ?? ATLASSIAN_API_URL,
    authUrl: options.atlassianAuthUrl ?? ATLASSIAN_AUTH_URL,
    mediaUrl: options.atlassianMediaUrl ?? ATLASSIAN_MEDIA_URL,
  };
}

/**
 * `unknown` until the first call; then what the last call to Atlassian showed. `redirected`: the instance answers
 * with redirects (a sign-in page or proxy in front of it, or a wrong URL), so nothing it is asked does anything.
 */
export type InstanceHealth = 'unknown' | 'ok' | 'bad_credentials' | 'unreachable' | 'degraded' | 'redirected';

export interface InstanceRuntime {
  config: InstanceConfig;
  view: InstanceView;
  http: AtlassianHttp;
  jira?: JiraClient;
  confluence?: ConfluenceClient;
  /** Jira instances with the servicedesk module on and not `servicedesk: false`. */
  serviceDesk?: ServiceDeskClient;
  health: InstanceHealth;
  /** Records what a call showed about the instance; cheap enough for the hot path. */
  record(outcome: 'ok' | AtlassianFailure): void;
}

export interface RegistryOptions {
  httpTuning?: HttpTuning;
  /** Where Atlassian's API gateway is; tests point it at the sandbox. */
  atlassianApiUrl?: string;
  /** Where Atlassian's authorization server is; tests point it at the sandbox. */
  atlassianAuthUrl?: string;
  /** Where Atlassian's media service is (Cloud downloads are redirected there); tests point it at a fake. */
  atlassianMediaUrl?: string;
  /** Where OAuth tokens are kept; defaults to files under `oauth_token_dir`. */
  tokenStore?: TokenStore;
  /** Hears each OAuth refresh of a configured instance and whether it worked (metrics). */
  onTokenRefresh?: TokenRefreshListener;
  /** Hears every wait at an upstream's gate (metrics and the status page count them). */
  onGateWait?: GateWaitListener;
  /** What replicas share: OAuth tokens (refreshed once among them), request rates, pauses and readings. */
  shared?: SharedState;
  /**
   * The upstreams' gates to use, kept by the caller across registries (a reload keeps what they learned); without
   * it the registry opens its own.
   */
  gates?: UpstreamGates;
}

export class InstanceRegistry {
  readonly instances: readonly InstanceRuntime[];

  private readonly clients: AtlassianHttp[] = [];

  readonly endpoints: AtlassianEndpoints;
  readonly tokenStore: TokenStore;
  /**
   * Every upstream's shared gate (concurrency, Retry-After pauses, circuit breaker), configured instances' and
   * tenants' alike; `upstream.states()` is the read-only view for a status page or metrics.
   */
  readonly upstream: UpstreamGates;

  constructor(config: GatewayConfig, logger: Logger, options: RegistryOptions = {}) {
    this.endpoints = atlassianEndpoints(options);
    this.upstream = options.gates ?? openGates(logger, options);
    this.tokenStore = options.tokenStore ?? fileTokenStore(config.oauth_token_dir ?? defaultTokenDirectory());
    const tokens = {
      store: this.tokenStore,
      shared: options.shared && new SharedTokens(options.shared),
    };
    // Instances that share a URL share its gate, with the settings of the first.
    const configured = new Set<string>();
    this.instances = config.instances.map((instance) => {
      const target = connect(
        instanceConnection(instance, config, tokens, this.endpoints, logger, options.onTokenRefresh),
        config,
        this.endpoints,
      );
      if (!configured.has(target.baseUrl)) {
        configured.add(target.baseUrl);
        this.upstream.configure(target.instance, target.baseUrl, target.limits ?? upstreamLimits(instance));
      }
      return openRuntime(instance, config, target, {
        logger,
        tuning: options.httpTuning,
        endpoints: this.endpoints,
        clients: this.clients,
        gates: this.upstream,
      });
    });
  }

  close(): void {
    for (const client of this.clients) client.close();
  }
}

/**
 * Gates for upstreams, with `shared` (replicas) listening for what the other replicas announce; the gateway opens
 * them once per process so that reloads keep them.
 */
export function openGates(logger: Logger, options: Pick<RegistryOptions, 'onGateWait' | 'shared'> = {}): UpstreamGates {
  const gates = new UpstreamGates(options.onGateWait, options.shared && { state: options.shared, log: logger });
  gates.listen().catch((error: unknown) => {
    logger.error({ cause: reasonOf(error) }, 'rate-limit pauses and readings of other replicas are not heard');
  });
  return gates;
}

/** The gateway-wide settings a runtime reads; `modules` defaults to every product. */
export type RuntimeSettings = Pick<GatewayConfig, 'read_only' | 'attachment_max_bytes'> &
  Partial<Pick<GatewayConfig, 'modules'>>;

/** What opening a runtime needs besides the instance: where its HTTP clients are kept, to be closed together. */
export interface RuntimeDependencies {
  logger: Logger;
  tuning: HttpTuning | undefined;
  endpoints: AtlassianEndpoints;
  /** Every client opened for the runtime (the instance's, and the Forms API's on first use) is added here. */
  clients: AtlassianHttp[];
  /** Where the upstreams' shared gates live, so every client of the same target shares one. */
  gates: UpstreamGates;
}

/** Opens the HTTP client of `target` and the product client over it: configured instances and tenants alike. */
export function openRuntime(
  instance: InstanceConfig,
  config: RuntimeSettings,
  target: HttpTarget,
  dependencies: RuntimeDependencies,
): InstanceRuntime {
  const open = (spec: HttpTarget) => {
    const client = createHttpClient(spec, dependencies.logger, dependencies.tuning, dependencies.gates);
    dependencies.clients.push(client);
    return client;
  };
  return createRuntime(
    instance,
    config,
    open(target),
    (cloudId) => open(formsApiTarget(target, dependencies.endpoints.apiUrl, cloudId)),
    (workspaceId) => open(assetsApiTarget(target, dependencies.endpoints.apiUrl, workspaceId)),
  );
}

export function createRuntime(
  instance: InstanceConfig,
  config: RuntimeSettings,
  http: AtlassianHttp,
  formsHttp: FormsHttpFactory,
  assetsHttp?: AssetsHttpFactory,
): InstanceRuntime {
  const runtime: InstanceRuntime = {
    config: instance,
    view: {
      name: instance.name,
      product: instance.product,
      platform: instance.platform,
      url: instance.url,
      isDefault: instance.isDefault,
      readOnly: config.read_only || instance.read_only,
      description: instance.description,
      attachmentMaxBytes: config.attachment_max_bytes,
    },
    http,
    jira:
      instance.product === 'jira'
        ? new JiraClient(http, instance.platform, instance.url, formsHttp, instance.projects_filter)
        : undefined,
    confluence:
      instance.product === 'confluence'
        ? new ConfluenceClient(http, instance.platform, instance.url, instance.spaces_filter)
        : undefined,
    serviceDesk: offersServiceDesk(instance, config)
      ? new ServiceDeskClient(http, instance.platform, instance.url, instance.projects_filter, {
          internalCommentsOnly: instance.servicedesk_internal_comments_only,
          assets: new ServiceDeskAssets(http, instance.platform, assetsHttp),
        })
      : undefined,
    health: 'unknown',
    record(outcome) {
      runtime.health = healthFor(outcome, runtime.health);
    },
  };
  return runtime;
}

function offersServiceDesk(instance: InstanceConfig, config: RuntimeSettings): boolean {
  return (
    instance.product === 'jira' &&
    instance.servicedesk !== false &&
    (config.modules ?? ['servicedesk']).includes('servicedesk')
  );
}

function healthFor(outcome: 'ok' | AtlassianFailure, previous: InstanceHealth): InstanceHealth {
  switch (outcome) {
    case 'ok':
      return 'ok';
    case 'unauthorized':
      return 'bad_credentials';
    case 'redirected':
      return 'redirected';
    case 'unreachable':
    case 'refused_target':
    case 'tls':
    case 'timeout':
      return 'unreachable';
    case 'server_error':
    case 'rate_limited':
    case 'invalid_response':
    case 'unexpected_shape':
      return 'degraded';
    default:
      // 400/403/404/409, an oversized answer or a foreign link say something about the request, not the instance.
      return previous === 'unknown' ? 'ok' : previous;
  }
}
