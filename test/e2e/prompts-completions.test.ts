/**
 * Prompts and completions through the official client over every HTTP transport: prompts are offered only where the
 * caller has their tools and name those tools as the caller's catalogue does; completions come from the caller's
 * instances (projects, spaces, issue types, versions, request transitions) and follow what was typed.
 */
import type { Client } from '@modelcontextprotocol/client';
import t from 'tap';
import { connectClient, HTTP_TRANSPORTS } from '../helpers/clients.js';
import { startTestGateway } from '../helpers/gateway.js';
import { assertRequestsMatchSpec } from '../helpers/harness.js';

const SERVICE_DESKS = { prod: { servicedesk: true }, staging: { servicedesk: true } };

async function promptText(client: Client, name: string, args: Record<string, string>): Promise<string> {
  const { messages } = await client.getPrompt({ name, arguments: args });
  const content = messages[0]?.content;
  return content?.type === 'text' ? content.text : '';
}

async function complete(
  client: Client,
  ref: { type: 'ref/prompt'; name: string } | { type: 'ref/resource'; uri: string },
  name: string,
  value: string,
  given?: Record<string, string>,
): Promise<string[]> {
  const answer = await client.complete({
    ref,
    argument: { name, value },
    ...(given ? { context: { arguments: given } } : {}),
  });
  return answer.completion.values;
}

for (const kind of HTTP_TRANSPORTS) {
  t.test(`${kind}: prompts with the caller's tool names, completions from its instances`, async (t) => {
    const gateway = await startTestGateway({
      stateful: kind === 'http-2025',
      extra: { toolsets: ['all'] },
      overrides: SERVICE_DESKS,
    });
    t.teardown(() => gateway.close());
    const client = await connectClient(gateway.url, kind);
    t.teardown(() => client.close());
    const capabilities = client.getServerCapabilities();
    t.ok(capabilities?.prompts && capabilities.completions, 'prompts and completions are declared');

    const { prompts } = await client.listPrompts();
    t.same(
      prompts.map((prompt) => prompt.name),
      [
        'triage_my_open_bugs',
        'release_notes',
        'summarize_page_tree',
        'meeting_notes_to_issues',
        'sprint_review',
        'answer_service_request',
      ],
    );
    t.match(prompts.find((prompt) => prompt.name === 'summarize_page_tree')?.arguments, [
      { name: 'instance' },
      { name: 'page_id', required: true },
    ]);

    const triage = await promptText(client, 'triage_my_open_bugs', { instance: 'staging', project: 'web' });
    t.match(
      triage,
      /Call `jira_staging_search` with jql `assignee = currentUser\(\) AND issuetype = Bug AND statusCategory != Done AND project = "WEB"/,
    );
    t.match(
      triage,
      /`jira_staging_get_issue`[\s\S]*`jira_staging_transition_issue` \(`jira_staging_get_transitions` lists/,
    );
    t.match(await promptText(client, 'triage_my_open_bugs', {}), /`jira_search`/, 'the default instance by default');
    t.match(
      await promptText(client, 'release_notes', { project: 'OPS', version: '1.1' }),
      /`jira_search` with jql `project = "OPS" AND fixVersion = "1.1" ORDER BY issuetype, key`/,
    );
    t.match(
      await promptText(client, 'release_notes', { jql: 'fixVersion = "x\\" OR y"' }),
      /jql `fixVersion = "x\\" OR y"`/,
      'a JQL argument is used as given',
    );
    t.match(
      await promptText(client, 'summarize_page_tree', { page_id: '1001', instance: 'dcwiki' }),
      /`confluence_dcwiki_get_page_children` with parent_id 1001/,
    );
    const notes = await promptText(client, 'meeting_notes_to_issues', {
      project: 'ops',
      notes: 'Alice to fix the VPN by Friday',
    });
    t.match(notes, /`jira_batch_create_issues` in one call[\s\S]*Alice to fix the VPN by Friday/);
    t.match(
      await promptText(client, 'sprint_review', { project: 'OPS' }),
      /`jira_get_agile_boards` with project_key OPS/,
    );
    t.match(
      await promptText(client, 'answer_service_request', {
        request_key: 'help-1',
        transition: 'Resolve this issue',
        instance: 'staging',
      }),
      /`servicedesk_staging_get_request` with request_key HELP-1[\s\S]*`servicedesk_staging_search_knowledge_base`[\s\S]*`servicedesk_staging_transition_request` and transition "Resolve this issue"/,
    );
    await t.rejects(client.getPrompt({ name: 'release_notes', arguments: {} }), {
      code: -32602,
      message: /jql, or project and version/,
    });
    await t.rejects(client.getPrompt({ name: 'summarize_page_tree', arguments: {} }), {
      code: -32602,
      message: /needs page_id/,
    });
    await t.rejects(client.getPrompt({ name: 'summarize_page_tree', arguments: { page_id: '1', instance: 'prod' } }), {
      code: -32602,
      message: /Instance "prod" cannot run prompt summarize_page_tree; these can: wiki, dcwiki/,
    });
    await t.rejects(client.getPrompt({ name: 'no_such_prompt' }), { code: -32602 });

    const prompt = (name: string) => ({ type: 'ref/prompt' as const, name });
    t.same(await complete(client, prompt('release_notes'), 'instance', ''), ['prod', 'staging']);
    t.same(await complete(client, prompt('summarize_page_tree'), 'instance', 'dc'), ['dcwiki']);
    t.same(
      await complete(client, prompt('release_notes'), 'project', 'op'),
      ['OPS', 'OPSLAB'],
      'typed prefix, any case',
    );
    t.same(await complete(client, prompt('release_notes'), 'project', '', { instance: 'staging' }), ['WEB', 'WEBLAB']);
    t.same(await complete(client, prompt('release_notes'), 'version', '', { project: 'OPS' }), ['1.0', '1.1']);
    t.same(await complete(client, prompt('release_notes'), 'version', ''), [], 'versions need the project');
    t.same(await complete(client, prompt('meeting_notes_to_issues'), 'issue_type', 'S', { project: 'OPS' }), [
      'Story',
      'Sub-task',
    ]);
    t.same(await complete(client, prompt('answer_service_request'), 'transition', '', { request_key: 'HELP-1' }), [
      'Respond to customer',
      'Resolve this issue',
    ]);
    t.same(await complete(client, prompt('release_notes'), 'jql', 'pro'), [], 'free text has no completions');
    const template = (uri: string) => ({ type: 'ref/resource' as const, uri });
    t.same(await complete(client, template('jira://{instance}/issue/{key}'), 'instance', ''), ['prod', 'staging']);
    t.same(await complete(client, template('jira://{instance}/issue/{key}'), 'key', 'o'), ['OPS-', 'OPSLAB-']);
    t.same(await complete(client, template('confluence://{instance}/space/{key}'), 'key', '', { instance: 'dcwiki' }), [
      'DOC',
    ]);
    await t.rejects(complete(client, template('jira://{instance}/sprint/{id}'), 'id', ''), { code: -32602 });

    const projectLookups = () =>
      gateway.sandbox.requests.filter((request) => request.site === 'prod' && request.path === '/rest/api/2/project')
        .length;
    const before = projectLookups();
    await complete(client, prompt('triage_my_open_bugs'), 'project', 'O');
    await complete(client, prompt('triage_my_open_bugs'), 'project', 'OP');
    t.equal(projectLookups(), before, 'project keys come from the cache while it is fresh');
    assertRequestsMatchSpec(t, gateway);
  });
}

t.test('prompts are offered only where the caller has their tools', async (t) => {
  const gateway = await startTestGateway({ configured: ['wiki'], defaults: ['wiki'] });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'ws-2026');
  t.teardown(() => client.close());
  const { prompts } = await client.listPrompts();
  t.same(
    prompts.map((prompt) => prompt.name),
    ['summarize_page_tree'],
    'Confluence only: no Jira prompts',
  );
  await t.rejects(client.getPrompt({ name: 'triage_my_open_bugs' }), { code: -32602 });
  await t.rejects(complete(client, { type: 'ref/prompt', name: 'release_notes' }, 'project', ''), { code: -32602 });
});
