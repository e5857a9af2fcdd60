/** Startup validation: each instance is probed once and /readyz and gateway_list_instances report what was found. */
import t from 'tap';
import { connectClient, textOf } from '../helpers/clients.js';
import { startTestGateway } from '../helpers/gateway.js';

t.test('good, bad and unreachable instances are told apart at startup', async (t) => {
  const gateway = await startTestGateway({
    overrides: {
      staging: { auth: { type: 'basic', username: 'ci@example.com', token: 'wrong-token' } },
      dcwiki: { url: 'http://127.0.0.1:9', timeout: 2 },
    },
  });
  t.teardown(() => gateway.close());
  const probe = gateway.core.probe();
  t.ok(gateway.core.probing, 'probing');
  const during = await fetch(`${gateway.url}/readyz`);
  t.equal(during.status, 503, 'not ready while probing');
  t.match(await during.json(), { status: 'starting' });
  await probe;

  const ready = await fetch(`${gateway.url}/readyz`);
  t.equal(ready.status, 200);
  const body = (await ready.json()) as { status: string; instances: Array<{ name: string; status: string }> };
  t.equal(body.status, 'ready');
  t.same(Object.fromEntries(body.instances.map((instance) => [instance.name, instance.status])), {
    prod: 'ok',
    staging: 'bad_credentials',
    wiki: 'ok',
    dcwiki: 'unreachable',
  });
  t.same(
    gateway.sandbox.requests.map((request) => `${request.site} ${request.path}`).sort(),
    [
      'prod /rest/api/2/myself',
      'prod /rest/servicedeskapi/info',
      'staging /rest/api/3/myself',
      'staging /rest/servicedeskapi/info',
      'wiki /wiki/rest/api/user/current',
    ],
    'one probe per reachable instance, at the documented current-user endpoints, and Jira asked about Service Management',
  );
  t.same(
    Object.fromEntries(
      body.instances.map((instance) => [instance.name, (instance as { servicedesk?: string }).servicedesk]),
    ),
    { prod: 'available', staging: 'unknown', wiki: undefined, dcwiki: undefined },
    'Service Management found where it answered; unknown where the credentials were refused',
  );
  t.match(gateway.logs.join(''), /instance failed its startup check/);
  t.notMatch(gateway.logs.join(''), /wrong-token/, 'the bad credential is not logged');

  const client = await connectClient(gateway.url, 'http-2026');
  t.teardown(() => client.close());
  const listed = textOf(await client.callTool({ name: 'gateway_list_instances', arguments: {} }));
  t.match(listed, /\*\*staging\*\*.*status bad_credentials/);
  t.match(listed, /\*\*dcwiki\*\*.*status unreachable/);
});
