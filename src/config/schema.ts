/**
 * The one schema for gateway configuration. Environment variables and YAML files are both turned into
 * the same raw shape and validated here, so every rule and every default lives in a single place.
 */
import { z } from 'zod';
import { instanceSchema, MODULES, type Platform } from './instance-schema.js';
import {
  apiKeySchema,
  metricsSchema,
  multiTenantSchema,
  proxySchema,
  serverSchema,
  stateSchema,
} from './server-schema.js';
import { signInSchema } from './sign-in-schema.js';
import { flexibleBoolean, flexibleNumber, stringList } from './values.js';

export * from './auth-schema.js';
export * from './header-map.js';
export * from './instance-schema.js';
export * from './server-schema.js';
export * from './sign-in-schema.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** `jira,confluence,servicedesk` (env) or a YAML list; `service_desk` is accepted for `servicedesk`. */
const moduleList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',') : value),
  z.array(
    z.preprocess(
      (item) =>
        typeof item === 'string'
          ? item
              .trim()
              .toLowerCase()
              .replace(/^service_desk$/, 'servicedesk')
          : item,
      z.enum(MODULES, { error: `unknown module; expected ${MODULES.join(', ')}` }),
    ),
  ),
);

/** How tools for several instances are named; `argument` keeps the tool list the same size however many instances there are. */
export const TOOL_NAMING_MODES = ['prefix', 'argument'] as const;
export type ToolNaming = (typeof TOOL_NAMING_MODES)[number];

/** Names other Atlassian MCP servers use for serving HTTP; here one HTTP server carries every HTTP transport. */
const HTTP_TRANSPORT_ALIASES = [
  'http',
  'sse',
  'ws',
  'websocket',
  'streamable-http',
  'streamable_http',
  'streamablehttp',
];

export const TRANSPORT_CHOICES = 'stdio or http (sse, ws and streamable-http also mean http)';

/** `stdio`, or `http` under any of its aliases; undefined for anything else. */
export function transportNamed(value: string): 'http' | 'stdio' | undefined {
  const normalized = value.trim().toLowerCase();
  if (normalized === 'stdio') return 'stdio';
  return HTTP_TRANSPORT_ALIASES.includes(normalized) ? 'http' : undefined;
}

/** `stdio`, or `http` (also spelled `sse`, `ws`, `streamable-http`): /mcp, /sse and /ws are all served either way. */
const transportSetting = z.preprocess(
  (value) => (typeof value === 'string' ? (transportNamed(value) ?? value) : value),
  z.enum(['http', 'stdio'], { error: `expected ${TRANSPORT_CHOICES}` }),
);

export const gatewaySchema = z.strictObject({
  transport: transportSetting.optional().describe('stdio, or http (every HTTP transport: /mcp, /sse, /ws)'),
  read_only: flexibleBoolean.default(false),
  modules: moduleList
    .default([...MODULES])
    .describe(
      'Products the gateway offers tools for: jira, confluence, servicedesk (also service_desk); instances of others are skipped',
    ),
  toolsets: stringList.optional(),
  enabled_tools: stringList.optional(),
  tool_naming: z
    .enum(TOOL_NAMING_MODES, { error: 'expected prefix or argument' })
    .default('prefix')
    .describe(
      'prefix: one tool per instance (jira_staging_get_issue); argument: one tool per product with an `instance` argument',
    ),
  output_schemas: flexibleBoolean
    .default(false)
    .describe(
      "List each tool's output schema (about 2,400 more tokens for 1 Jira + 1 Confluence); structured results are returned only then",
    ),
  log_level: z.enum(LOG_LEVELS).default('info'),
  attachment_max_bytes: flexibleNumber
    .pipe(z.number().int().positive())
    .default(10 * 1024 * 1024)
    .describe('Largest attachment returned or uploaded, in bytes'),
  max_response_bytes: flexibleNumber
    .pipe(z.number().int().positive())
    .default(10 * 1024 * 1024)
    .describe('Largest answer read from Atlassian, in bytes; a bigger one is cut off while it arrives and reported'),
  max_answer_chars: flexibleNumber
    .pipe(z.number().int().min(1000))
    .default(100_000)
    .describe('Longest text a tool answers with, in characters; longer answers are cut with a note saying how to page'),
  resource_poll_interval: flexibleNumber
    .pipe(z.number().int().min(0).max(86_400))
    .default(0)
    .describe(
      'Seconds between checks of each subscribed issue or page (resources/subscribe); 0 turns subscriptions off. Each subscription costs one request per interval',
    ),
  server: serverSchema.prefault({}),
  metrics: metricsSchema.prefault({}),
  state: stateSchema.prefault({}),
  proxy: proxySchema.prefault({}),
  ca_bundle: z.string().min(1).optional().describe('PEM file of extra CAs trusted for every instance'),
  oauth_token_dir: z.string().min(1).optional().describe('Where OAuth tokens are kept (one 0600 file per instance)'),
  multi_tenant: multiTenantSchema.prefault({}),
  auth: signInSchema.prefault({}),
  api_keys: z
    .preprocess(
      (value) =>
        typeof value === 'string'
          ? value
              .split(',')
              .map((key) => key.trim())
              .filter(Boolean)
          : value,
      z.array(apiKeySchema),
    )
    .default([])
    .describe('Keys callers must present (X-Gateway-Key, or Authorization: Bearer outside multi-tenant mode)'),
  instances: z.array(instanceSchema).default([]),
});
export type RawGatewayConfig = z.input<typeof gatewaySchema>;
export type ParsedGatewayConfig = z.output<typeof gatewaySchema>;

/** An instance after validation and resolution: platform known, default decided, URLs normalized. */
export interface InstanceConfig extends Omit<z.output<typeof instanceSchema>, 'platform' | 'default'> {
  platform: Platform;
  isDefault: boolean;
}

/** The resolved configuration the rest of the gateway runs on. */
export interface GatewayConfig extends Omit<ParsedGatewayConfig, 'instances'> {
  instances: InstanceConfig[];
  /** Human-readable notes produced while loading (skipped instances, ignored variables). */
  warnings: string[];
  /** Said at debug level only (another tool's variables left alone). */
  notes: string[];
  /** Where each process-wide setting given anywhere came from (`server.port` → `env PORT`); unlisted ones are defaults. */
  origins: ReadonlyMap<string, string>;
}
