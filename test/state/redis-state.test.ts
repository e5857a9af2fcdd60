/**
 * The shared state on a real redis-server: values with expiry, locks that only their holder releases and that
 * expire on their own, broadcasts, and clear errors (no password) while Redis is away, with recovery after.
 * Skipped, loudly, where redis-server is not installed; under CI that is a failure instead.
 */
import t from 'tap';
import { openRedisState } from '../../src/state/redis-state.js';
import { redactRedisUrl, scrubSecrets } from '../../src/state/redis-url.js';
import { captureLogger } from '../helpers/gateway.js';
import { redisAvailable, startRedis } from '../helpers/redis.js';

const PASSWORD = 's3cret-pass-word';

t.test('Redis URLs are shown without their secrets', async (t) => {
  t.equal(redactRedisUrl('redis://:pw-123@cache:6380/2'), 'redis://***@cache:6380/2');
  t.equal(redactRedisUrl('rediss://user:pw-123@cache'), 'rediss://***@cache');
  t.equal(redactRedisUrl('redis://cache:6379'), 'redis://cache:6379');
  t.equal(
    scrubSecrets('auth failed for pw-123 at redis://:pw-123@cache', 'redis://:pw-123@cache'),
    'auth failed for *** at redis://***@cache',
  );
});

if (redisAvailable(t, 'test/state/redis-state.test.ts')) {
  t.test('values, locks and broadcasts', async (t) => {
    const redis = await startRedis(t, { password: PASSWORD });
    const { logger } = captureLogger();
    const state = await openRedisState(redis.url, { log: logger });
    t.teardown(() => state.close());

    await state.set('value', 'one', 60_000);
    t.equal(await state.get('value'), 'one');
    t.equal(await state.touch('value', 60_000), true, 'a live key is renewed');
    await state.delete('value');
    t.equal(await state.get('value'), undefined);
    t.equal(await state.touch('value', 60_000), false, 'a deleted key cannot be renewed');

    const release = await state.tryLock('lock', 60_000);
    t.ok(release, 'a free lock is taken');
    t.equal(await state.tryLock('lock', 60_000), undefined, 'a held lock is refused');
    await release!();
    const again = await state.tryLock('lock', 200);
    t.ok(again, 'a released lock is free again');
    // Its holder "dies" (never releases): the lock expires by itself.
    await waitFor(async () => (await state.tryLock('lock', 60_000)) !== undefined);
    await again!();
    t.equal(
      await state.tryLock('lock', 60_000),
      undefined,
      "an expired holder's release leaves the new holder's lock alone",
    );

    const heard: string[] = [];
    await state.subscribe('news', (message) => heard.push(message));
    await state.publish('news', 'hello');
    await waitFor(async () => heard.length > 0);
    t.same(heard, ['hello']);
  });

  t.test(
    'while Redis is away, commands fail at once, clearly and without the password; then it recovers',
    async (t) => {
      const redis = await startRedis(t, { password: PASSWORD });
      const { logger, logs } = captureLogger();
      const state = await openRedisState(redis.url, { log: logger });
      t.teardown(() => state.close());
      await redis.stop();
      const error = await state.get('anything').then(
        () => undefined,
        (failure: Error) => failure,
      );
      t.equal(error?.name, 'SharedStateError');
      t.match(error?.message, `the shared state (redis://***@127.0.0.1:${redis.port}) is unreachable`);
      t.notMatch(error?.message, PASSWORD);
      await redis.start();
      await waitFor(
        async () =>
          await state.set('back', 'yes').then(
            () => true,
            () => false,
          ),
      );
      t.equal(await state.get('back'), 'yes', 'commands work again once Redis is back');
      const logged = logs.join('\n');
      t.match(logged, /shared state unreachable/);
      t.match(logged, /shared state reachable again/);
      t.notMatch(logged, PASSWORD);
    },
  );
}

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
