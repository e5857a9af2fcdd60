/**
 * Keeps OAuth tokens across restarts: one JSON file per instance, readable by the owner only (0600, in a 0700
 * directory, tightened when it already existed), written atomically through an exclusively created temporary
 * file so a crash mid-write never leaves a half token behind and a planted symlink is never followed.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export interface StoredTokens {
  access_token?: string;
  refresh_token?: string;
  /** Epoch milliseconds when the access token stops working. */
  expires_at?: number;
  /** Cloud: the sites the grant covers, as accessible-resources listed them. */
  cloud_ids?: string[];
}

export interface TokenStore {
  readonly directory: string;
  /** Where the entry lives, for telling the user. */
  locate(key: string): string;
  load(key: string): StoredTokens | undefined;
  save(key: string, tokens: StoredTokens): void;
}

/** `$XDG_CONFIG_HOME/atlassian-mcp-gateway/oauth`, else `~/.config/atlassian-mcp-gateway/oauth`. */
export function defaultTokenDirectory(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const base = env.XDG_CONFIG_HOME?.trim() || path.join(homedir(), '.config');
  return path.join(base, 'atlassian-mcp-gateway', 'oauth');
}

export function fileTokenStore(directory: string): TokenStore {
  const fileFor = (key: string) => path.join(directory, `${key.replace(/[^a-z0-9_-]/gi, '_')}.json`);
  return {
    directory,
    locate: fileFor,
    load(key) {
      try {
        return JSON.parse(readFileSync(fileFor(key), 'utf8')) as StoredTokens;
      } catch {
        return undefined;
      }
    },
    save(key, tokens) {
      mkdirSync(directory, { recursive: true, mode: 0o700 });
      // A directory that already existed keeps its own mode through mkdir; tokens need it private.
      chmodSync(directory, 0o700);
      const file = fileFor(key);
      // A fresh, unguessable name, created exclusively: a file or symlink planted there makes the write fail
      // instead of being followed.
      const temporary = `${file}.${randomBytes(8).toString('hex')}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      renameSync(temporary, file);
    },
  };
}
