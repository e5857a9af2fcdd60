/** Builds a catalogue for a config without any network: instance URLs are never called while listing tools. */
import { validate } from '../../src/config/load.js';
import type { GatewayConfig } from '../../src/config/schema.js';
import { InstanceRegistry } from '../../src/instances/registry.js';
import { createLogger } from '../../src/logging.js';
import { buildCatalog, type Catalog } from '../../src/mcp/catalog.js';
import type { ToolSpec } from '../../src/tools/define.js';

export const silentLogger = createLogger({ level: 'silent' });

export function configOf(raw: Record<string, unknown>): GatewayConfig {
  return validate({ raw, labels: new Map(), kind: 'yaml', origin: 'test', warnings: [], problems: [] });
}

export function jiraInstance(name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    product: 'jira',
    url: `https://${name}.atlassian.net`,
    auth: { type: 'basic', username: 'u@example.com', token: 't' },
    ...extra,
  };
}

export function confluenceInstance(name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    product: 'confluence',
    url: `https://${name}.example.com`,
    platform: 'server',
    auth: { type: 'pat', token: 't' },
    ...extra,
  };
}

/** Two Jira (prod default on Server/DC, staging on Cloud) and one Confluence: the snapshot configuration. */
export const TWO_JIRA_ONE_CONFLUENCE = {
  instances: [
    jiraInstance('prod', {
      url: 'https://jira.example.com',
      platform: 'server',
      default: true,
      auth: { type: 'pat', token: 't' },
    }),
    jiraInstance('staging'),
    confluenceInstance('wiki', {
      url: 'https://acme.atlassian.net/wiki',
      platform: 'cloud',
      auth: { type: 'basic', username: 'u@example.com', token: 't' },
    }),
  ],
};

export function catalogOf(raw: Record<string, unknown>, specs?: readonly ToolSpec[]): Catalog {
  const config = configOf(raw);
  const registry = new InstanceRegistry(config, silentLogger);
  try {
    return buildCatalog(config, registry, silentLogger, { specs });
  } finally {
    registry.close();
  }
}
