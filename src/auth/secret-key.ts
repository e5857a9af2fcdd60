/**
 * The sign-in secret: from `auth.key`, `auth.key_file`, or (memory vault only) a random one per process. Two keys
 * are derived from it with HKDF, one to sign gateway tokens and one to encrypt the vault, so neither use can
 * weaken the other.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SignInConfig } from '../config/schema.js';

export interface SignInKeys {
  /** HMAC-SHA-256 key of gateway access tokens. */
  signing: Uint8Array;
  /** AES-256-GCM key of the token vault. */
  encryption: Buffer;
  /** True when no key was configured: tokens and sign-ins end with the process. */
  ephemeral: boolean;
}

/** Throws with the setting's name when the key file cannot be read or is too short. */
export function signInKeys(auth: Pick<SignInConfig, 'key' | 'key_file'>): SignInKeys {
  let secret: Buffer;
  if (auth.key !== undefined) secret = Buffer.from(auth.key, 'utf8');
  else if (auth.key_file !== undefined) {
    try {
      secret = Buffer.from(readFileSync(auth.key_file, 'utf8').trim(), 'utf8');
    } catch (error) {
      throw new Error(`auth.key_file: cannot read ${auth.key_file} (${(error as NodeJS.ErrnoException).code})`);
    }
    if (secret.length < 32) throw new Error(`auth.key_file: ${auth.key_file} holds fewer than 32 characters`);
  } else secret = randomBytes(32);
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', secret, '', purpose, 32));
  return {
    signing: new Uint8Array(derive('atlassian-mcp-gateway token signing')),
    encryption: derive('atlassian-mcp-gateway token vault'),
    ephemeral: auth.key === undefined && auth.key_file === undefined,
  };
}
