/**
 * An answer shows what its caller asked for. Jira can answer with fields nobody requested (apps add theirs, some
 * versions ignore the list); `jira_get_issue` renders only the requested ones. And a structured result is sent only
 * when output schemas are listed: without them nobody can use it, and it more than doubles the answer.
 */
import t, { type Test } from 'tap';
import { fakeJira, jiraIssue, sendJson, startFakeAtlassian, startGatewayFor } from '../helpers/fake-atlassian.js';

/** Jira answering with every field it has, whatever `fields` said. */
const chatty = jiraIssue('OPS-1', {
  description: 'Rotate the keys.',
  customfield_10016: 5,
  customfield_10099: 'note from an app nobody asked for',
  environment: 'prod cluster 7',
  timetracking: { originalEstimate: '2d' },
});

async function gatewayOnChattyJira(t: Test, extra: Record<string, unknown> = {}) {
  const fake = await startFakeAtlassian(t, (_request, response, url) => {
    if (url.pathname === '/rest/api/2/issue/OPS-1') return sendJson(response, chatty);
    if (url.pathname === '/rest/api/2/field') {
      return sendJson(response, [
        { id: 'customfield_10016', name: 'Story Points', custom: true },
        { id: 'customfield_10099', name: 'App note', custom: true },
      ]);
    }
    sendJson(response, { errorMessages: ['not here'] }, 404);
  });
  return startGatewayFor(t, { instances: [fakeJira(fake.url)], ...extra });
}

t.test('fields Jira sends unasked are not rendered; asked ones are', async (t) => {
  const gateway = await gatewayOnChattyJira(t);

  const plain = await gateway.call('jira_get_issue', { issue_key: 'OPS-1' });
  t.notOk(plain.isError, plain.text.slice(0, 200));
  t.match(plain.text, /Rotate the keys\./, 'the description is there');
  t.notMatch(
    plain.text,
    /Other fields|note from an app|prod cluster 7|originalEstimate|customfield_/,
    'no field nobody asked for',
  );
  t.same(Object.keys((plain.structured?.other_fields as object | undefined) ?? {}), [], 'nor in the structured result');

  const asked = await gateway.call('jira_get_issue', { issue_key: 'OPS-1', fields: ['Story Points'] });
  t.match(asked.text, /## Other fields\n- customfield_10016: 5/, 'the field asked for by name is shown');
  t.notMatch(asked.text, /note from an app|prod cluster 7/, 'and only that one');

  const every = await gateway.call('jira_get_issue', { issue_key: 'OPS-1', fields: ['*all'] });
  t.match(every.text, /note from an app nobody asked for/, '*all asks for everything');
  t.match(every.text, /prod cluster 7/);
});

t.test('structured results go out only when output schemas are listed', async (t) => {
  const withSchemas = await gatewayOnChattyJira(t);
  const listed = await withSchemas.call('jira_get_issue', { issue_key: 'OPS-1' });
  t.equal(
    (listed.structured as { key?: string } | undefined)?.key,
    'OPS-1',
    'with output schemas: a structured result',
  );

  const without = await gatewayOnChattyJira(t, { output_schemas: false });
  const tools = await without.client.listTools();
  t.notOk(
    tools.tools.some((tool) => tool.outputSchema),
    'no tool lists an output schema',
  );
  const plain = await without.call('jira_get_issue', { issue_key: 'OPS-1' });
  t.notOk(plain.isError);
  t.match(plain.text, /# OPS-1: Issue OPS-1/, 'the text is all there');
  t.equal(plain.structured, undefined, 'and no structured result rides along');
});
