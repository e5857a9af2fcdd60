/**
 * What a reload changes: instances added, removed or changed, settings changed (by path, never by value: some are
 * secrets), the tool count, which lists clients must be told about, and the settings that only a restart applies.
 * Restart-only settings are carried over from the running configuration, so what is reported as serving is what
 * really serves.
 */
import type { GatewayConfig, InstanceConfig } from '../config/schema.js';
import type { Catalog } from '../mcp/catalog.js';
import type { ChangedLists } from '../mcp/open-servers.js';
import { offerOf } from '../mcp/prompts.js';
import { templatesFor } from '../mcp/resources.js';

/**
 * Settings read once when the gateway starts (the listener, its transports and limits, the metrics server, the
 * logger, the resource subscription interval): a reload reports a change to them and keeps the running value.
 */
export const RESTART_ONLY_SETTINGS = [
  'transport',
  'server',
  'metrics',
  'log_level',
  'resource_poll_interval',
  'state',
  'auth',
] as const;

/** Bookkeeping of the loader, not settings. */
const NOT_SETTINGS = new Set(['instances', 'warnings', 'notes', 'origins']);

/** Settings whose change can change every caller's catalogue, whatever the shared one shows. */
const CALLER_SETTINGS = ['api_keys', 'multi_tenant'];

export interface ConfigChanges {
  instances: { added: string[]; removed: string[]; changed: string[] };
  /** Setting paths whose new value is applied (`read_only`, `proxy.https`, `api_keys`). */
  settings: string[];
  /** Setting paths that changed but keep their running value until a restart (`server.port`). */
  restartNeeded: string[];
  tools: { before: number; after: number };
  lists: ChangedLists;
}

/** The new configuration with the running values of the restart-only settings. */
export function withRunningSettings(next: GatewayConfig, running: GatewayConfig): GatewayConfig {
  const kept: Partial<GatewayConfig> = {};
  for (const key of RESTART_ONLY_SETTINGS) Object.assign(kept, { [key]: running[key] });
  return { ...next, ...kept };
}

/** Setting paths that differ between two configurations, instances left out. */
export function changedSettings(before: GatewayConfig, after: GatewayConfig): string[] {
  const paths: string[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)].filter((key) => !NOT_SETTINGS.has(key)));
  for (const key of [...keys].sort())
    diff(key, (before as object)[key as never], (after as object)[key as never], paths);
  return paths;
}

function diff(path: string, before: unknown, after: unknown, paths: string[]): void {
  if (isRecord(before) && isRecord(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort())
      diff(`${path}.${key}`, before[key], after[key], paths);
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) paths.push(path);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `jira:staging`: names are unique per product, so the product is part of what identifies an instance. */
function instanceId(instance: InstanceConfig): string {
  return `${instance.product}:${instance.name}`;
}

export function instanceChanges(before: GatewayConfig, after: GatewayConfig): ConfigChanges['instances'] {
  const old = new Map(before.instances.map((instance) => [instanceId(instance), JSON.stringify(instance)]));
  const now = new Map(after.instances.map((instance) => [instanceId(instance), JSON.stringify(instance)]));
  return {
    added: [...now.keys()].filter((id) => !old.has(id)),
    removed: [...old.keys()].filter((id) => !now.has(id)),
    changed: [...now.keys()].filter((id) => old.has(id) && old.get(id) !== now.get(id)),
  };
}

/** What a reload to `next` (restart-only settings already carried over) would apply, before anything is built. */
export function pendingChanges(
  running: GatewayConfig,
  next: GatewayConfig,
): Pick<ConfigChanges, 'instances' | 'settings'> {
  return { instances: instanceChanges(running, next), settings: changedSettings(running, next) };
}

/** Whether anything that a reload would apply differs. */
export function anythingToApply(changes: Pick<ConfigChanges, 'instances' | 'settings'>): boolean {
  const { added, removed, changed } = changes.instances;
  return changes.settings.length > 0 || added.length + removed.length + changed.length > 0;
}

/** The full account of a reload, once the new catalogue is known. */
export function describeChanges(
  before: { config: GatewayConfig; catalog: Catalog },
  after: { config: GatewayConfig; catalog: Catalog },
  requested: GatewayConfig,
): ConfigChanges {
  const all = changedSettings(before.config, requested);
  const restartOnly = (path: string) =>
    RESTART_ONLY_SETTINGS.some((setting) => path === setting || path.startsWith(`${setting}.`));
  const settings = all.filter((path) => !restartOnly(path));
  const callers = settings.some((path) => CALLER_SETTINGS.some((setting) => path.startsWith(setting)));
  const differs = (pick: (catalog: Catalog) => unknown) =>
    callers || JSON.stringify(pick(before.catalog)) !== JSON.stringify(pick(after.catalog));
  return {
    instances: instanceChanges(before.config, after.config),
    settings,
    restartNeeded: all.filter(restartOnly),
    tools: { before: before.catalog.list.length, after: after.catalog.list.length },
    lists: {
      tools: differs((catalog) => catalog.list),
      prompts: differs((catalog) => offerOf(catalog).listing),
      resources: differs((catalog) => templatesFor(catalog)),
    },
  };
}
