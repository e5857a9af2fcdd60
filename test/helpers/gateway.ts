/** Starts the sandbox and a gateway wired to it on loopback ports chosen at random; stops both afterwards. */
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Test } from 'tap';
import type { Sandbox, SiteDefinition } from '@atlassian-mcp-gateway/sandbox';
import { startTestSandbox, type TestSandbox } from '@atlassian-mcp-gateway/sandbox/testing';
import { buildApp, type GatewayApp } from '../../src/app.js';
import type { HttpTuning } from '../../src/atlassian/http.js';
import { sandboxInstances } from '../../src/cli/demo.js';
import { validate } from '../../src/config/load.js';
import type { GatewayConfig } from '../../src/config/schema.js';
import { createGatewayCore, type GatewayCore } from '../../src/gateway.js';
import { createLogger, type Logger } from '../../src/logging.js';
import { configOf, silentLogger } from './catalog.js';

export const TEST_SITES: readonly SiteDefinition[] = [
  { id: 'prod', product: 'jira', flavor: 'server', key: 'OPS', credentials: { type: 'pat', token: 'prod-pat-7Qx1' } },
  {
    id: 'staging',
    product: 'jira',
    flavor: 'cloud',
    key: 'WEB',
    credentials: { type: 'basic', username: 'ci@example.com', token: 'staging-token-9Kd2' },
  },
  {
    id: 'wiki',
    product: 'confluence',
    flavor: 'cloud',
    key: 'ENG',
    credentials: { type: 'basic', username: 'ci@example.com', token: 'wiki-token-3Hf8' },
  },
  {
    id: 'dcwiki',
    product: 'confluence',
    flavor: 'server',
    key: 'DOC',
    credentials: { type: 'pat', token: 'dcwiki-pat-5Lm4' },
    legacySearch: true,
  },
];

export interface TestGateway {
  url: string;
  sandbox: TestSandbox;
  core: GatewayCore;
  gateway: GatewayApp;
  logs: string[];
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  sites?: readonly SiteDefinition[];
  defaults?: readonly string[];
  extra?: Record<string, unknown>;
  /** Per-site instance settings, e.g. `{ staging: { timeout: 0.2 } }`; a function sees the sandbox (to mint OAuth tokens). */
  overrides?:
    Record<string, Record<string, unknown>> | ((sandbox: TestSandbox) => Record<string, Record<string, unknown>>);
  stateful?: boolean;
  /** Sites configured as instances (default: all); the rest are only reachable through tenant headers. */
  configured?: readonly string[];
  logLevel?: string;
  httpTuning?: HttpTuning;
  /** How long the startup waits for the Service Management probe (default: the gateway's). */
  serviceDeskProbeLimitMs?: number;
  /** Sign-in tests: Client ID Metadata Documents served on loopback may be fetched. */
  allowPrivateClientMetadata?: boolean;
}

/** A logger writing into an array, so tests can search what was logged. */
export function captureLogger(level = 'info'): { logger: Logger; logs: string[] } {
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      logs.push(String(chunk));
      callback();
    },
  });
  return { logger: createLogger({ level, destination }), logs };
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

export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const sites = options.sites ?? TEST_SITES;
  const sandbox = await startTestSandbox({ sites, record: true });
  const overrides = typeof options.overrides === 'function' ? options.overrides(sandbox) : options.overrides;
  const configured = options.configured ? sites.filter((site) => options.configured!.includes(site.id)) : sites;
  // Output schemas on, so the MCP client checks every structured result against its tool's schema.
  const config = sandboxConfig(
    sandbox,
    configured,
    options.defaults ?? ['prod', 'wiki'],
    { output_schemas: true, ...options.extra },
    overrides,
  );
  config.server = { ...config.server, port: 0, stateful: options.stateful ?? false };
  const { logger, logs } = captureLogger(options.logLevel ?? 'warn');
  const core = await createGatewayCore(config, {
    logger,
    httpTuning: options.httpTuning ?? { backoffBaseMs: 10, maxRetryAfterMs: 2_000 },
    atlassianApiUrl: sandbox.url,
    atlassianAuthUrl: sandbox.url,
    serviceDeskProbeLimitMs: options.serviceDeskProbeLimitMs,
    allowPrivateClientMetadata: options.allowPrivateClientMetadata,
  });
  const gateway = await buildApp(core);
  await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = gateway.app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sandbox,
    core,
    gateway,
    logs,
    close: async () => {
      await gateway.app.close();
      core.close();
      await sandbox.close();
    },
  };
}

/** How `serveConfig` runs the gateway beyond the configuration itself. */
export interface ServeOptions {
  /** Stateful streamable HTTP (sessions), as `server.stateful` in a deployment. */
  stateful?: boolean;
  /** Retry pacing, so tests of retries need not wait real backoff times. */
  httpTuning?: HttpTuning;
}

/** Serves a raw configuration (no sandbox: listing tools calls no instance) on loopback until the test ends. */
export async function serveConfig(t: Test, raw: Record<string, unknown>, options: ServeOptions = {}): Promise<string> {
  const config = configOf(raw);
  if (options.stateful !== undefined) config.server = { ...config.server, stateful: options.stateful };
  const core = await createGatewayCore(config, { logger: silentLogger, httpTuning: options.httpTuning });
  const { app } = await buildApp(core);
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.teardown(async () => {
    await app.close();
    core.close();
  });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}
