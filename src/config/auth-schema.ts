/** How the gateway authenticates to one instance: basic, PAT, OAuth 2.0 with refresh, a bearer token, or nothing. */
import { z } from 'zod';
import { httpUrl, scopeList, secret } from './values.js';

/** Atlassian cloud ids are UUIDs; anything else in a URL path segment is refused. */
export const cloudId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,64}$/, { error: 'expected a cloud id (a UUID, printed by oauth-setup)' });

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

/**
 * Each user signs in with their own Atlassian account through the gateway's sign-in (`auth.mode: oauth`): the
 * gateway holds this OAuth app (Cloud 3LO or a Server/DC application link) and keeps every user's tokens apart.
 */
const perUserAuth = z.strictObject({
  type: z.literal('per_user'),
  client_id: secret,
  client_secret: secret,
  scopes: scopeList
    .optional()
    .describe('Scopes asked for at sign-in (Cloud: offline_access is always added; Server/DC default WRITE)'),
});

/** No Authorization header: the client certificate (mTLS) or the network identifies the gateway. */
const noneAuth = z.strictObject({ type: z.literal('none') });

export const AUTH_TYPES = ['basic', 'pat', 'oauth', 'bearer', 'per_user', 'none'] as const;

export const authSchema = z.discriminatedUnion(
  'type',
  [basicAuth, patAuth, oauthAuth, bearerAuth, perUserAuth, noneAuth],
  {
    error: `expected auth.type ${AUTH_TYPES.join(', ')}`,
  },
);
export type AuthConfig = z.infer<typeof authSchema>;
export type OAuthConfig = z.infer<typeof oauthAuth>;
export type PerUserAuthConfig = z.infer<typeof perUserAuth>;
/** Credentials the gateway holds itself: everything but per-user sign-in. */
export type SharedAuthConfig = Exclude<AuthConfig, PerUserAuthConfig>;
