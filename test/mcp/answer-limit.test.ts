/**
 * Every tool answer is held to max_answer_chars in one place: the text is cut with a note saying so and naming the
 * tool's paging arguments (or what to do when it has none), and the structured result is trimmed to match while
 * still validating against the tool's output schema (the client checks it: output schemas are listed).
 */
import t from 'tap';
import {
  fakeConfluence,
  fakeJira,
  jiraIssue,
  sendJson,
  startFakeAtlassian,
  startGatewayFor,
} from '../helpers/fake-atlassian.js';

t.test('a 3 MB page in storage format comes back cut to the default 100,000 characters, with a note', async (t) => {
  const storage = `<p>${'All work and no play. '.repeat(150_000)}</p>`;
  const fake = await startFakeAtlassian(t, (_request, response) =>
    sendJson(response, {
      id: '1002',
      title: 'Huge',
      space: { key: 'DOC' },
      version: { number: 3 },
      body: { storage: { value: storage } },
      _links: { webui: '/pages/1002' },
    }),
  );
  const gateway = await startGatewayFor(t, { instances: [fakeConfluence(fake.url)] });
  const result = await gateway.call('confluence_get_page', { page_id: '1002', format: 'storage' });
  t.notOk(result.isError, result.text.slice(0, 200));
  t.ok(result.text.length <= 100_400, `text of ${result.text.length} characters`);
  t.match(
    result.text,
    /\[Answer truncated by the gateway: showing the first \d+ of \d+ characters \(MAX_ANSWER_CHARS\)\. Ask for less at a time: narrow the request \(fewer items or fields, a smaller part\)\.\]$/,
  );
  t.ok(result.structured, 'the structured result is kept, trimmed');
  t.ok(
    JSON.stringify(result.structured).length <= 100_000,
    `structured result of ${JSON.stringify(result.structured).length} characters`,
  );
  t.equal(result.structured!.id, '1002', 'short fields stay whole');
  t.ok(String(result.structured!.content).startsWith('<p>All work and no play.'), 'the long field keeps its beginning');
});

t.test('the note names the paging arguments the tool lists for its platform', async (t) => {
  const summary = `Export fails ${'x'.repeat(240)}`;
  const fake = await startFakeAtlassian(t, (_request, response) =>
    sendJson(response, {
      startAt: 0,
      maxResults: 50,
      total: 500,
      issues: Array.from({ length: 50 }, (_item, index) => jiraIssue(`OPS-${index + 1}`, { summary })),
    }),
  );
  const gateway = await startGatewayFor(t, { max_answer_chars: 3000, instances: [fakeJira(fake.url)] });
  const result = await gateway.call('jira_search', { jql: 'project = OPS', limit: 50 });
  t.notOk(result.isError, result.text.slice(0, 200));
  t.ok(result.text.length <= 3_300, `text of ${result.text.length} characters`);
  t.match(
    result.text,
    /\(MAX_ANSWER_CHARS\)\. Ask for less at a time: use `limit`, `start_at` to get a smaller part or the next page\.\]$/,
  );
  t.notMatch(result.text, /page_token/, 'a Server/DC instance does not list the Cloud cursor');
  t.ok(JSON.stringify(result.structured).length <= 3_000, 'structured result trimmed to the same size');
});

t.test('error answers are held to the limit too', async (t) => {
  const errors = Object.fromEntries(
    Array.from({ length: 5_000 }, (_item, index) => [
      `customfield_${10_000 + index}`,
      'Field cannot be set. It is not on the appropriate screen, or unknown.',
    ]),
  );
  const fake = await startFakeAtlassian(t, (_request, response) =>
    sendJson(response, { errorMessages: [], errors }, 400),
  );
  const gateway = await startGatewayFor(t, { instances: [fakeJira(fake.url)] });
  const result = await gateway.call('jira_get_issue', { issue_key: 'OPS-1' });
  t.ok(result.isError);
  t.match(result.text, /^Get issue OPS-1 failed on instance "fake": Atlassian rejected the request as invalid/);
  t.ok(result.text.length <= 100_400, `error text of ${result.text.length} characters`);
  t.match(result.text, /\(MAX_ANSWER_CHARS\)\. Ask for less at a time: use `comment_limit`/);
});

t.test('a structured result that cannot be trimmed to fit turns the answer into an error that says why', async (t) => {
  // 200 fields of 900 characters: each too short to shorten, together far over the limit.
  const fields = Object.fromEntries(
    Array.from({ length: 200 }, (_item, index) => [`customfield_${10_000 + index}`, 'v'.repeat(900)]),
  );
  const fake = await startFakeAtlassian(t, (_request, response) => sendJson(response, jiraIssue('OPS-1', fields)));
  const gateway = await startGatewayFor(t, { max_answer_chars: 5_000, instances: [fakeJira(fake.url)] });
  const result = await gateway.call('jira_get_issue', { issue_key: 'OPS-1', fields: ['*all'] });
  t.ok(result.isError, 'an error, not a success without the structured result its schema promises');
  t.equal(result.structured, undefined);
  t.match(
    result.text,
    /The structured result does not fit in 5000 characters \(MAX_ANSWER_CHARS\), so this answer is an error\. Ask for less at a time/,
  );
});
