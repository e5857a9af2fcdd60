/**
 * The benchmark's realistic payloads are what Atlassian would send: each validates against the official OpenAPI
 * document of its operation, and each has the size and shape the benchmark claims for it.
 */
import t from 'tap';
import {
  cloudIssue,
  confluencePage,
  confluenceSpace,
  jiraSearchPage,
  realisticAnswer,
  serverIssue,
} from '../../bench/fixtures/index.js';
import { validateResponse } from '../helpers/openapi.js';

const kib = (value: unknown) => Buffer.byteLength(JSON.stringify(value)) / 1024;

t.test('the Cloud issue is a v3 issue of about 21 KB with 62 fields and ADF rich text', async (t) => {
  t.same(validateResponse('jira-platform-v3', 'GET', '/rest/api/3/issue/PAY-1432', 200, cloudIssue), []);
  t.equal(Object.keys(cloudIssue.fields).length, 62);
  t.ok(kib(cloudIssue) > 19 && kib(cloudIssue) < 24, `${kib(cloudIssue).toFixed(1)} KiB`);
  t.ok(Object.values(cloudIssue.fields).filter((value) => value === null).length >= 15, 'many fields are null');
  const description = JSON.stringify(cloudIssue.fields.description);
  for (const node of [
    '"heading"',
    '"strong"',
    '"em"',
    '"code"',
    '"link"',
    '"bulletList"',
    '"orderedList"',
    '"inlineCard"',
  ])
    t.match(description, node, `description has ${node}`);
  const comments = cloudIssue.fields.comment as { comments: Array<{ body: unknown }> };
  t.equal(comments.comments.length, 5);
  const bodies = JSON.stringify(comments.comments.map((comment) => comment.body));
  t.match(bodies, '"mention"');
  t.match(bodies, '"bulletList"');
});

t.test('the Server/DC issue is a v2 issue of the same size with wiki markup', async (t) => {
  t.same(validateResponse('jira-platform-v2', 'GET', '/rest/api/2/issue/PAY-1432', 200, serverIssue), []);
  t.equal(Object.keys(serverIssue.fields).length, 62);
  t.ok(kib(serverIssue) > 19 && kib(serverIssue) < 24, `${kib(serverIssue).toFixed(1)} KiB`);
  t.type(serverIssue.fields.description, 'string');
  t.match(serverIssue.fields.description, /^h2\. /m);
  t.match(serverIssue.fields.description, /\{code/);
  t.match(serverIssue.fields.description, /^\|\|/m);
});

t.test('the Confluence page is a v2 page with about 50 KB of storage, macros and tables', async (t) => {
  t.same(validateResponse('confluence-v2', 'GET', '/pages/884736', 200, confluencePage), []);
  t.same(validateResponse('confluence-v2', 'GET', '/spaces/98305', 200, confluenceSpace), []);
  const storage = confluencePage.body.storage.value;
  t.ok(storage.length > 45_000 && storage.length < 55_000, `${storage.length} characters of storage`);
  for (const macro of ['toc', 'info', 'warning', 'note', 'status', 'code', 'expand', 'jira'])
    t.match(storage, `ac:name="${macro}"`, `has the ${macro} macro`);
  t.ok((storage.match(/<table/g) ?? []).length >= 10, 'has tables');
});

t.test('the search is a v3 enhanced-search page of 50 issues', async (t) => {
  t.same(validateResponse('jira-platform-v3', 'POST', '/rest/api/3/search/jql', 200, jiraSearchPage), []);
  t.equal(jiraSearchPage.issues.length, 50);
  t.equal(new Set(jiraSearchPage.issues.map((issue) => issue.key)).size, 50, 'every key distinct');
});

t.test('the startup checks the fake upstream answers are what Jira and Confluence send', async (t) => {
  const answer = (method: string, path: string) => JSON.parse(realisticAnswer(method, path)!.toString()) as unknown;
  t.same(
    validateResponse('jira-platform-v3', 'GET', '/rest/api/3/myself', 200, answer('GET', '/c/rest/api/3/myself')),
    [],
  );
  t.same(
    validateResponse('jira-platform-v2', 'GET', '/rest/api/2/myself', 200, answer('GET', '/d/rest/api/2/myself')),
    [],
  );
  t.same(
    validateResponse(
      'confluence-v1',
      'GET',
      '/wiki/rest/api/user/current',
      200,
      answer('GET', '/s/wiki/rest/api/user/current'),
    ),
    [],
  );
});
