/**
 * The one schema for gateway configuration. Environment variables and YAML files are both turned into
 * the same raw shape and validated here, so every rule and every default lives in a single place.
 */
import { z } from 'zod';

/** Products an instance can serve; `servicedesk` tools ride on Jira instances. */
export const PRODUCTS = ['jira', 'confluence'] as const;
export type Product = (typeof PRODUCTS)[number];

export const PLATFORMS = ['cloud', 'server'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Names that would collide with tool-name prefixes. */
export const RESERVED_NAMES = ['jira', 'confluence', 'servicedesk', 'gateway'] as const;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Accepts real booleans (YAML) and the usual strings (env): true/false, 1/0, yes/no, on/off. */
const flexibleBoolean = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const normalized = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(normalized)) return true;
  if (['false', '0', 'no', 'off'].includes(normalized)) return false;
  return value;
}, z.boolean({ error: 'expected true or false' }));

/** Accepts a YAML list or a comma-separated env string; blanks are dropped. */
const stringList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',') : value),
  z.array(z.string()).transform((items) => items.map((item) => item.trim()).filter((item) => item.length > 0)),
);

/** Accepts a number or a numeric string. */
const flexibleNumber = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
  z.number({ error: 'expected a number' }),
);

const httpUrl = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    error: 'expected an http(s) URL',
  })
  .transform((value) => value.replace(/\/+$/, ''));

export const instanceName = z
  .string()
  .regex(/^[a-z0-9_]+$/, { error: 'use only lowercase letters, digits and _' })
  .max(20, { error: 'at most 20 characters' })
  .refine((name) => !(RESERVED_NAMES as readonly string[]).includes(name), {
    error: `reserved name (${RESERVED_NAMES.join(', ')})`,
  });

const basicAuth = z.strictObject({
  type: z.literal('basic'),
  username: z.string().min(1, { error: 'required' }),
  token: z.string().min(1, { error: 'required' }),
});

const patAuth = z.strictObject({
  type: z.literal('pat'),
  token: z.string().min(1, { error: 'required' }),
});

export const authSchema = z.discriminatedUnion('type', [basicAuth, patAuth], {
  error: 'expected auth.type basic (username + token) or pat (token)',
});
export type AuthConfig = z.infer<typeof authSchema>;

export const instanceSchema = z.strictObject({
  name: instanceName.describe('Instance name: tools are named <product>_<name>_<tool> unless it is the default'),
  product: z.enum(PRODUCTS, { error: `expected one of ${PRODUCTS.join(', ')}` }),
  url: httpUrl.describe('Base URL, e.g. https://acme.atlassian.net or https://jira.example.com'),
  platform: z.enum(PLATFORMS, { error: 'expected cloud or server' }).optional().describe('cloud or server (Server/Data Center); detected from the host when omitted'),
  default: flexibleBoolean.optional().describe('This instance gets the unprefixed tool names (jira_get_issue)'),
  auth: authSchema,
  ssl_verify: flexibleBoolean.default(true).describe('Verify TLS certificates'),
  timeout: flexibleNumber.pipe(z.number().positive().max(600)).default(30).describe('Request timeout in seconds'),
  read_only: flexibleBoolean.default(false).describe('Expose read tools only'),
  projects_filter: stringList.optional().describe('Jira: only these project keys are visible'),
  spaces_filter: stringList.optional().describe('Confluence: only these space keys are visible'),
  toolsets: stringList.optional().describe('default, all, or toolset names (optionally product:toolset)'),
  enabled_tools: stringList.optional().describe('Only these tools (generic or bound names)'),
  disabled_tools: stringList.optional().describe('Never these tools'),
  description: z.string().max(200).optional().describe('Added to every tool description of this instance'),
});
export type RawInstanceConfig = z.input<typeof instanceSchema>;

/** How tools for several instances are named; `argument` keeps the tool list the same size however many instances there are. */
export const TOOL_NAMING_MODES = ['prefix', 'argument'] as const;
export type ToolNaming = (typeof TOOL_NAMING_MODES)[number];

export const serverSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: flexibleNumber.pipe(z.number().int().min(0).max(65535)).default(9000),
  stateful: flexibleBoolean.default(false),
  session_idle_timeout: flexibleNumber.pipe(z.number().positive()).default(1800).describe('seconds'),
  allowed_hosts: stringList.optional(),
  allowed_origins: stringList.optional(),
  body_limit: flexibleNumber.pipe(z.number().int().positive()).default(4 * 1024 * 1024).describe('bytes'),
  shutdown_grace: flexibleNumber.pipe(z.number().nonnegative()).default(10).describe('seconds'),
});
export type ServerConfig = z.output<typeof serverSchema>;

export const gatewaySchema = z.strictObject({
  read_only: flexibleBoolean.default(false),
  toolsets: stringList.optional(),
  enabled_tools: stringList.optional(),
  tool_naming: z
    .enum(TOOL_NAMING_MODES, { error: 'expected prefix or argument' })
    .default('prefix')
    .describe('prefix: one tool per instance (jira_staging_get_issue); argument: one tool per product with an `instance` argument'),
  log_level: z.enum(LOG_LEVELS).default('info'),
  attachment_max_bytes: flexibleNumber.pipe(z.number().int().positive()).default(10 * 1024 * 1024).describe('Largest attachment returned or uploaded, in bytes'),
  server: serverSchema.prefault({}),
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
}
