/**
 * JSON records sealed with AES-256-GCM before they reach a backend: a fresh 96-bit nonce per write, and the
 * record's key as additional data, so a sealed value copied under another key (another user's) fails to open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { VaultBackend } from './backend.js';

const VERSION = 'v1';

export class SealedStore {
  constructor(
    private readonly backend: VaultBackend,
    private readonly key: Buffer,
  ) {}

  async get<T>(name: string): Promise<T | undefined> {
    const sealed = await this.backend.get(name);
    if (sealed === undefined) return undefined;
    const [version, nonce, tag, body] = sealed.split('.');
    if (version !== VERSION || !nonce || !tag || body === undefined) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(nonce, 'base64url'));
      decipher.setAAD(Buffer.from(name, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as T;
    } catch {
      // Another key, or tampered with: as good as absent (the user signs in again).
      return undefined;
    }
  }

  async set(name: string, value: unknown, ttlSeconds?: number): Promise<void> {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    cipher.setAAD(Buffer.from(name, 'utf8'));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    const parts = [VERSION, nonce, cipher.getAuthTag(), body].map((part) =>
      typeof part === 'string' ? part : part.toString('base64url'),
    );
    await this.backend.set(name, parts.join('.'), ttlSeconds);
  }

  delete(name: string): Promise<void> {
    return this.backend.delete(name);
  }

  withLock<T>(name: string, task: () => Promise<T>): Promise<T> {
    return this.backend.withLock(name, task);
  }
}
