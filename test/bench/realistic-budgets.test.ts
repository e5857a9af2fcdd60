/**
 * Answer budgets on realistic payloads: what a model reads from a tool, against the raw JSON Atlassian sent, both
 * counted with o200k, on the benchmark's fixtures (a 21 KB Cloud issue, the same issue in wiki markup from
 * Server/DC, a 50 KB Confluence page, a 50-result search). Nothing a reader needs is dropped: the description and
 * every comment stay readable, and fields nobody asked for are not rendered.
 */
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import t, { type Test } from 'tap';
import {
  cloudIssue,
  confluencePage,
  jiraSearchPage,
  REALISTIC,
  realisticAnswer,
  serverIssue,
} from '../../bench/fixtures/index.js';
import { startFakeAtlassian, startGatewayFor } from '../helpers/fake-atlassian.js';

async function gatewayOnRealisticUpstream(t: Test) {
  const fake = await startFakeAtlassian(t, (request, response, url) => {
    const body = realisticAnswer(request.method ?? 'GET', url.pathname);
    if (!body) return void response.writeHead(404, { 'content-type': 'application/json' }).end('{"errorMessages":[]}');
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
  });
  return startGatewayFor(t, {
    instances: [
      {
        name: 'cloud',
        product: 'jira',
        platform: 'cloud',
        default: true,
        url: `${fake.url}/cloud`,
        auth: { type: 'basic', username: 'a@example.com', token: 't' },
      },
      { name: 'dc', product: 'jira', platform: 'server', url: `${fake.url}/dc`, auth: { type: 'pat', token: 'p' } },
      {
        name: 'wiki',
        product: 'confluence',
        platform: 'cloud',
        url: `${fake.url}/site/wiki`,
        auth: { type: 'basic', username: 'a@example.com', token: 't' },
      },
    ],
  });
}

const tokens = (value: unknown) => encode(typeof value === 'string' ? value : JSON.stringify(value)).length;

function assertShare(t: Test, text: string, raw: unknown, budget: number): void {
  const answer = tokens(text);
  const whole = tokens(raw);
  t.ok(
    answer <= whole * budget,
    `${answer} answer tokens ≤ ${Math.round(budget * 100)}% of ${whole} raw tokens (${((100 * answer) / whole).toFixed(1)}%)`,
  );
}

/** Sentences from the description and from each of the five comments, as a reader must find them. */
const ISSUE_TEXT = [
  /Refunds stay pending after the settlement job times out/,
  /In Review/,
  /Tomas Lindqvist/,
  /Maya Voss/,
  /## What happens/,
  /\*\*2026\.10\*\*/,
  /`PENDING`/,
  /Incident/,
  /Steps to reproduce/,
  /1\. Create a refund after 22:00 CET/,
  /\d\. Query the refund/,
  /\[Runbook\]\(https:\/\/[^)]+Settlement\+runbook\)/,
  /batch=7741 skipped: batch already open/,
  /[-*] Only batches opened \*before\* the timeout are affected\./,
  /Suspected cause/,
  /Reproduced on `eu-stg-2`/,
  /@(Tomas Lindqvist|tlindqvist) before we change the retry path/,
  /[-*] Resubmit refunds whose `submitted_at` is empty\./,
  /[-*] Leave submitted refunds alone/,
  /within \*\*two\*\* business days/,
  /Fix is up for review/,
  /\[the acquirer docs\]\(https:\/\/docs\.example\.com\/acquirer\/refunds#idempotency\)/,
];

/** Values only in fields `jira_get_issue` does not ask for. */
const UNASKED =
  /Other fields|PAY-INC-0192|Sev 2|settlement-job 4\.18\.2|customfield_|originalEstimate|Refund reconciliation report is empty|settlement-job-2026-11-12\.log/;

t.test(
  'jira_get_issue on the realistic Cloud issue: at most 15% of the raw tokens, nothing a reader needs dropped',
  async (t) => {
    const gateway = await gatewayOnRealisticUpstream(t);
    const { text, isError } = await gateway.call('jira_get_issue', { issue_key: REALISTIC.issueKey });
    t.notOk(isError, text.slice(0, 300));
    assertShare(t, text, cloudIssue, 0.15);
    for (const expected of ISSUE_TEXT) t.match(text, expected, `keeps ${expected.source}`);
    t.notMatch(text, UNASKED, 'renders no field it did not ask for');
  },
);

t.test('jira_get_issue on the realistic Server/DC issue (wiki markup): at most 15%, nothing dropped', async (t) => {
  const gateway = await gatewayOnRealisticUpstream(t);
  const { text, isError } = await gateway.call('jira_dc_get_issue', { issue_key: REALISTIC.issueKey });
  t.notOk(isError, text.slice(0, 300));
  assertShare(t, text, serverIssue, 0.15);
  for (const expected of [...ISSUE_TEXT, /\| Card \| yes \| 211 \|/, /idempotent on the acquirer side/])
    t.match(text, expected, `keeps ${expected.source}`);
  t.notMatch(text, UNASKED, 'renders no field it did not ask for');
});

t.test('confluence_get_page on the 50 KB runbook: at most 50% of the raw tokens, with macros and tables', async (t) => {
  const gateway = await gatewayOnRealisticUpstream(t);
  const { text, isError } = await gateway.call('confluence_get_page', { page_id: REALISTIC.pageId });
  t.notOk(isError, text.slice(0, 300));
  assertShare(t, text, confluencePage, 0.5);
  for (const expected of [
    /# Settlement runbook/,
    /Never re-run a batch without `--resubmit-unsent`/,
    /\| Adyen \(`adyen-eu`\) \| EU \| SFTP \| 22:00 \|/,
    /settle retry --batch 7741 --resubmit-unsent --dry-run/,
    /## Cielo Brazil \(`cielo-br`\)/,
    /resubmit_unsent: true/,
    /SELECT r\.id, r\.acquirer/,
    /Chargeback/,
    /PAY-1207/,
    /Questions about this page go to/,
  ])
    t.match(text, expected, `keeps ${expected.source}`);
});

t.test('jira_search with 50 results: at most 20% of the raw tokens, every issue listed', async (t) => {
  const gateway = await gatewayOnRealisticUpstream(t);
  const { text, isError } = await gateway.call('jira_search', { jql: REALISTIC.jql, limit: 50 });
  t.notOk(isError, text.slice(0, 300));
  assertShare(t, text, jiraSearchPage, 0.2);
  for (const issue of jiraSearchPage.issues) t.match(text, new RegExp(`\\b${issue.key}\\b`), `${issue.key} is listed`);
  t.match(text, /page_token "CAEaAggD"/, 'and how to get the next page');
});
