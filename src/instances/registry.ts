/**
 * The configured instances at run time: one HTTP client and one product client each, plus a health
 * status learned from real calls, reported by `/readyz` and `gateway_list_instances`.
 */
import { ConfluenceClient } from '../atlassian/confluence/client.js';
import type { AtlassianFailure } from '../atlassian/errors.js';
import { createHttpClient, type AtlassianHttp, type HttpTuning } from '../atlassian/http.js';
import { JiraClient } from '../atlassian/jira/client.js';
import type { FormsHttpFactory } from '../atlassian/jira/forms.js';
import type { GatewayConfig, InstanceConfig } from '../config/schema.js';
import type { Logger } from '../logging.js';
import type { InstanceView } from '../tools/define.js';

/** `unknown` until the first call; then what the last call to Atlassian showed. */
export type InstanceHealth = 'unknown' | 'ok' | 'unauthorized' | 'unreachable' | 'degraded';

export interface InstanceRuntime {
  config: InstanceConfig;
  view: InstanceView;
  http: AtlassianHttp;
  jira?: JiraClient;
  confluence?: ConfluenceClient;
  health: InstanceHealth;
  /** Records what a call showed about the instance; cheap enough for the hot path. */
  record(outcome: 'ok' | AtlassianFailure): void;
}

/** Atlassian's API gateway, which serves Cloud APIs (Forms) by cloud id rather than by site URL. */
export const ATLASSIAN_API_URL = 'https://api.atlassian.com';

export interface RegistryOptions {
  httpTuning?: HttpTuning;
  /** Where Atlassian's API gateway is; tests point it at the sandbox. */
  atlassianApiUrl?: string;
}

export class InstanceRegistry {
  readonly instances: readonly InstanceRuntime[];

  private readonly extraClients: AtlassianHttp[] = [];

  constructor(config: GatewayConfig, logger: Logger, options: RegistryOptions = {}) {
    const apiUrl = options.atlassianApiUrl ?? ATLASSIAN_API_URL;
    this.instances = config.instances.map((instance) =>
      createRuntime(instance, config, logger, options.httpTuning, (cloudId) => {
        const client = createHttpClient({ ...instance, url: `${apiUrl}/jira/forms/cloud/${encodeURIComponent(cloudId)}` }, logger, options.httpTuning);
        this.extraClients.push(client);
        return client;
      }),
    );
  }

  close(): void {
    for (const instance of this.instances) instance.http.close();
    for (const client of this.extraClients) client.close();
  }
}

function createRuntime(instance: InstanceConfig, config: GatewayConfig, logger: Logger, tuning: HttpTuning | undefined, formsHttp: FormsHttpFactory): InstanceRuntime {
  const http = createHttpClient(instance, logger, tuning);
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
      projectsFilter: instance.projects_filter,
      spacesFilter: instance.spaces_filter,
      attachmentMaxBytes: config.attachment_max_bytes,
    },
    http,
    jira: instance.product === 'jira' ? new JiraClient(http, instance.platform, instance.url, formsHttp) : undefined,
    confluence: instance.product === 'confluence' ? new ConfluenceClient(http, instance.platform, instance.url) : undefined,
    health: 'unknown',
    record(outcome) {
      runtime.health = healthFor(outcome, runtime.health);
    },
  };
  return runtime;
}

function healthFor(outcome: 'ok' | AtlassianFailure, previous: InstanceHealth): InstanceHealth {
  switch (outcome) {
    case 'ok':
      return 'ok';
    case 'unauthorized':
      return 'unauthorized';
    case 'unreachable':
    case 'tls':
    case 'timeout':
      return 'unreachable';
    case 'server_error':
    case 'rate_limited':
    case 'invalid_response':
      return 'degraded';
    default:
      // 400/403/404/409 say something about the request, not the instance.
      return previous === 'unknown' ? 'ok' : previous;
  }
}
