/** Process-wide settings of the HTTP server, metrics, proxies, multi-tenant mode and API keys. */
import { z } from 'zod';
import { flexibleBoolean, flexibleNumber, httpUrl, stringList } from './values.js';

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
export const apiKeySchema = z.preprocess(
  (value) => (typeof value === 'string' ? { key: value } : value),
  z.strictObject({
    key: z.string().min(16, { error: 'at least 16 characters' }),
    name: z.string().min(1).optional().describe('Shown in logs instead of the key'),
    instances: stringList.optional().describe('Only these instance names'),
    read_only: flexibleBoolean.default(false),
    admin: flexibleBoolean
      .default(false)
      .describe('May reload the configuration (POST /admin/reload); without an admin key that route does not exist'),
  }),
);
export type ApiKeyConfig = z.output<typeof apiKeySchema>;

/** The name a key is logged under and told apart by in configuration: its own, else its position (`key 2`). */
export function apiKeyName(key: Pick<ApiKeyConfig, 'name'>, index: number): string {
  return key.name ?? `key ${index + 1}`;
}
