/**
 * One request rate for all replicas, through Debian's `redis-server`, two gateway processes and a fake Atlassian on
 * loopback that notes when each request arrives: with `requests_per_second: 20` on both replicas and callers
 * hammering both, the fake's arrivals fit a budget of 20 a second, measured as Atlassian does, with a token bucket
 * refilled continuously and holding one second's worth (the burst it allows also absorbs a start that a busy machine
 * delays onto the next one's); replicas that share no state overdraw it, so the measure can fail. With Redis
 * stopped mid-run, calls still succeed under each replica's own limit, the outage is logged once without the
 * password, and the shared rate is back once Redis is.
 * Skipped, loudly, where redis-server is not installed; under CI (which installs it) that is a failure instead.
 */
import type { Client } from '@modelcontextprotocol/client';
import t, { type Test } from 'tap';
import { connectClient, textOf } from '../helpers/clients.js';
import { fakeJira, jiraIssue, sendJson, startFakeAtlassian, type FakeRequest } from '../helpers/fake-atlassian.js';
import { redisAvailable, startRedis } from '../helpers/redis.js';
import { startReplicas, type Replica } from '../helpers/replicas.js';

const RATE = 20;
const PASSWORD = 'rate-secret-Zx81';
/** Callers per replica, each calling again as soon as its call is answered. */
const CALLERS = 12;

if (redisAvailable(t, 'test/e2e/replicas-rate.test.ts')) {
  const redis = await startRedis(t, { password: PASSWORD });
  const fake = await startFakeAtlassian(t, (_request, response, url) => {
    setTimeout(() => sendJson(response, jiraIssue(url.pathname.split('/').pop() ?? 'OPS-1')), 5);
  });
  const config = { instances: [fakeJira(fake.url, { requests_per_second: RATE, timeout: 30 })] };

  /** Both replicas' clients, each with `CALLERS` callers looping for `ms`; every call's outcome. */
  const hammer = async (clients: Client[], ms: number, during?: () => Promise<void>) => {
    const until = Date.now() + ms;
    const failures: string[] = [];
    let calls = 0;
    const caller = async (client: Client, index: number) => {
      while (Date.now() < until) {
        const result = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: `OPS-${index}` } });
        calls++;
        if (result.isError) failures.push(textOf(result));
      }
    };
    await Promise.all([
      ...clients.flatMap((client) => Array.from({ length: CALLERS }, (_, index) => caller(client, index + 1))),
      during?.(),
    ]);
    return { calls, failures };
  };

  const connectAll = async (t: Test, replicas: Replica[]) => {
    const clients = await Promise.all(replicas.map((replica) => connectClient(replica.url, 'http-2026')));
    t.teardown(() => Promise.all(clients.map((client) => client.close())));
    return clients;
  };

  t.test('two replicas sharing state stay within one rate together', async (t) => {
    const replicas = await startReplicas(t, config, redis.url);
    const clients = await connectAll(t, replicas);
    await hammer(clients, 1000);
    const from = fake.requests.length;
    const { calls, failures } = await hammer(clients, 4000);
    const starts = fake.requests.slice(from);
    t.same(failures, [], 'every call succeeded');
    t.ok(calls >= 3 * RATE, `the callers kept the budget busy (${calls} calls)`);
    const most = busiestSecond(starts);
    t.equal(overdrawn(starts, RATE), 0, `a budget of ${RATE}/s was never overdrawn (${most} at most in a second)`);
    const average = averageRate(starts);
    t.ok(average <= RATE * 1.1, `${average.toFixed(1)} starts per second on average, within ${RATE}`);
  });

  t.test('replicas without shared state each spend the whole rate', async (t) => {
    const replicas = await startReplicas(t, config, undefined);
    const clients = await connectAll(t, replicas);
    await hammer(clients, 1000);
    const from = fake.requests.length;
    const { failures } = await hammer(clients, 4000);
    const starts = fake.requests.slice(from);
    t.same(failures, [], 'every call succeeded');
    const average = averageRate(starts);
    t.ok(average > RATE * 1.5, `${average.toFixed(1)} starts per second: each replica spent ${RATE} on its own`);
    t.ok(overdrawn(starts, RATE) > RATE, `a budget of ${RATE}/s was overdrawn ${overdrawn(starts, RATE)} times`);
  });

  t.test(
    'with Redis stopped, calls go on under each replica’s own rate, and share it again once it is back',
    async (t) => {
      const replicas = await startReplicas(t, config, redis.url);
      const clients = await connectAll(t, replicas);
      await hammer(clients, 1000);
      const stoppedAt = { at: 0 };
      const { failures } = await hammer(clients, 4000, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await redis.stop();
        stoppedAt.at = Date.now();
      });
      t.same(failures, [], 'every call succeeded while Redis was away');
      const alone = fake.requests.filter((request) => request.at >= stoppedAt.at + 1500);
      t.ok(alone.length > 0, 'requests went on after Redis stopped');
      const most = busiestSecond(alone);
      t.equal(
        overdrawn(alone, 2 * RATE),
        0,
        `each replica kept its own ${RATE}/s while Redis was away (${most} at most in a second)`,
      );
      for (const [index, replica] of replicas.entries()) {
        const said = replica.stderr().match(/the shared request rate is unavailable/g) ?? [];
        t.equal(said.length, 1, `replica ${index} logged the outage once`);
        t.notMatch(replica.stderr(), PASSWORD, `replica ${index} logged no password`);
      }

      await redis.start();
      await waitFor(() => replicas.every((replica) => /shared state reachable again/.test(replica.stderr())));
      await hammer(clients, 1500);
      const from = fake.requests.length;
      const { failures: after } = await hammer(clients, 3000);
      t.same(after, [], 'every call succeeded once Redis was back');
      const again = fake.requests.slice(from);
      t.equal(overdrawn(again, RATE), 0, `one shared rate again (${busiestSecond(again)} at most in a second)`);
      for (const [index, replica] of replicas.entries())
        t.match(replica.stderr(), /the shared request rate is back/, `replica ${index} said the shared rate is back`);
    },
  );
}

/**
 * How many of `requests` a budget of `perSecond` would have refused: a token bucket as Atlassian keeps one, refilled
 * continuously and holding one second's worth, full at the first request.
 */
function overdrawn(requests: FakeRequest[], perSecond: number): number {
  const times = requests.map((request) => request.at).sort((a, b) => a - b);
  let tokens = perSecond;
  let last = times[0] ?? 0;
  let refused = 0;
  for (const at of times) {
    tokens = Math.min(perSecond, tokens + ((at - last) / 1000) * perSecond);
    last = at;
    if (tokens >= 1) tokens--;
    else refused++;
  }
  return refused;
}

/** The most request starts within any one second (a window opening at each start). */
function busiestSecond(requests: FakeRequest[]): number {
  const times = requests.map((request) => request.at).sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; first < times.length; first++) {
    while (last < times.length && times[last]! < times[first]! + 1000) last++;
    most = Math.max(most, last - first);
  }
  return most;
}

/** Starts per second from the first to the last. */
function averageRate(requests: FakeRequest[]): number {
  const times = requests.map((request) => request.at);
  const span = (Math.max(...times) - Math.min(...times)) / 1000;
  return span > 0 ? (requests.length - 1) / span : 0;
}

async function waitFor(check: () => boolean, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
