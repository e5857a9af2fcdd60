/**
 * Gateway API keys for central deployments. Keys are compared as SHA-256 digests with `timingSafeEqual`,
 * every configured key every time, so neither the length nor the position of a match leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { apiKeyName, type ApiKeyConfig } from '../config/schema.js';

/** What a presented key allows: some or all instances, reading only or everything. */
export interface KeyGrant {
  /** Identifies the key in caches and session ownership: derived from the key itself, never its display name. */
  id: string;
  /** For logs; never the key itself. Unique among the configured keys (the loader checks). */
  name: string;
  instances?: readonly string[];
  readOnly: boolean;
  /** May reload the configuration (`POST /admin/reload`). */
  admin: boolean;
}

export class ApiKeyVerifier {
  private readonly keys: ReadonlyArray<{ digest: Buffer; grant: KeyGrant }>;

  constructor(keys: readonly ApiKeyConfig[]) {
    this.keys = keys.map((key, index) => {
      const keyDigest = digest(key.key);
      const grant = {
        id: keyDigest.toString('base64url'),
        name: apiKeyName(key, index),
        instances: key.instances?.length ? key.instances : undefined,
        readOnly: key.read_only,
        admin: key.admin,
      };
      return { digest: keyDigest, grant };
    });
  }

  get required(): boolean {
    return this.keys.length > 0;
  }

  /** Whether some key may reload the configuration; without one, the admin route answers like an unknown route. */
  get hasAdmin(): boolean {
    return this.keys.some((key) => key.grant.admin);
  }

  /** The grant of the matching key, or undefined. */
  verify(presented: string | undefined): KeyGrant | undefined {
    if (presented === undefined) return undefined;
    const candidate = digest(presented);
    let match: KeyGrant | undefined;
    for (const key of this.keys) if (timingSafeEqual(key.digest, candidate) && !match) match = key.grant;
    return match;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
