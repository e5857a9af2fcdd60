/**
 * Sign-in from the MCP client (`auth`): off by default; with `mode: oauth` the gateway is an OAuth 2.1 resource
 * server and authorization server of its own, federated to each `per_user` instance's Atlassian sign-in.
 */
import { z } from 'zod';
import { flexibleBoolean, flexibleNumber, httpUrl } from './values.js';

export const AUTH_MODES = ['none', 'oauth'] as const;
export const VAULT_KINDS = ['memory', 'file'] as const;

export const signInSchema = z.strictObject({
  mode: z
    .enum(AUTH_MODES, { error: 'expected none or oauth' })
    .default('none')
    .describe('oauth: MCP clients sign their users in (OAuth 2.1 with PKCE); none: no sign-in'),
  public_url: httpUrl
    .optional()
    .describe(
      'The address clients reach the gateway at (issuer and resource identifier); default http://<host>:<port>',
    ),
  key: z
    .string()
    .min(32, { error: 'at least 32 characters' })
    .optional()
    .describe('Secret that signs gateway tokens and encrypts stored Atlassian tokens (32+ characters)'),
  key_file: z.string().min(1).optional().describe('File holding that secret (instead of key)'),
  vault: z
    .enum(VAULT_KINDS, { error: 'expected memory or file' })
    .default('memory')
    .describe("Where users' Atlassian tokens are kept, encrypted: memory, or file (vault_dir)"),
  vault_dir: z.string().min(1).optional().describe('Directory of the file vault (one encrypted 0600 file per entry)'),
  dynamic_registration: flexibleBoolean
    .default(true)
    .describe('Accept dynamic client registration (RFC 7591) at /register'),
  client_metadata_documents: flexibleBoolean
    .default(true)
    .describe('Accept https client ids that name a Client ID Metadata Document'),
  access_token_ttl: flexibleNumber
    .pipe(z.number().int().min(60).max(86_400))
    .default(3600)
    .describe('Seconds a gateway access token lives'),
  refresh_token_ttl: flexibleNumber
    .pipe(
      z
        .number()
        .int()
        .min(300)
        .max(365 * 86_400),
    )
    .default(30 * 86_400)
    .describe('Seconds a gateway refresh token lives without use'),
  rate_limit: flexibleNumber
    .pipe(z.number().int().min(1).max(100_000))
    .default(60)
    .describe('Requests per minute each address may make to the sign-in endpoints'),
  user_metrics_label: flexibleBoolean
    .default(false)
    .describe('Label tool-call metrics with the signed-in user (one series per user: keep for small teams)'),
});
export type SignInConfig = z.output<typeof signInSchema>;
