/** Who may call a sandbox site: its own credentials (Basic or a bearer PAT), an OAuth access token for it, or a client certificate (mTLS). */
import type { TLSSocket } from 'node:tls';
import type { OAuthControl } from '../oauth/oauth-state.js';
import type { SandboxCredentials, SiteDefinition } from './site.js';

/** Whether a request (its Authorization header and socket) may use the site. */
export type SiteAccess = (header: string | undefined, socket?: unknown) => boolean;

export function siteAccess(definition: SiteDefinition, oauth: OAuthControl, clientCa: string | undefined): SiteAccess {
  return (header, socket) =>
    authorized(header, definition.credentials) ||
    oauth.accepts(definition.id, header) ||
    Boolean(clientCa && (socket as TLSSocket | undefined)?.authorized);
}

function authorized(header: string | undefined, credentials: SandboxCredentials): boolean {
  if (!header) return false;
  if (credentials.type === 'pat') return header === `Bearer ${credentials.token}`;
  return header === `Basic ${Buffer.from(`${credentials.username}:${credentials.token}`).toString('base64')}`;
}
