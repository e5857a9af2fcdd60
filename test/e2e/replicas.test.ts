/**
 * Replicas sharing state through Debian's `redis-server`: two gateway processes on one Redis (with a password),
 * driven by the official MCP client. A stateful session opened on one replica is served by the other, its defaults
 * with it, and closing it there closes it everywhere; a key's defaults set on one replica are read on the other;
 * with Redis gone, calls that need it say so clearly (naming where Redis is, never its password), the processes keep
 * serving what does not need it, and recover when Redis is back.
 * Skipped, loudly, where redis-server is not installed; under CI (which installs it) that is a failure instead.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import t from 'tap';
import { startTestSandbox } from '@atlassian-mcp-gateway/sandbox/testing';
import { sandboxInstances } from '../../src/cli/demo.js';
import { connectClient, textOf } from '../helpers/clients.js';
import { TEST_SITES } from '../helpers/gateway.js';
import { redisAvailable, startRedis } from '../helpers/redis.js';
import { startReplicas } from '../helpers/replicas.js';

const KEY = 'replica-key-0123456789abcdef';
const PASSWORD = 'redis-pass-Xy7Qw2';
const headers = { 'x-gateway-key': KEY };

if (redisAvailable(t, 'test/e2e/replicas.test.ts')) {
  const sites = TEST_SITES.filter((site) => site.id === 'prod');
  const sandbox = await startTestSandbox({ sites });
  t.teardown(() => sandbox.close());
  const redis = await startRedis(t, { password: PASSWORD });
  const config = { api_keys: [KEY], server: { stateful: true }, instances: sandboxInstances(sandbox, sites, ['prod']) };
  const [a, b] = await startReplicas(t, config, redis.url);

  /** A 2025-era client joining the session `sessionId` on `url` without a handshake of its own. */
  const joinSession = async (url: string, sessionId: string) => {
    const client = new Client({ name: 'replica-tests', version: '1.0.0' }, { versionNegotiation: { mode: 'legacy' } });
    const transport = new StreamableHTTPClientTransport(new URL(`${url}/mcp`), { sessionId, requestInit: { headers } });
    await client.connect(transport);
    return { client, transport };
  };

  t.test(
    'a session opened on one replica is served by the other, defaults included, and closed everywhere',
    async (t) => {
      const onA = await connectClient(a!.url, 'http-2025', headers);
      t.teardown(() => onA.close());
      const sessionId = (onA as unknown as { transport: { sessionId?: string } }).transport.sessionId;
      t.ok(sessionId, 'A opened a session');
      const set = await onA.callTool({ name: 'gateway_set_defaults', arguments: { jira_project: 'OPS' } });
      t.notOk(set.isError, textOf(set));

      const onB = await joinSession(b!.url, sessionId!);
      t.teardown(() => onB.client.close());
      const issue = await onB.client.callTool({ name: 'jira_get_issue', arguments: { issue_key: 'OPS-1' } });
      t.notOk(issue.isError, textOf(issue));
      t.match(textOf(issue), /OPS-1/, 'B answers a call of the session');
      const shown = await onB.client.callTool({ name: 'gateway_set_defaults', arguments: { show: true } });
      t.match(textOf(shown), /jira_project: OPS/, "the session's defaults set on A are used on B");

      await onB.transport.terminateSession();
      const afterwards = await fetch(`${a!.url}/mcp`, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-session-id': sessionId!,
          'mcp-protocol-version': '2025-11-25',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
      });
      t.equal(afterwards.status, 404, 'closed on B, the session is gone on A too');
    },
  );

  t.test('a session id no replica opened is not found on either', async (t) => {
    for (const replica of [a!, b!]) {
      const answer = await fetch(`${replica.url}/mcp`, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-session-id': 'no-such-session',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      t.equal(answer.status, 404);
    }
  });

  t.test("a key's defaults set on one replica are the defaults on the other (stateless HTTP)", async (t) => {
    const onA = await connectClient(a!.url, 'http-2026', headers);
    t.teardown(() => onA.close());
    const onB = await connectClient(b!.url, 'http-2026', headers);
    t.teardown(() => onB.close());
    const set = await onA.callTool({
      name: 'gateway_set_defaults',
      arguments: { jira_project: 'OPS', preferred_user: 'alice' },
    });
    t.notOk(set.isError, textOf(set));
    const shown = await onB.callTool({ name: 'gateway_set_defaults', arguments: { show: true } });
    t.match(textOf(shown), /jira_project: OPS/);
    t.match(textOf(shown), /preferred_user: alice/);
    const reset = await onB.callTool({ name: 'gateway_set_defaults', arguments: { reset: true } });
    t.notOk(reset.isError, textOf(reset));
    t.match(
      textOf(await onA.callTool({ name: 'gateway_set_defaults', arguments: { show: true } })),
      /none/,
      'reset on B, gone on A',
    );
  });

  t.test('with Redis down, calls that need it say so; the replicas keep serving and recover', async (t) => {
    const onA = await connectClient(a!.url, 'http-2026', headers);
    t.teardown(() => onA.close());
    await redis.stop();

    const refused = await onA.callTool({ name: 'gateway_set_defaults', arguments: { jira_project: 'OPS' } });
    t.ok(refused.isError, 'setting defaults fails');
    t.match(textOf(refused), `the shared state (redis://***@127.0.0.1:${redis.port}) is unreachable`);
    t.notMatch(textOf(refused), PASSWORD);
    // Any call may need the caller's defaults (an instance, a project): none goes out without them.
    const listed = await onA.callTool({ name: 'gateway_list_instances', arguments: {} });
    t.ok(listed.isError, 'a call whose defaults cannot be read is refused');
    t.match(
      textOf(listed),
      /your defaults could not be read: the shared state \(redis:\/\/\*\*\*@127\.0\.0\.1:\d+\) is unreachable/,
    );
    t.equal((await fetch(`${a!.url}/healthz`)).status, 200, 'the replica itself is fine');

    const lookup = await fetch(`${b!.url}/mcp`, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': 'somewhere-else',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    t.equal(lookup.status, 503, 'a session another replica may hold cannot be looked up: 503, not 404');
    t.match(await lookup.text(), /shared state .* is unreachable/);

    await redis.start();
    await waitFor(async () => {
      const again = await onA.callTool({ name: 'gateway_set_defaults', arguments: { jira_project: 'OPS' } });
      return !again.isError;
    });
    t.pass('defaults work again once Redis is back');
    for (const replica of [a!, b!]) {
      t.equal(replica.child.exitCode, null, 'the replica is still running');
      t.notMatch(replica.stderr(), PASSWORD, 'no log line carries the password');
      t.notMatch(replica.stderr(), /"stack"|\n\s+at /, 'no stack trace in the logs');
    }
    t.match(a!.stderr(), /shared state unreachable/, 'losing Redis is logged');
    t.match(a!.stderr(), /shared state reachable again/, 'and finding it again');
  });
}

async function waitFor(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
