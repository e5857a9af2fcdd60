/** Turns an instance's credentials into the `Authorization` header Atlassian expects. */
import type { AuthConfig } from '../config/schema.js';

/** Basic for email + API token (Cloud) or username + password (Server/DC); Bearer for personal access tokens. */
export function authorizationHeader(auth: AuthConfig): string {
  switch (auth.type) {
    case 'basic':
      return `Basic ${Buffer.from(`${auth.username}:${auth.token}`).toString('base64')}`;
    case 'pat':
      return `Bearer ${auth.token}`;
  }
}
