/**
 * Answer budgets: what a model reads from a tool is a small fraction of the raw REST response, counted with a
 * real tokenizer (o200k), and still carries every field a user asks about.
 */
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import t, { type Test } from 'tap';
import { TEST_SITES } from '../helpers/gateway.js';
import { useGateway } from '../helpers/harness.js';

const sites = TEST_SITES.map((site) => (site.id === 'staging' ? { ...site, issueCount: 12 } : site));
const harness = useGateway(t, { sites });

/** The raw JSON a naive client would fetch, as the sandbox serves it for a Cloud site of the test gateway. */
async function rawTokens(t: Test, site: 'staging' | 'wiki', path: string, body?: unknown): Promise<number> {
  const { credentials } = TEST_SITES.find((candidate) => candidate.id === site)!;
  if (credentials.type !== 'basic') throw new Error(`${site} is expected to use basic credentials`);
  const response = await fetch(`${harness.gateway.sandbox.url}/sites/${site}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.token}`).toString('base64')}`,
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  t.equal(response.status, 200, `raw ${path} succeeded`);
  return encode(await response.text()).length;
}

/** Fails when the answer outgrows `budget` (a fraction) of the raw response; reports both counts either way. */
function assertShare(t: Test, answerText: string, raw: number, budget: number): void {
  const answer = encode(answerText).length;
  const percent = Math.round(budget * 100);
  t.ok(
    answer <= raw * budget,
    `${answer} answer tokens ≤ ${percent}% of ${raw} raw tokens (${((100 * answer) / raw).toFixed(1)}%)`,
  );
}

t.test('jira_get_issue answers in at most 20% of the raw issue tokens, with every field present', async (t) => {
  const raw = await rawTokens(t, 'staging', '/rest/api/3/issue/WEB-1?fields=*all');
  const { text, isError } = await harness.call('jira_staging_get_issue', { issue_key: 'WEB-1' });
  t.notOk(isError);
  assertShare(t, text, raw, 0.2);
  for (const expected of [
    /# WEB-1: \[staging\] Login page times out behind the proxy/,
    /In Progress/,
    /Bug/,
    /High/,
    /Alice Example/,
    /Bob Example/,
    /2026-10-01/,
    /2026-11-01/,
    /customer/,
    /Users behind the corporate proxy see a timeout/,
    /proxy_read_timeout 60s;/,
    /I can reproduce this on \*\*staging\*\* as well\./,
    /Follow-up note 4\./,
  ]) {
    t.match(text, expected, `answer keeps ${expected.source}`);
  }
});

t.test('jira_search answers 10 results in at most 20% of the raw search tokens', async (t) => {
  const raw = await rawTokens(t, 'staging', '/rest/api/3/search/jql', {
    jql: 'project = WEB ORDER BY key ASC',
    maxResults: 10,
    fields: ['*all'],
  });
  const { text, isError } = await harness.call('jira_staging_search', {
    jql: 'project = WEB ORDER BY key ASC',
    limit: 10,
  });
  t.notOk(isError);
  assertShare(t, text, raw, 0.2);
  for (const key of ['WEB-1', 'WEB-5', 'WEB-10']) t.match(text, new RegExp(`\\b${key}\\b`), `${key} is listed`);
  t.notMatch(text, /\bWEB-11\b/, 'exactly the requested page');
});

t.test('confluence_get_page answers in at most half the raw page tokens, with the body as markdown', async (t) => {
  const raw = await rawTokens(t, 'wiki', '/wiki/api/v2/pages/1002?body-format=storage');
  const { text, isError } = await harness.call('confluence_get_page', { page_id: '1002' });
  t.notOk(isError);
  assertShare(t, text, raw, 0.5);
  t.match(text, /# Release process/);
  t.match(text, /> \*\*Info:\*\* Releases happen every \*\*Tuesday\*\*\./, 'macros become markdown');
  t.match(
    text,
    /\| staging \| \[staging\.example\.com\]\(https:\/\/staging\.example\.com\) \| QA \|/,
    'tables become markdown',
  );
  t.match(text, /kubectl rollout undo deployment\/web/, 'code blocks are kept');
});

t.test(
  'confluence_search answers in at most 60% of the raw search tokens (the sandbox space holds 3 pages)',
  async (t) => {
    const raw = await rawTokens(t, 'wiki', '/wiki/rest/api/search?cql=type%3Dpage&limit=10');
    const { text, isError } = await harness.call('confluence_search', { query: 'type=page', limit: 10 });
    t.notOk(isError);
    assertShare(t, text, raw, 0.6);
    for (const title of ['home', 'Release process', 'Architecture overview']) t.match(text, title, `lists ${title}`);
  },
);
