/**
 * The one schema for gateway configuration. Environment variables and YAML files are both turned into
 * the same raw shape and validated here, so every rule and every default lives in a single place.
 */
import { z } from 'zod';

/** Products an instance can serve; `servicedesk` tools ride on Jira instances. */
export const PRODUCTS = ['jira', 'confluence'] as const;
export type Product = (typeof PRODUCTS)[number];

/** Products whose tools the gateway offers: Service Management's ride on Jira instances that have it. */
export const MODULES = ['jira', 'confluence', 'servicedesk'] as const;
export type Module = (typeof MODULES)[number];

export const PLATFORMS = ['cloud', 'server'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Names that would collide with tool-name prefixes. */
export const RESERVED_NAMES = ['jira', 'confluence', 'servicedesk', 'gateway'] as const;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Accepts real booleans (YAML) and the usual strings (env): true/false, 1/0, yes/no, on/off. */
const flexibleBoolean = z.preprocess(
  (value) => {
    if (typeof value !== 'string') return value;
    const normalized = value.trim().toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(normalized)) return true;
    if (['false', '0', 'no', 'off'].includes(normalized)) return false;
    return value;
  },
  z.boolean({ error: 'expected true or false' }),
);

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

/**
 * An Atlassian site: an http(s) base URL without `user:password@`, query or fragment. Credentials in the URL
 * (or a token in its query) would be shown to clients in tool descriptions and sent with every request.
 */
const siteUrl = httpUrl
  .refine((value) => !URL.canParse(value) || (!new URL(value).username && !new URL(value).password), {
    error: 'must not contain user:password@ (put credentials in auth, or the *_USERNAME/*_API_TOKEN variables)',
  })
  .refine((value) => !URL.canParse(value) || (!new URL(value).search && !new URL(value).hash && !/[?#]/.test(value)), {
    error: "must be the site's base URL, without ?query or #fragment (the gateway adds the REST paths itself)",
  });

export const instanceName = z
  .string()
  .regex(/^[a-z0-9_]+$/, { error: 'use only lowercase letters, digits and _' })
  .max(20, { error: 'at most 20 characters' })
  .refine((name) => !(RESERVED_NAMES as readonly string[]).includes(name), {
    error: `reserved name (${RESERVED_NAMES.join(', ')})`,
  });

const secret = z.string().min(1, { error: 'required' });

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

/** Atlassian cloud ids are UUIDs; anything else in a URL path segment is refused. */
export const cloudId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,64}$/, { error: 'expected a cloud id (a UUID, printed by oauth-setup)' });

/** Scopes as Atlassian writes them (space-separated) or as a list; blanks dropped. */
const scopeList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(/[\s,]+/) : value),
  z.array(z.string()).transform((items) => items.map((item) => item.trim()).filter(Boolean)),
);

const basicAuth = z.strictObject({
  type: z.literal('basic'),
  username: secret,
  token: secret,
});

const patAuth = z.strictObject({
  type: z.literal('pat'),
  token: secret,
});

/** OAuth 2.0 with refresh: 3LO on Cloud (via api.atlassian.com and the cloud id), the instance's own token endpoint on Server/DC. */
const oauthAuth = z.strictObject({
  type: z.literal('oauth'),
  client_id: secret,
  client_secret: secret,
  redirect_uri: httpUrl.optional().describe('The callback registered for the app; oauth-setup listens on its port'),
  scopes: scopeList
    .optional()
    .describe('Scopes oauth-setup asks for (Cloud: offline_access is always added; Server/DC default WRITE)'),
  cloud_id: cloudId
    .optional()
    .describe("Cloud: the site's cloud id; API calls go to api.atlassian.com/ex/<product>/<cloud_id>"),
  access_token: z
    .string()
    .min(1)
    .optional()
    .describe('Initial access token (Server/DC env JIRA_ACCESS_TOKEN); the token store wins once it has one'),
  refresh_token: z
    .string()
    .min(1)
    .optional()
    .describe('Initial refresh token; rotated tokens are kept in the token store'),
});

/** A token obtained elsewhere, sent as Bearer and never refreshed. */
const bearerAuth = z.strictObject({
  type: z.literal('bearer'),
  token: secret,
  cloud_id: cloudId
    .optional()
    .describe("Cloud: the site's cloud id (OAuth access tokens only work through api.atlassian.com)"),
});

/** No Authorization header: the client certificate (mTLS) or the network identifies the gateway. */
const noneAuth = z.strictObject({ type: z.literal('none') });

export const AUTH_TYPES = ['basic', 'pat', 'oauth', 'bearer', 'none'] as const;

export const authSchema = z.discriminatedUnion('type', [basicAuth, patAuth, oauthAuth, bearerAuth, noneAuth], {
  error: `expected auth.type ${AUTH_TYPES.join(', ')}`,
});
export type AuthConfig = z.infer<typeof authSchema>;
export type OAuthConfig = z.infer<typeof oauthAuth>;

/** Header names a user may not override: the gateway owns them. */
const RESERVED_HEADERS = [
  'authorization',
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'cookie',
];

/** The characters of an HTTP header name (RFC 9110 token). */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * `Name=value,Name2=value2` (env) into a map. A piece without `=` continues the previous value (`X-Tags=a,b` is
 * one header); a first piece without `=` is refused without being echoed, since it may be a value (`Key: s3cret`).
 */
function parseHeaderList(text: string, ctx: { issues: unknown[] }): Record<string, string> | typeof z.NEVER {
  const headers: Record<string, string> = {};
  let last: string | undefined;
  for (const piece of text.split(',')) {
    const at = piece.indexOf('=');
    if (at >= 0) {
      last = piece.slice(0, at).trim();
      headers[last] = piece.slice(at + 1);
    } else if (last !== undefined) {
      headers[last] += `,${piece}`;
    } else if (piece.trim()) {
      ctx.issues.push({
        code: 'custom',
        message: 'expected Name=value pairs separated by commas (the text is not shown: it may hold a value)',
        input: '',
      });
      return z.NEVER;
    }
  }
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.trim()]));
}

/** `K=V,K2=V2` (env) or a YAML map; names must be valid header tokens and not ones the gateway sets. */
const headerMap = z.preprocess(
  (value, ctx) => (typeof value === 'string' ? parseHeaderList(value, ctx) : value),
  z.record(
    z
      .string()
      .regex(HEADER_NAME, { error: 'not a valid header name' })
      .refine((name) => !RESERVED_HEADERS.includes(name.toLowerCase()), {
        error: `the gateway sets this header itself (${RESERVED_HEADERS.join(', ')})`,
      }),
    z
      .string()
      .min(1, { error: 'expected Name=value' })
      .regex(/^[^\r\n]*$/, { error: 'header values cannot contain line breaks' }),
  ),
);

/** `none` (or `false`) turns a proxy off for one instance; otherwise an http(s) proxy URL. */
const proxySetting = z.union([z.literal('none'), httpUrl], { error: 'expected an http(s) proxy URL or none' });

export const instanceSchema = z.strictObject({
  name: instanceName.describe('Instance name: tools are named <product>_<name>_<tool> unless it is the default'),
  product: z.enum(PRODUCTS, { error: `expected one of ${PRODUCTS.join(', ')}` }),
  url: siteUrl.describe('Base URL, e.g. https://acme.atlassian.net or https://jira.example.com'),
  platform: z
    .enum(PLATFORMS, { error: 'expected cloud or server' })
    .optional()
    .describe('cloud or server (Server/Data Center); detected from the host when omitted'),
  default: flexibleBoolean.optional().describe('This instance gets the unprefixed tool names (jira_get_issue)'),
  auth: authSchema,
  ssl_verify: flexibleBoolean.default(true).describe('Verify TLS certificates'),
  timeout: flexibleNumber
    .pipe(z.number().positive().max(600))
    .default(30)
    .describe('Seconds one tool call may take on this instance, every request and retry included'),
  max_concurrency: flexibleNumber
    .pipe(z.number().int().min(1).max(1000))
    .default(64)
    .describe(
      'Requests in flight to this instance at once, shared by every caller (lowered while near the rate limit)',
    ),
  requests_per_second: flexibleNumber
    .pipe(z.number().positive().max(10_000))
    .optional()
    .describe('Request starts per second to this instance, shared by every caller; no limit when unset'),
  circuit_breaker_failures: flexibleNumber
    .pipe(z.number().int().min(0).max(1000))
    .default(5)
    .describe(
      'Consecutive server errors, timeouts or connection failures that open the circuit breaker; 0 turns it off',
    ),
  circuit_breaker_cooldown: flexibleNumber
    .pipe(z.number().positive().max(3600))
    .default(30)
    .describe('Seconds an open circuit breaker fails calls at once before one trial request is let through'),
  read_only: flexibleBoolean.default(false).describe('Expose read tools only'),
  confirm_destructive: flexibleBoolean
    .default(false)
    .describe(
      'Destructive tools ask the user first (elicitation), or require confirm: true from clients that cannot ask',
    ),
  shared_account: flexibleBoolean
    .default(false)
    .describe(
      'The configured account is a shared service account: "me" and currentUser() mean the caller\'s preferred_user (set_defaults)',
    ),
  projects_filter: stringList.optional().describe('Jira: only these project keys are visible'),
  servicedesk: flexibleBoolean
    .optional()
    .describe(
      'Jira: Service Management is installed (true) or not (false); when omitted, GET /rest/servicedeskapi/info is asked at startup',
    ),
  servicedesk_internal_comments_only: flexibleBoolean
    .default(false)
    .describe('Jira: every Service Management comment the gateway adds is internal (never shown to customers)'),
  spaces_filter: stringList.optional().describe('Confluence: only these space keys are visible'),
  toolsets: stringList.optional().describe('default, all, or toolset names (optionally product:toolset)'),
  enabled_tools: stringList.optional().describe('Only these tools (generic or bound names)'),
  disabled_tools: stringList.optional().describe('Never these tools'),
  description: z.string().max(200).optional().describe('Added to every tool description of this instance'),
  proxy: z
    .preprocess((value) => (value === false ? 'none' : value), proxySetting)
    .optional()
    .describe('Proxy for this instance (overrides HTTP(S)_PROXY and NO_PROXY), or none'),
  custom_headers: headerMap.optional().describe('Extra headers on every request (values are masked in output)'),
  ca_bundle: z.string().min(1).optional().describe('PEM file of extra CAs to trust (added to the system ones)'),
  client_cert: z.string().min(1).optional().describe('mTLS: PEM client certificate file'),
  client_key: z.string().min(1).optional().describe('mTLS: PEM private key file'),
  client_key_password: z.string().min(1).optional().describe('mTLS: passphrase of the private key'),
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
  body_limit: flexibleNumber
    .pipe(z.number().int().positive())
    .default(4 * 1024 * 1024)
    .describe('bytes'),
  shutdown_grace: flexibleNumber.pipe(z.number().nonnegative()).default(10).describe('seconds'),
  request_timeout: flexibleNumber
    .pipe(z.number().positive())
    .default(30)
    .describe('Seconds a client may take to send a whole request (headers and body); slower ones are cut off'),
  max_connections: flexibleNumber
    .pipe(z.number().int().positive())
    .default(1024)
    .describe('Open TCP connections at most'),
  max_sessions: flexibleNumber
    .pipe(z.number().int().positive())
    .default(1000)
    .describe('Open sessions (stateful HTTP, SSE, WebSocket) at most; the least recently used idle one makes room'),
  max_sessions_per_caller: flexibleNumber
    .pipe(z.number().int().positive())
    .default(100)
    .describe('Open sessions per API key or tenant at most'),
  connection_buffer_limit: flexibleNumber
    .pipe(z.number().int().positive())
    .default(8 * 1024 * 1024)
    .describe('Bytes an SSE or WebSocket client may leave unread before it is disconnected'),
});
export type ServerConfig = z.output<typeof serverSchema>;

/** Prometheus `/metrics`: off unless enabled (or given a port of its own); a bearer token guards it when set. */
export const metricsSchema = z.strictObject({
  enabled: flexibleBoolean.default(false).describe('Serve Prometheus metrics on /metrics'),
  token: z
    .string()
    .min(16, { error: 'at least 16 characters' })
    .optional()
    .describe('Scrapers must send Authorization: Bearer <token>'),
  port: flexibleNumber
    .pipe(z.number().int().min(0).max(65535))
    .optional()
    .describe('Serve /metrics on this port only (not on the MCP port); setting it turns metrics on'),
  host: z.string().min(1).default('127.0.0.1').describe('Address the metrics port listens on'),
});
export type MetricsConfig = z.output<typeof metricsSchema>;

/** HTTP(S)_PROXY / NO_PROXY, applied to every instance that does not set its own `proxy`. */
export const proxySchema = z.strictObject({
  http: httpUrl.optional(),
  https: httpUrl.optional(),
  no_proxy: stringList.optional(),
});
export type ProxyConfig = z.output<typeof proxySchema>;

/** Callers bring their own Atlassian identity and target in headers; every URL they send is checked. */
export const multiTenantSchema = z.strictObject({
  enabled: flexibleBoolean.default(false),
  allowed_urls: stringList
    .optional()
    .describe('Host patterns callers may target (*.atlassian.net, jira.example.com); * allows any public host'),
  allow_http: flexibleBoolean.default(false).describe('Allow http:// targets (https is required otherwise)'),
  allow_private_networks: flexibleBoolean
    .default(false)
    .describe('Allow targets on private, loopback and link-local addresses'),
  static_credentials_fallback: flexibleBoolean
    .default(false)
    .describe('Serve requests without credentials with the configured ones instead of refusing them'),
});
export type MultiTenantConfig = z.output<typeof multiTenantSchema>;

/** A key a caller presents to use the gateway at all, optionally limited to some instances or to reading. */
const apiKeySchema = z.preprocess(
  (value) => (typeof value === 'string' ? { key: value } : value),
  z.strictObject({
    key: z.string().min(16, { error: 'at least 16 characters' }),
    name: z.string().min(1).optional().describe('Shown in logs instead of the key'),
    instances: stringList.optional().describe('Only these instance names'),
    read_only: flexibleBoolean.default(false),
  }),
);
export type ApiKeyConfig = z.output<typeof apiKeySchema>;

/** The name a key is logged under and told apart by in configuration: its own, else its position (`key 2`). */
export function apiKeyName(key: Pick<ApiKeyConfig, 'name'>, index: number): string {
  return key.name ?? `key ${index + 1}`;
}

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
  proxy: proxySchema.prefault({}),
  ca_bundle: z.string().min(1).optional().describe('PEM file of extra CAs trusted for every instance'),
  oauth_token_dir: z.string().min(1).optional().describe('Where OAuth tokens are kept (one 0600 file per instance)'),
  multi_tenant: multiTenantSchema.prefault({}),
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
