/**
 * A 3xx from Atlassian is never a result: it is an error naming only the host it pointed at (never the path or
 * query, which may carry tokens), it is not followed, and the instance's health says `redirected`.
 */
import t from 'tap';
import { startTestGateway, TEST_SITES } from '../helpers/gateway.js';
import { useGateway } from '../helpers/harness.js';

const harness = useGateway(t, {});
const call = (name: string, args: Record<string, unknown>) => harness.call(name, args);
t.afterEach(() => {
  for (const site of TEST_SITES) harness.gateway.sandbox.fault(site.id, undefined);
});

const SSO = 'https://sso.example.com:8443/idp/login?session=SECRET-7781&next=%2Frest%2Fapi';

t.test('a write answered with a sign-in redirect is an error naming the host, not "Created undefined"', async (t) => {
  harness.gateway.sandbox.fault('staging', {
    status: 302,
    method: 'POST',
    headers: { location: SSO },
    body: '<html>Sign in</html>',
  });
  const result = await call('jira_staging_create_issue', { project_key: 'WEB', summary: 'Never created' });
  t.ok(result.isError, result.text);
  t.match(
    result.text,
    /Create issue in WEB failed on instance "staging": Atlassian answered with a redirect to sso\.example\.com:8443 /,
  );
  t.match(result.text, /HTTP 302/);
  t.notMatch(result.text, /SECRET-7781|idp\/login|session=/, 'only the host, never the path or query');
  t.notMatch(result.text, /Created undefined/);
  const list = await call('gateway_list_instances', {});
  t.match(list.text, /\*\*staging\*\*[^\n]*status redirected/, 'health shows the redirect');
});

t.test('every 3xx, with a relative, absent or unusable Location, on reads and writes', async (t) => {
  const instanceHost = new URL(harness.gateway.sandbox.url).host;
  const cases = [
    {
      status: 301,
      location: 'https://login.example.org/?token=abc',
      host: 'login.example.org',
      tool: 'jira_get_issue',
      args: { issue_key: 'OPS-1' },
      action: 'Get issue OPS-1',
      site: 'prod',
    },
    {
      status: 303,
      location: '/login.jsp?os_destination=%2Fbrowse',
      host: instanceHost,
      tool: 'confluence_get_page',
      args: { page_id: '1002' },
      action: 'Get page 1002',
      site: 'wiki',
    },
    {
      status: 307,
      location: undefined,
      host: undefined,
      tool: 'jira_staging_search',
      args: { jql: 'project = WEB' },
      action: 'Search issues',
      site: 'staging',
    },
    {
      status: 308,
      location: 'http://[bad',
      host: undefined,
      tool: 'jira_add_comment',
      args: { issue_key: 'OPS-1', body: 'x' },
      action: undefined,
      site: 'prod',
    },
  ];
  for (const item of cases) {
    harness.gateway.sandbox.fault(item.site, {
      status: item.status,
      headers: item.location ? { location: item.location } : {},
      body: '',
    });
    const result = await call(item.tool, item.args);
    t.ok(result.isError, `${item.status}: ${result.text}`);
    if (item.action) t.match(result.text, `${item.action} failed on instance "${item.site}"`);
    t.match(
      result.text,
      item.host ? `a redirect to ${item.host} instead of a result` : 'a redirect without a target instead of a result',
      `${item.status}`,
    );
    t.match(result.text, `HTTP ${item.status}`);
    t.notMatch(result.text, /token=|os_destination|\[bad/);
    harness.gateway.sandbox.fault(item.site, undefined);
  }
});

t.test('a redirect is not followed, even to a path on the instance that would answer', async (t) => {
  const target = `${harness.gateway.sandbox.instanceUrl('prod')}/rest/api/2/myself`;
  harness.gateway.sandbox.fault('prod', { status: 302, headers: { location: target }, times: 1 });
  const before = harness.gateway.sandbox.requests.length;
  const result = await call('jira_get_issue', { issue_key: 'OPS-1' });
  t.ok(result.isError);
  t.match(result.text, /a redirect to 127\.0\.0\.1:\d+ instead of a result/);
  t.same(
    harness.gateway.sandbox.requests.slice(before).filter((request) => request.path === '/rest/api/2/myself'),
    [],
    'the Location was never requested',
  );
});

t.test('the startup probe and /readyz report a redirecting instance', async (t) => {
  const probed = await startTestGateway();
  t.teardown(() => probed.close());
  probed.sandbox.fault('wiki', { status: 302, headers: { location: 'https://id.example.net/login?x=1' } });
  await probed.core.probe();
  const ready = (await (await fetch(`${probed.url}/readyz`)).json()) as {
    instances: Array<{ name: string; status: string }>;
  };
  t.same(Object.fromEntries(ready.instances.map((instance) => [instance.name, instance.status])), {
    prod: 'ok',
    staging: 'ok',
    wiki: 'redirected',
    dcwiki: 'ok',
  });
  t.match(probed.logs.join(''), /redirect to id\.example\.net/, 'the log names the host');
  t.notMatch(probed.logs.join(''), /login\?x=1/);
});
