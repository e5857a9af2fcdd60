/**
 * Sign-in across replicas: two gateways on one Redis (`state.redis_url`), the same secret and public URL, one sandbox.
 * A user who signed in through the first is served by the second, with their own Atlassian token, and signing out
 * on the second signs them out on the first. Settings that would let replicas disagree are refused at startup.
 */
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';
import { startTestSandbox, type TestSandbox } from '@atlassian-mcp-gateway/sandbox/testing';
import { buildApp } from '../../src/app.js';
import { ConfigError } from '../../src/config/errors.js';
import type { GatewayConfig } from '../../src/config/schema.js';
import { createGatewayCore } from '../../src/gateway.js';
import { openRedisState } from '../../src/state/redis-state.js';
import { textOf } from '../helpers/clients.js';
import { captureLogger, sandboxConfig } from '../helpers/gateway.js';
import { CLOUD_JIRA_SITE } from '../helpers/oauth-apps.js';
import { freePort, redisAvailable, startRedis } from '../helpers/redis.js';
import { connectWith, PER_USER_CLOUD, signInAs } from '../helpers/sign-in.js';

const SITES: readonly SiteDefinition[] = [CLOUD_JIRA_SITE];
const PER_USER = { cloudjira: PER_USER_CLOUD };
const KEY = 'replica-shared-secret-0123456789-abcdef';

/** One replica: its own core, app and Redis connection, listening on `port`. */
async function startReplica(t: Test, config: GatewayConfig, sandbox: TestSandbox, redisUrl: string, port: number) {
  const { logger, logs } = captureLogger('warn');
  const shared = await openRedisState(redisUrl, { log: logger });
  const core = await createGatewayCore(config, {
    logger,
    atlassianApiUrl: sandbox.url,
    atlassianAuthUrl: sandbox.url,
    shared,
  });
  const { app } = await buildApp(core);
  await app.listen({ host: '127.0.0.1', port });
  t.teardown(async () => {
    await app.close();
    core.close();
    await shared.close();
  });
  return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, logs };
}

if (redisAvailable(t, 'test/e2e/sign-in-replicas.test.ts')) {
  t.test('a user signed in on one replica is served by the other, as themselves, until they sign out', async (t) => {
    const redis = await startRedis(t);
    const sandbox = await startTestSandbox({ sites: SITES, record: true });
    t.teardown(() => sandbox.close());
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const config = sandboxConfig(
      sandbox,
      SITES,
      ['cloudjira'],
      {
        auth: { mode: 'oauth', rate_limit: 10_000, key: KEY, public_url: publicUrl },
        state: { redis_url: redis.url },
      },
      PER_USER,
    );
    const first = await startReplica(t, config, sandbox, redis.url, port);
    const second = await startReplica(t, config, sandbox, redis.url, 0);

    const alice = await signInAs(first.url, sandbox.url, 'alice');
    t.teardown(() => alice.close());
    const onFirst = await alice.client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'WEB-1' } });
    t.notOk(onFirst.isError, textOf(onFirst).slice(0, 200));

    const before = sandbox.requests.length;
    const client = await connectWith(second.url, alice.provider);
    t.teardown(() => client.close());
    const onSecond = await client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'WEB-1' } });
    t.notOk(onSecond.isError, `the second replica answered: ${textOf(onSecond).slice(0, 200)}`);
    t.match(textOf(onSecond), /WEB-1/);
    const users = sandbox.requests
      .slice(before)
      .filter((request) => request.site === 'cloudjira')
      .map((request) => sandbox.oauth.userOf(request.authorization));
    t.ok(users.length > 0, 'the second replica reached the sandbox');
    t.same(new Set(users), new Set(['alice']), "with alice's own Atlassian token");

    // Revoking on the second replica signs alice out on the first too.
    const revoked = await fetch(`${second.url}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        token: alice.provider.saved!.refresh_token!,
        client_id: alice.provider.clientInfo!.client_id,
      }),
    });
    t.equal(revoked.status, 200, 'the revocation was accepted');
    const after = await fetch(`${first.url}/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${alice.provider.saved!.access_token}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    t.equal(after.status, 401, 'the first replica no longer accepts her token');
  });

  t.test('replicas sharing state must share the secret and the issuer', async (t) => {
    const sandbox = await startTestSandbox({ sites: SITES });
    t.teardown(() => sandbox.close());
    const problem = (auth: Record<string, unknown>) => {
      try {
        sandboxConfig(
          sandbox,
          SITES,
          ['cloudjira'],
          { auth, state: { redis_url: 'redis://127.0.0.1:6379' } },
          PER_USER,
        );
        return '';
      } catch (error) {
        return error instanceof ConfigError ? error.message : String(error);
      }
    };
    t.match(problem({ mode: 'oauth', public_url: 'https://mcp.example.com' }), /auth\.key.*same secret/);
    t.match(problem({ mode: 'oauth', key: KEY }), /auth\.public_url.*same issuer/);
    t.equal(problem({ mode: 'oauth', key: KEY, public_url: 'https://mcp.example.com' }), '');
  });
}
