/**
 * The signed-in user is the caller everywhere: their defaults (gateway_set_defaults) follow their account across
 * connections and tokens and never reach another user, every call leaves an audit line naming them (and no token),
 * and per-user metrics exist only when the operator turns them on.
 */
import t from 'tap';
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';
import { textOf } from '../helpers/clients.js';
import { startTestGateway, type TestGateway } from '../helpers/gateway.js';
import { CLOUD_JIRA_SITE } from '../helpers/oauth-apps.js';
import { connectWith, PER_USER_CLOUD, type SignedInClient, signInAs } from '../helpers/sign-in.js';

const SITES: readonly SiteDefinition[] = [CLOUD_JIRA_SITE];
const BOB = '5b10ac8d82e05b22cc7d4ef5';
const ALICE = '5b10a2844c20165700ede21g';

function start(extra: Record<string, unknown> = {}): Promise<TestGateway> {
  return startTestGateway({
    sites: SITES,
    defaults: ['cloudjira'],
    logLevel: 'info',
    extra: {
      toolsets: ['all'],
      auth: { mode: 'oauth', rate_limit: 10_000, user_metrics_label: true },
      metrics: { enabled: true },
      ...extra,
    },
    overrides: { cloudjira: PER_USER_CLOUD },
  });
}

/** A call's outcome; a request the server refuses outright (missing required arguments) counts as an error. */
async function call(user: SignedInClient, name: string, args: Record<string, unknown>) {
  try {
    const result = (await user.client.callTool({ name, arguments: args })) as { isError?: boolean };
    return { isError: Boolean(result.isError), text: textOf(result) };
  } catch (error) {
    return { isError: true, text: String(error) };
  }
}

t.test("defaults belong to the user's account, audit lines name them, metrics count them", async (t) => {
  const gateway = await start();
  t.teardown(() => gateway.close());
  const bob = await signInAs(gateway.url, gateway.sandbox.url, 'bob');
  t.teardown(() => bob.close());
  const alice = await signInAs(gateway.url, gateway.sandbox.url, 'alice');
  t.teardown(() => alice.close());

  const set = await call(bob, 'gateway_set_defaults', { jira_project: 'WEB' });
  t.notOk(set.isError, set.text);
  const [mine, theirs] = await Promise.all([
    call(bob, 'jira_get_project_issues', {}),
    call(alice, 'jira_get_project_issues', {}),
  ]);
  t.match(mine.text, /WEB-\d/, "bob's default project fills his call");
  t.ok(theirs.isError, "alice has no default project: bob's never reach her");

  // Another connection of bob's, after his access token was refreshed: still his defaults.
  bob.provider.saved = { ...bob.provider.saved!, access_token: 'expired' };
  const bobAgain = await connectWith(gateway.url, bob.provider);
  t.teardown(() => bobAgain.close());
  const shown = textOf(await bobAgain.callTool({ name: 'gateway_set_defaults', arguments: { show: true } }));
  t.match(shown, /jira_project: WEB/);

  const audit = gateway.logs
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.audit === 'tool-call');
  t.ok(
    audit.some(
      (line) =>
        line.user === BOB &&
        line.tool === 'jira_get_project_issues' &&
        line.instance === 'cloudjira' &&
        line.outcome === 'ok',
    ),
    "bob's call is audited",
  );
  const everything = gateway.logs.join('\n');
  t.notMatch(everything, /sandbox-at-|sandbox-rt-/, 'no Atlassian token in the logs');
  t.notMatch(everything, bob.provider.saved.refresh_token!, 'no gateway token either');
  t.ok(
    gateway.logs.some((line) => line.includes('"audit":"sign-in"') && line.includes(BOB)),
    'the sign-in is audited',
  );

  const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
  t.match(metrics, `mcp_gateway_user_tool_calls_total{user="${BOB}",outcome="ok"}`);
  t.match(metrics, `mcp_gateway_user_tool_calls_total{user="${ALICE}",outcome="error"}`);
});

t.test('per-user metrics are off unless asked for', async (t) => {
  const gateway = await start({ auth: { mode: 'oauth', rate_limit: 10_000 } });
  t.teardown(() => gateway.close());
  const bob = await signInAs(gateway.url, gateway.sandbox.url, 'bob');
  t.teardown(() => bob.close());
  await call(bob, 'jira_get_issue', { issue_key: 'WEB-1' });
  const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
  t.match(metrics, 'mcp_gateway_tool_calls_total{instance="cloudjira"');
  t.notMatch(metrics, 'user_tool_calls', 'no series per user');
  t.notMatch(metrics, BOB);
});
