/**
 * What asks for a reload besides `POST /admin/reload`: SIGHUP, and with `--watch` a change of the configuration
 * file. The watch is on the file's directory, not the file: editors save by writing a new file and renaming it over
 * the old one, and Kubernetes swaps a ConfigMap's symlinks, and either would leave a watch on the old file deaf.
 * Events are debounced, and a reload runs only when the file's bytes differ from those last loaded.
 */
import { createHash } from 'node:crypto';
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Logger } from '../logging.js';
import type { ReloadTrigger } from './reload.js';

/** Quiet time after the last file event before the file is read: saves come as bursts of events. */
export const WATCH_DEBOUNCE_MS = 250;

export interface ReloadTriggers {
  stop(): void;
}

export interface TriggerOptions {
  /** Runs one reload; the caller serializes and reports. */
  reload: (trigger: ReloadTrigger) => Promise<unknown>;
  log: Logger;
  /** The configuration file to watch (`--watch`). */
  watchFile?: string;
  debounceMs?: number;
}

export function listenForReloads(options: TriggerOptions): ReloadTriggers {
  const onHangUp = () => {
    options.log.info({ signal: 'SIGHUP' }, 'reloading the configuration');
    void options.reload('SIGHUP');
  };
  process.on('SIGHUP', onHangUp);
  const watcher = options.watchFile ? watchFile(options.watchFile, options) : undefined;
  return {
    stop: () => {
      process.off('SIGHUP', onHangUp);
      watcher?.stop();
    },
  };
}

function watchFile(file: string, options: TriggerOptions): ReloadTriggers {
  const path = resolve(file);
  let last = digestOf(path);
  let timer: NodeJS.Timeout | undefined;
  const check = () => {
    timer = undefined;
    const now = digestOf(path);
    // Missing for a moment (between an editor's unlink and rename) or unchanged (a touch, a sibling file): wait.
    if (now === undefined || now === last) return;
    last = now;
    options.log.info({ file: path }, 'the configuration file changed: reloading');
    void options.reload('watch');
  };
  const watcher: FSWatcher = watch(dirname(path), { persistent: false }, (_event, name) => {
    // Some platforms omit the name; a ConfigMap changes `..data`, not the file's own name.
    if (name && name !== basename(path) && !name.startsWith('..')) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(check, options.debounceMs ?? WATCH_DEBOUNCE_MS);
    timer.unref();
  });
  watcher.on('error', (error) =>
    options.log.error({ file: path, cause: error.message }, 'watching the configuration file failed'),
  );
  options.log.info({ file: path }, 'watching the configuration file for changes');
  return {
    stop: () => {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}

function digestOf(path: string): string | undefined {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return undefined;
  }
}
