/**
 * In multi-tenant mode a caller's resources, prompts and completions come from the instances its headers name, and
 * reach Atlassian with its own credential only.
 */
import t from 'tap';
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';
import { connectClient } from '../helpers/clients.js';
import { startTestGateway } from '../helpers/gateway.js';

const SITES: readonly SiteDefinition[] = [
  {
    id: 'dc',
    product: 'jira',
    flavor: 'server',
    key: 'OPS',
    credentials: { type: 'pat', token: 'operator-pat-Hd6' },
    oauth: { clientId: 'dc-app', clientSecret: 'dc-secret-Lk3' },
  },
];

t.test('a tenant reads resources and completes arguments with its own credential', async (t) => {
  const gateway = await startTestGateway({
    sites: SITES,
    configured: [],
    defaults: [],
    extra: {
      multi_tenant: { enabled: true, allow_http: true, allow_private_networks: true, allowed_urls: ['127.0.0.1'] },
    },
  });
  t.teardown(() => gateway.close());
  const { sandbox } = gateway;
  const token = sandbox.oauth.issue('dc').access_token;
  const client = await connectClient(gateway.url, 'ws-2025', {
    authorization: `Bearer ${token}`,
    'x-jira-url': sandbox.instanceUrl('dc'),
  });
  t.teardown(() => client.close());

  const { resourceTemplates } = await client.listResourceTemplates();
  t.same(
    resourceTemplates.map((template) => template.name),
    ['jira-issue', 'jira-project', 'jira-filter'],
  );
  const instances = await client.complete({
    ref: { type: 'ref/resource', uri: 'jira://{instance}/issue/{key}' },
    argument: { name: 'instance', value: '' },
  });
  t.equal(instances.completion.values.length, 1, 'the tenant has one Jira instance');
  const name = instances.completion.values[0]!;

  const start = sandbox.requests.length;
  const { contents } = await client.readResource({ uri: `jira://${name}/issue/OPS-1` });
  t.match(contents[0], { text: /^# OPS-1/ });
  const projects = await client.complete({
    ref: { type: 'ref/prompt', name: 'release_notes' },
    argument: { name: 'project', value: 'O' },
  });
  t.match(projects.completion.values, ['OPS']);
  const { resources } = await client.listResources();
  t.same(
    resources.map((resource) => resource.uri),
    [`jira://${name}/issue/OPS-1`, `jira://${name}/filter/10101`],
    "the tenant's recent items and its own favourites",
  );
  const upstream = sandbox.requests.slice(start);
  t.ok(
    upstream.some((request) => request.path.endsWith('/filter/favourite')),
    'favourites were asked for',
  );
  t.ok(upstream.length >= 3);
  t.ok(
    upstream.every((request) => request.authorization === `Bearer ${token}`),
    "every upstream request carried the tenant's token, never the operator's",
  );
});
