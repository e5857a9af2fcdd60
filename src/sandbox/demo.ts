/** The demo wiring: a sandbox with prod + staging Jira and one Confluence, and the gateway config for it. */
import type { GatewayConfig } from '../config/schema.js';
import { validate } from '../config/load.js';
import type { Sandbox } from './server.js';
import type { SiteDefinition } from './site.js';

export const DEMO_SITES: readonly SiteDefinition[] = [
  { id: 'prod', product: 'jira', flavor: 'server', key: 'OPS', credentials: { type: 'pat', token: 'demo-prod-pat' } },
  { id: 'staging', product: 'jira', flavor: 'cloud', key: 'WEB', credentials: { type: 'basic', username: 'demo@example.com', token: 'demo-staging-token' } },
  { id: 'wiki', product: 'confluence', flavor: 'cloud', key: 'ENG', credentials: { type: 'basic', username: 'demo@example.com', token: 'demo-wiki-token' } },
];

/** Instance entries pointing at sandbox sites; `defaults` names the site that is each product's default. */
export function sandboxInstances(
  sandbox: Sandbox,
  sites: readonly SiteDefinition[],
  defaults: readonly string[],
  overrides: Readonly<Record<string, Record<string, unknown>>> = {},
): Record<string, unknown>[] {
  return sites.map((site) => ({
    name: site.id,
    product: site.product,
    url: sandbox.instanceUrl(site.id),
    platform: site.flavor,
    default: defaults.includes(site.id),
    auth: site.credentials.type === 'pat' ? { type: 'pat', token: site.credentials.token } : { type: 'basic', username: site.credentials.username, token: site.credentials.token },
    ...overrides[site.id],
  }));
}

/** Validates a config for sandbox sites through the same schema and rules as any user configuration. */
export function sandboxConfig(
  sandbox: Sandbox,
  sites: readonly SiteDefinition[],
  defaults: readonly string[],
  extra: Record<string, unknown> = {},
  overrides: Readonly<Record<string, Record<string, unknown>>> = {},
): GatewayConfig {
  return validate({
    raw: { ...extra, instances: sandboxInstances(sandbox, sites, defaults, overrides) },
    labels: new Map(),
    kind: 'yaml',
    origin: 'sandbox',
    warnings: [],
    problems: [],
  });
}
