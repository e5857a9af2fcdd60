/**
 * The shared state in Redis, through node-redis (`@redis/client`, loaded only when `REDIS_URL` is set). Commands never
 * queue while Redis is away: they fail at once (or after `COMMAND_TIMEOUT_MS` when Redis stops answering) with a
 * `SharedStateError`, and the client reconnects in the background with a capped backoff. Losing and regaining
 * Redis is logged once each, with the URL's password redacted. Every key lives under one prefix, so the gateway can
 * share a Redis with other applications.
 */
import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { Logger } from '../logging.js';
import { onDemand } from '../on-demand.js';
import { redactRedisUrl, scrubSecrets } from './redis-url.js';
import { reasonOf, SharedStateError, type ReleaseLock, type SharedState } from './shared-state.js';

// A CommonJS package: bundled, its exports arrive as the default export; loaded from node_modules, as named ones.
const redisModule = onDemand(async () => {
  const loaded = await import('@redis/client');
  const exported = (loaded as unknown as { default?: typeof loaded }).default;
  return exported?.createClient ? exported : loaded;
});

/** Prefix of every key and channel the gateway uses. */
export const KEY_PREFIX = 'atlassian-mcp-gateway:';
/** A command Redis has not answered by then fails, so a call never hangs on the shared state. */
const COMMAND_TIMEOUT_MS = 2000;
/** Reconnection backoff: 100 ms doubling up to this. */
const MAX_RECONNECT_DELAY_MS = 5000;
/** Deletes a lock only while it is still the holder's (a lock that expired and was taken again is left alone). */
const RELEASE_SCRIPT =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export interface RedisStateOptions {
  log: Logger;
  /** How long `openRedisState` waits for the first connection before it returns anyway (commands fail meanwhile). */
  connectWaitMs?: number;
}

/** Connects to `url`; resolves once connected, or after `connectWaitMs` with the client still trying. */
export async function openRedisState(url: string, options: RedisStateOptions): Promise<SharedState> {
  const { createClient } = await redisModule.load();
  const where = redactRedisUrl(url);
  const log = options.log.child({ component: 'shared-state', redis: where });
  const make = (role: string) => {
    const client = createClient({
      url,
      disableOfflineQueue: true,
      commandOptions: { timeout: COMMAND_TIMEOUT_MS },
      socket: {
        connectTimeout: COMMAND_TIMEOUT_MS,
        reconnectStrategy: (retries: number) => Math.min(100 * 2 ** Math.min(retries, 10), MAX_RECONNECT_DELAY_MS),
      },
    });
    watchHealth(client, role, url, log);
    return client;
  };
  const client = make('commands');
  const subscriber = make('broadcasts');
  const connected = Promise.all([client.connect(), subscriber.connect()]);
  // A failed first attempt is retried by the client; the error events say why meanwhile.
  connected.catch(() => undefined);
  const waited = await Promise.race([
    connected.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), options.connectWaitMs ?? 5000).unref()),
  ]);
  if (!waited) log.warn('shared state not reachable yet: calls that need it fail until it is');

  const fail = (error: unknown): never => {
    throw new SharedStateError(where, scrubSecrets(reasonOf(error), url));
  };
  const run = async <T>(command: () => Promise<T>): Promise<T> => {
    if (!client.isReady) fail(new Error('not connected'));
    return command().catch(fail);
  };
  const key = (name: string) => `${KEY_PREFIX}${name}`;
  // Channels asked for while Redis was away are subscribed once it is back; the client keeps the others across
  // reconnections itself.
  const wanted = new Map<string, (message: string) => void>();
  const active = new Set<string>();
  const subscribeTo = async (channel: string) => {
    if (!wanted.has(channel) || active.has(channel)) return;
    try {
      // The latest listener of a channel hears it (a configuration reload replaces the one before).
      await subscriber.subscribe(channel, (message) => wanted.get(channel)?.(message));
      active.add(channel);
    } catch (error) {
      log.warn({ cause: scrubSecrets(reasonOf(error), url) }, 'a broadcast channel is subscribed once Redis answers');
    }
  };
  subscriber.on('ready', () => {
    for (const channel of wanted.keys()) void subscribeTo(channel);
  });

  return {
    where,
    get: (name) => run(async () => (await client.get(key(name))) ?? undefined),
    set: (name, value, ttlMs) =>
      run(async () => {
        await client.set(key(name), value, ttlMs ? { expiration: { type: 'PX', value: Math.ceil(ttlMs) } } : {});
      }),
    touch: (name, ttlMs) => run(async () => (await client.pExpire(key(name), Math.ceil(ttlMs))) === 1),
    delete: (name) =>
      run(async () => {
        await client.del(key(name));
      }),
    tryLock: (name, ttlMs) =>
      run(async (): Promise<ReleaseLock | undefined> => {
        const token = randomUUID();
        const taken = await client.set(key(name), token, {
          condition: 'NX',
          expiration: { type: 'PX', value: Math.ceil(ttlMs) },
        });
        if (taken !== 'OK') return undefined;
        return () =>
          run(async () => {
            await client.eval(RELEASE_SCRIPT, { keys: [key(name)], arguments: [token] });
          });
      }),
    runScript: (script, keys, args) =>
      run(async () => {
        const options = { keys: keys.map(key), arguments: args };
        try {
          return await client.evalSha(script.sha1, options);
        } catch (error) {
          // A Redis restarted (or flushed) since: it forgot the script, which the first run loads again.
          if (!reasonOf(error).startsWith('NOSCRIPT')) throw error;
          return await client.eval(script.source, options);
        }
      }),
    publish: (channel, message) =>
      run(async () => {
        await client.publish(key(channel), message);
      }),
    subscribe: async (channel, listener) => {
      wanted.set(key(channel), listener);
      if (subscriber.isReady) await subscribeTo(key(channel));
    },
    close: async () => {
      await Promise.allSettled([client.close(), subscriber.close()]);
    },
  };
}

/** Logs losing Redis once (not every reconnection attempt) and regaining it, never with the URL's secrets. */
function watchHealth(client: Pick<EventEmitter, 'on'>, role: string, url: string, log: Logger): void {
  let down = false;
  client.on('error', (error: unknown) => {
    if (down) return;
    down = true;
    log.error({ connection: role, cause: scrubSecrets(reasonOf(error), url) }, 'shared state unreachable; retrying');
  });
  client.on('ready', () => {
    if (down) log.info({ connection: role }, 'shared state reachable again');
    else log.debug({ connection: role }, 'shared state connected');
    down = false;
  });
}
