/**
 * Resources through the official client over every HTTP transport: the templates, each kind of item read as
 * markdown through the caller's own tools (so allow-lists and disabled tools apply), `resource_link` blocks in tool
 * results, and `resources/list` as the connection's recent items followed by the caller's favourites.
 */
import type { Client } from '@modelcontextprotocol/client';
import t, { type Test } from 'tap';
import { connectClient, HTTP_TRANSPORTS, textOf } from '../helpers/clients.js';
import { startTestGateway } from '../helpers/gateway.js';
import { assertRequestsMatchSpec } from '../helpers/harness.js';

/** The sandbox's favourites: each Jira site's favourite filter, each Confluence site's favourite page. */
const FAVOURITES = [
  'jira://prod/filter/10101',
  'jira://staging/filter/10101',
  'confluence://wiki/page/1002',
  'confluence://dcwiki/page/1002',
];

async function read(t: Test, client: Client, uri: string): Promise<string> {
  const { contents } = await client.readResource({ uri });
  t.equal(contents.length, 1);
  t.equal(contents[0]?.mimeType, 'text/markdown');
  return 'text' in contents[0]! ? contents[0].text : '';
}

for (const kind of HTTP_TRANSPORTS) {
  t.test(`${kind}: templates, reads, resource links and recent items`, async (t) => {
    const gateway = await startTestGateway({ stateful: kind === 'http-2025' });
    t.teardown(() => gateway.close());
    const client = await connectClient(gateway.url, kind);
    t.teardown(() => client.close());

    t.ok(client.getServerCapabilities()?.resources, 'the resources capability is declared');
    const { resourceTemplates } = await client.listResourceTemplates();
    t.same(resourceTemplates.map((template) => template.uriTemplate).sort(), [
      'confluence://{instance}/page/{id}',
      'confluence://{instance}/space/{key}',
      'jira://{instance}/filter/{id}',
      'jira://{instance}/issue/{key}',
      'jira://{instance}/project/{key}',
    ]);
    t.match(
      resourceTemplates.find((template) => template.name === 'jira-issue')?.description,
      /Instances: prod, staging\./,
    );

    t.match(
      await read(t, client, 'jira://prod/issue/OPS-3'),
      /^# OPS-3: \[prod\] Rotate the service account credentials/,
    );
    t.match(await read(t, client, 'jira://staging/issue/web-1'), /^# WEB-1: /, 'keys are read as Jira spells them');
    const project = await read(t, client, 'jira://staging/project/WEB');
    t.match(project, /^# .+ \(WEB\)\nJira project on instance "staging"\n/);
    await t.rejects(
      client.readResource({ uri: 'jira://prod/project/NOPE' }),
      { message: /instance "prod"/ },
      'a project that does not exist is an error, not an empty listing',
    );
    t.match(project, /## Newest issues\n\n5 issues for: project = "WEB" ORDER BY created DESC[\s\S]*WEB-1/);
    t.notMatch(
      project,
      /## Versions/,
      'versions only where the caller has get_project_versions (not in the default set)',
    );
    const filter = await read(t, client, 'jira://prod/filter/10101');
    t.match(
      filter,
      /^# Filter Customer issues\nEverything customers reported\nJQL: `project = OPS AND labels = customer ORDER BY key DESC`/,
    );
    t.match(filter, /OPS-\d+/);
    t.match(await read(t, client, 'jira://staging/filter/10101'), /WEB-5[\s\S]*WEB-3[\s\S]*WEB-1/, 'Cloud filters too');
    const page = await read(t, client, 'confluence://wiki/page/1001');
    t.match(page, /^# .+\n/);
    t.match(page, /Space: ENG/);
    const space = await read(t, client, 'confluence://dcwiki/space/DOC');
    t.match(space, /\(DOC\)[\s\S]*## Pages/);

    await t.rejects(
      client.readResource({ uri: 'jira://nowhere/issue/OPS-1' }),
      { code: -32602, data: { uri: /./ } },
      'unknown instance',
    );
    await t.rejects(
      client.readResource({ uri: 'jira://prod/sprint/1' }),
      { code: -32602, data: { uri: /./ } },
      'unknown kind',
    );
    await t.rejects(
      client.readResource({ uri: 'jira://prod/issue/OPS-999' }),
      { message: /instance "prod"[\s\S]*(not found|does not exist)/i },
      'a missing issue names the instance and the cause',
    );
    await t.rejects(client.readResource({ uri: 'jira://prod/filter/999' }), { message: /prod/ });

    const issue = await client.callTool({ name: 'jira_staging_get_issue', arguments: { issue_key: 'WEB-1' } });
    t.match(issue.content, [
      { type: 'text' },
      {
        type: 'resource_link',
        uri: 'jira://staging/issue/WEB-1',
        name: 'WEB-1',
        title: /^WEB-1: /,
        mimeType: 'text/markdown',
      },
    ]);
    const created = await client.callTool({
      name: 'confluence_create_page',
      arguments: { space_key: 'ENG', title: 'Resource links', content: 'Hello' },
    });
    t.notOk(created.isError, textOf(created));
    const link = created.content.find((block) => block.type === 'resource_link');
    t.match(link, { uri: /^confluence:\/\/wiki\/page\/\d+$/, title: 'Resource links' });
    t.match(await read(t, client, (link as { uri: string }).uri), /^# Resource links/, 'the link reads back');

    const { resources } = await client.listResources();
    if (kind === 'http-2026') {
      t.same(
        resources.map((resource) => resource.uri),
        FAVOURITES,
        'a stateless request has no history of its own: only the favourites',
      );
    } else {
      t.same(
        resources.slice(0, 3).map((resource) => resource.uri),
        [(link as { uri: string }).uri, 'jira://staging/issue/WEB-1', 'confluence://dcwiki/space/DOC'],
        'newest first: what was read and what tool results linked to',
      );
      t.same(
        resources.slice(-2).map((resource) => resource.uri),
        ['confluence://wiki/page/1002', 'confluence://dcwiki/page/1002'],
        'then the favourites not read already (both favourite filters were)',
      );
      for (const uri of FAVOURITES)
        t.equal(resources.filter((resource) => resource.uri === uri).length, 1, `${uri} is listed once`);
      t.equal(
        resources.filter((resource) => resource.uri === 'jira://staging/issue/WEB-1').length,
        1,
        'each item once',
      );
    }
    assertRequestsMatchSpec(t, gateway);
  });
}

t.test('resources follow the caller catalogue: allow-lists and disabled tools', async (t) => {
  const gateway = await startTestGateway({
    overrides: { prod: { projects_filter: ['NOPE'] } },
    extra: { enabled_tools: ['jira_get_issue', 'jira_staging_get_issue', 'confluence_get_page'] },
  });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'ws-2025');
  t.teardown(() => client.close());
  const { resourceTemplates } = await client.listResourceTemplates();
  t.same(
    resourceTemplates.map((template) => template.name),
    ['jira-issue', 'confluence-page'],
    'only templates whose reading tool the caller has',
  );
  await t.rejects(
    client.readResource({ uri: 'jira://prod/issue/OPS-3' }),
    { message: /prod/ },
    'outside the allow-list',
  );
  await t.rejects(
    client.readResource({ uri: 'confluence://wiki/space/ENG' }),
    { code: -32602, data: { uri: /./ } },
    'get_space is disabled',
  );
  await t.rejects(
    client.readResource({ uri: 'jira://staging/project/WEB' }),
    { code: -32602, data: { uri: /./ } },
    'search is disabled',
  );
  t.match(await read(t, client, 'jira://staging/issue/WEB-1'), /^# WEB-1/);
});

t.test('a gateway key limited to one instance reads, is prompted and completes only there', async (t) => {
  const key = 'prod-only-key-0123456789';
  const gateway = await startTestGateway({
    extra: { api_keys: [{ key, name: 'ci', instances: ['prod'], read_only: true }] },
  });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'http-2026', { authorization: `Bearer ${key}` });
  t.teardown(() => client.close());
  const { resourceTemplates } = await client.listResourceTemplates();
  t.same(
    resourceTemplates.map((template) => template.name),
    ['jira-issue', 'jira-project', 'jira-filter'],
    'no Confluence templates: the key has no Confluence instance',
  );
  t.match(resourceTemplates[0]?.description, /Instances: prod\.$/);
  t.match(await read(t, client, 'jira://prod/issue/OPS-3'), /^# OPS-3/);
  await t.rejects(client.readResource({ uri: 'jira://staging/issue/WEB-1' }), { code: -32602, data: { uri: /./ } });
  const { prompts } = await client.listPrompts();
  t.same(
    prompts.map((prompt) => prompt.name),
    ['triage_my_open_bugs', 'release_notes'],
    'read-only: no prompt whose needed tools write',
  );
  const instances = await client.complete({
    ref: { type: 'ref/resource', uri: 'jira://{instance}/issue/{key}' },
    argument: { name: 'instance', value: '' },
  });
  t.same(instances.completion.values, ['prod']);
});

t.test('with tool_naming: argument, prompts name the generic tool and its instance', async (t) => {
  const gateway = await startTestGateway({ extra: { tool_naming: 'argument' } });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'ws-2026');
  t.teardown(() => client.close());
  const { messages } = await client.getPrompt({ name: 'triage_my_open_bugs', arguments: { instance: 'staging' } });
  t.match(messages[0]?.content, { type: 'text', text: /Call `jira_search` \(instance "staging"\) with jql/ });
  t.match(await read(t, client, 'jira://staging/issue/WEB-1'), /^# WEB-1/);
  const issue = await client.callTool({
    name: 'jira_get_issue',
    arguments: { instance: 'staging', issue_key: 'WEB-1' },
  });
  t.match(issue.content, [{ type: 'text' }, { type: 'resource_link', uri: 'jira://staging/issue/WEB-1' }]);
});
