/**
 * Gateway API keys for central deployments. Keys are compared as SHA-256 digests with `timingSafeEqual`,
 * every configured key every time, so neither the length nor the position of a match leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyConfig } from '../config/schema.js';

/** What a presented key allows: some or all instances, reading only or everything. */
export interface KeyGrant {
  /** For logs; never the key itself. */
  name: string;
  instances?: readonly string[];
  readOnly: boolean;
}

export class ApiKeyVerifier {
  private readonly keys: ReadonlyArray<{ digest: Buffer; grant: KeyGrant }>;

  constructor(keys: readonly ApiKeyConfig[]) {
    this.keys = keys.map((key, index) => ({
      digest: digest(key.key),
      grant: { name: key.name ?? `key ${index + 1}`, instances: key.instances?.length ? key.instances : undefined, readOnly: key.read_only },
    }));
  }

  get required(): boolean {
    return this.keys.length > 0;
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
