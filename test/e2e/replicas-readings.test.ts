/**
 * Rate-limit readings travel between replicas, through Debian's `redis-server`, two gateway processes and a fake
 * Atlassian on loopback that counts the requests it holds at once: when one replica reads that the budget is nearly
 * spent (`X-RateLimit-NearLimit: true`) and lowers its concurrency by a quarter, the other lowers its own for the same
 * instance, so a burst of calls on it holds fewer requests in flight at Atlassian than the same burst did before.
 * Skipped, loudly, where redis-server is not installed; under CI (which installs it) that is a failure instead.
 */
import t, { type Test } from 'tap';
import { connectClient, textOf } from '../helpers/clients.js';
import { fakeJira, jiraIssue, sendJson, startFakeAtlassian } from '../helpers/fake-atlassian.js';
import { redisAvailable, startRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/reload.js';
import { startReplicas } from '../helpers/replicas.js';

const CAP = 12;
/** A near-limit answer cuts the concurrency by a quarter. */
const LOWERED = (CAP * 3) / 4;

if (redisAvailable(t, 'test/e2e/replicas-readings.test.ts')) {
  const redis = await startRedis(t);
  const inFlight = { now: 0, most: 0 };
  const fake = await startFakeAtlassian(t, (_request, response, url) => {
    const key = url.pathname.split('/').pop() ?? 'OPS-1';
    if (key.startsWith('NEAR-')) {
      response.setHeader('x-ratelimit-nearlimit', 'true');
      return sendJson(response, jiraIssue(key));
    }
    inFlight.now++;
    inFlight.most = Math.max(inFlight.most, inFlight.now);
    setTimeout(() => {
      inFlight.now--;
      sendJson(response, jiraIssue(key));
    }, 300);
  });
  const replicas = await startReplicas(t, { instances: [fakeJira(fake.url, { max_concurrency: CAP })] }, redis.url);
  const [onA, onB] = await Promise.all(replicas.map((replica) => connectClient(replica.url, 'http-2026')));
  t.teardown(() => Promise.all([onA!.close(), onB!.close()]));

  /** `CAP` calls at once on B; the most requests the fake held at once. */
  const burstOnB = async (t: Test) => {
    inFlight.most = 0;
    const answers = await Promise.all(
      Array.from({ length: CAP }, (_, index) =>
        onB!.callTool({ name: 'jira_get_issue', arguments: { issue_key: `OPS-${index + 1}` } }),
      ),
    );
    t.same(answers.filter((answer) => answer.isError).map(textOf), [], 'every call of the burst succeeded');
    return inFlight.most;
  };

  t.test("one replica's near-limit reading lowers the other's concurrency", async (t) => {
    t.equal(await burstOnB(t), CAP, `before: B held ${CAP} requests in flight at once`);
    const near = await onA!.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'NEAR-1' } });
    t.notOk(near.isError, 'A got its answer, saying the budget is nearly spent');
    await waitFor(() => /another replica lowered the concurrency/.test(replicas[1]!.stderr()), 'B hearing the reading');
    t.match(replicas[1]!.stderr(), new RegExp(`"limit":${LOWERED}\\b`), `B was told the limit is ${LOWERED}`);
    const most = await burstOnB(t);
    t.ok(most <= LOWERED, `after: B held at most ${LOWERED} requests in flight at once (${most})`);
    t.notMatch(replicas[0]!.stderr(), /another replica lowered the concurrency/, 'A does not hear its own reading');
  });
}
