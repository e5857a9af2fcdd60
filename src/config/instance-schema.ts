/** One Atlassian instance's settings: where it is, how to reach it, what of it to expose. */
import { z } from 'zod';
import { authSchema } from './auth-schema.js';
import { headerMap } from './header-map.js';
import { flexibleBoolean, flexibleNumber, httpUrl, siteUrl, stringList } from './values.js';

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

export const instanceName = z
  .string()
  .regex(/^[a-z0-9_]+$/, { error: 'use only lowercase letters, digits and _' })
  .max(20, { error: 'at most 20 characters' })
  .refine((name) => !(RESERVED_NAMES as readonly string[]).includes(name), {
    error: `reserved name (${RESERVED_NAMES.join(', ')})`,
  });

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
    .describe(
      'Request starts per second to this instance, shared by every caller (and by every replica with state.redis_url); no limit when unset',
    ),
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
