/**
 * Replicas sharing what they learn about Atlassian, through Debian's `redis-server`: two gateway processes, each with
 * its own token directory (as on machines of their own), on one OAuth 2.0 Server/DC Jira of the sandbox. Racing
 * each other to refresh an expired token, they refresh it exactly once (counted at the sandbox's token endpoint,
 * which rotates refresh tokens, so a second refresh with the old one would fail); a 429 with Retry-After seen by
 * one pauses the other, which then sends nothing until the pause ends.
 * Skipped, loudly, where redis-server is not installed; under CI (which installs it) that is a failure instead.
 */
import { join } from 'node:path';
import t from 'tap';
import { startTestSandbox } from '@atlassian-mcp-gateway/sandbox/testing';
import { sandboxInstances } from '../../src/cli/demo.js';
import { connectClient, textOf } from '../helpers/clients.js';
import { DC_APP, DC_JIRA_SITE } from '../helpers/oauth-apps.js';
import { redisAvailable, startRedis } from '../helpers/redis.js';
import { startReplicas } from '../helpers/replicas.js';

const SITE = DC_JIRA_SITE;
const TOKEN_PATH = /\/rest\/oauth2\/latest\/token$/;

if (redisAvailable(t, 'test/e2e/replicas-upstream.test.ts')) {
  const sandbox = await startTestSandbox({ sites: [SITE], record: true });
  t.teardown(() => sandbox.close());
  const redis = await startRedis(t);
  // A slow token endpoint, so both replicas are inside a refresh at once.
  sandbox.fault('dcjira', { status: 200, path: TOKEN_PATH, delayMs: 300, thenServe: true });
  const { refresh_token } = sandbox.oauth.issue('dcjira');
  const instances = sandboxInstances(sandbox, [SITE], ['dcjira'], {
    dcjira: {
      // Only a refresh token: each replica's first request needs an access token first.
      auth: { type: 'oauth', client_id: DC_APP.clientId, client_secret: DC_APP.clientSecret, refresh_token },
      // Short, so a pause longer than a call's time is refused at once rather than waited out.
      timeout: 5,
    },
  });
  const tokenDir = t.testdir();
  const replicas = await startReplicas(t, { instances }, redis.url, {
    env: (index) => ({ OAUTH_TOKEN_DIR: join(tokenDir, `replica-${index}`) }),
  });
  const clients = await Promise.all(replicas.map((replica) => connectClient(replica.url, 'http-2026')));
  t.teardown(() => Promise.all(clients.map((client) => client.close())));
  const [onA, onB] = clients;

  const callBoth = (issues: string[]) =>
    Promise.all(
      [onA!, onB!].flatMap((client) =>
        issues.map((issue_key) => client.callTool({ name: 'jira_get_issue', arguments: { issue_key } })),
      ),
    );

  t.test('the first token is fetched once, however many calls on both replicas need it', async (t) => {
    const results = await callBoth(['OPS-1', 'OPS-2', 'OPS-3']);
    t.same(results.filter((result) => result.isError).map(textOf), [], 'every call on both replicas succeeded');
    t.equal(sandbox.oauth.refreshCount, 1, 'one refresh for both replicas');
  });

  t.test('an expired token is refreshed once by the replicas racing each other', async (t) => {
    for (let round = 0; round < 3; round++) {
      const before = sandbox.oauth.refreshCount;
      sandbox.oauth.expireAccessTokens();
      const results = await callBoth(['OPS-1', 'OPS-2', 'OPS-3', 'OPS-4']);
      t.same(results.filter((result) => result.isError).map(textOf), [], `round ${round}: every call succeeded`);
      t.equal(sandbox.oauth.refreshCount, before + 1, `round ${round}: exactly one refresh`);
    }
  });

  t.test('a 429 with Retry-After seen by one replica pauses the other', async (t) => {
    sandbox.fault('dcjira', { status: 429, retryAfter: 60, path: /\/issue\/OPS-1$/, times: 1 });
    const limited = await onA!.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } });
    t.ok(limited.isError, 'A was rate limited');
    t.match(textOf(limited), /rate limit|429/i);
    // Broadcasts take a moment; B says when it heard.
    await waitFor(() => /Atlassian asked another replica to pause: pausing here too/.test(replicas[1]!.stderr()));
    const sentBefore = sandbox.requests.length;

    const paused = await onB!.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-2' } });
    t.ok(paused.isError, 'B does not call while Atlassian asked for a pause');
    t.match(textOf(paused), /rate limited by Atlassian: it asked for a pause of \d+(\.\d+)? s on this instance/);
    t.equal(sandbox.requests.length, sentBefore, 'B sent nothing to Atlassian');
  });
}

async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
