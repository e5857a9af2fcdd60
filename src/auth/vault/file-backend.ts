/**
 * The vault on disk: one file per record, named by the SHA-256 of its key (so no key, user id included, shows in
 * a file name), 0600 in a 0700 directory, written through an exclusively created temporary file and renamed, as
 * the configured instances' token store does. Records are already sealed when they get here.
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { KeyedLock, type VaultBackend } from './backend.js';

interface FileRecord {
  value: string;
  expiresAt?: number;
}

export function fileBackend(directory: string, now: () => number = Date.now): VaultBackend {
  const fileFor = (key: string) => path.join(directory, `${createHash('sha256').update(key).digest('hex')}.json`);
  const lock = new KeyedLock();
  let prepared: Promise<void> | undefined;
  const prepare = () =>
    (prepared ??= mkdir(directory, { recursive: true, mode: 0o700 }).then(() => chmod(directory, 0o700)));
  return {
    async get(key) {
      let record: FileRecord;
      try {
        record = JSON.parse(await readFile(fileFor(key), 'utf8')) as FileRecord;
      } catch {
        return undefined;
      }
      if (record.expiresAt !== undefined && record.expiresAt <= now()) {
        await rm(fileFor(key), { force: true });
        return undefined;
      }
      return record.value;
    },
    async set(key, value, ttlSeconds) {
      await prepare();
      const record: FileRecord = { value, expiresAt: ttlSeconds === undefined ? undefined : now() + ttlSeconds * 1000 };
      const file = fileFor(key);
      const temporary = `${file}.${randomBytes(8).toString('hex')}.tmp`;
      await writeFile(temporary, JSON.stringify(record), { mode: 0o600, flag: 'wx' });
      await rename(temporary, file);
    },
    async delete(key) {
      await rm(fileFor(key), { force: true });
    },
    withLock: (key, task) => lock.run(key, task),
  };
}
