/**
 * Paging against an upstream that never stops announcing more: endless `isLast: false` pages, pages of items
 * already listed, cursors that lead back, empty pages with a next link. Each listing sends a bounded number of
 * requests, and the answer says that it stopped and why.
 */
import t from 'tap';
import type { Fault } from '@atlassian-mcp-gateway/sandbox/testing';
import { PROJECT_PAGE_BUDGET } from '../../src/atlassian/jira/project-listing.js';
import { CHANGELOG_PAGE_BUDGET } from '../../src/atlassian/jira/relations.js';
import { TEST_SITES } from '../helpers/gateway.js';
import { useGateway } from '../helpers/harness.js';

const harness = useGateway(t, { defaults: ['prod', 'wiki'], extra: { toolsets: ['all'] } });
const { call } = harness;

t.afterEach(() => {
  for (const site of TEST_SITES) harness.gateway.sandbox.fault(site.id, undefined);
});

/** Answers matching requests with `answer` and counts how many reached the sandbox while `run` ran. */
async function countRequests(
  site: string,
  path: RegExp,
  answer: Fault['body'],
  run: () => Promise<void>,
): Promise<number> {
  harness.gateway.sandbox.fault(site, { status: 200, path, body: answer });
  const before = harness.gateway.sandbox.requests.filter(
    (request) => request.site === site && path.test(request.path),
  ).length;
  await run();
  return (
    harness.gateway.sandbox.requests.filter((request) => request.site === site && path.test(request.path)).length -
    before
  );
}

const history = (id: number) => ({
  id: String(id),
  author: { displayName: 'Alice Example' },
  created: '2026-11-20T09:00:00.000+0000',
  items: [{ field: 'status', fromString: 'To Do', toString: 'In Progress' }],
});
const project = (id: number) => ({
  id: String(20000 + id),
  key: `P${id}`,
  name: `Project ${id}`,
  projectTypeKey: 'software',
});
const startOf = (query: Record<string, string>) => Number(query.startAt ?? 0);

t.test('a changelog whose pages keep saying isLast: false stops at the per-call budget', async (t) => {
  let result = { isError: false, text: '', data: {} as Record<string, unknown> };
  const endless = ({ query }: { query: Record<string, string> }) => ({
    startAt: startOf(query),
    maxResults: 100,
    isLast: false,
    values: Array.from({ length: 100 }, (_, index) => history(startOf(query) + index)),
  });
  const sent = await countRequests('staging', /^\/rest\/api\/3\/issue\/WEB-1\/changelog$/, endless, async () => {
    result = await harness.call('jira_staging_get_issue', { issue_key: 'WEB-1', include: ['changelog'] });
  });
  t.notOk(result.isError, result.text);
  t.equal(sent, CHANGELOG_PAGE_BUDGET, `${sent} requests, not thousands`);
  t.match(
    result.text,
    `Changelog stopped after ${CHANGELOG_PAGE_BUDGET} pages: Atlassian kept announcing more pages, and this is the most one call reads; showing what was collected.`,
  );
  t.match(result.data.changelog_stopped, /stopped after 20 pages/);
});

t.test('a changelog that sends the same items again stops after the page that added nothing', async (t) => {
  const repeating = () => ({ startAt: 0, maxResults: 100, isLast: false, values: [history(1), history(2)] });
  let dates = { isError: false, text: '', data: {} as Record<string, unknown> };
  const sent = await countRequests('staging', /^\/rest\/api\/3\/issue\/WEB-3\/changelog$/, repeating, async () => {
    dates = await call('jira_staging_get_issue_dates', { issue_key: 'WEB-3' });
  });
  t.notOk(dates.isError, dates.text);
  t.equal(sent, 2);
  t.match(
    dates.text,
    'Changelog stopped after 2 pages: Atlassian sent a page of items already listed; showing what was collected; the figures above cover only that part.',
  );
  t.ok(dates.data.changelog_stopped);
});

t.test(
  'project listings: duplicates are listed once, total ends the listing, endless pages stop at the budget',
  async (t) => {
    const path = /^\/rest\/api\/3\/project\/search$/;
    let listed = { isError: false, text: '', data: {} as Record<string, any> };
    const same = () => ({ startAt: 0, isLast: false, values: [project(1), project(2)] });
    t.equal(
      await countRequests(
        'staging',
        path,
        same,
        async () => void (listed = await call('jira_staging_get_all_projects', {})),
      ),
      2,
    );
    t.same(
      listed.data.projects.map((entry: { key: string }) => entry.key),
      ['P1', 'P2'],
      'no duplicates',
    );
    t.match(
      listed.text,
      'Project listing stopped after 2 pages: Atlassian sent a page of items already listed; showing what was collected.',
    );

    const withTotal = ({ query }: { query: Record<string, string> }) => ({
      startAt: startOf(query),
      total: 4,
      isLast: false,
      values: [project(startOf(query) + 1), project(startOf(query) + 2)],
    });
    t.equal(
      await countRequests(
        'staging',
        path,
        withTotal,
        async () => void (listed = await call('jira_staging_get_all_projects', {})),
      ),
      2,
      'total 4 reached after two pages',
    );
    t.equal(listed.data.projects.length, 4);
    t.notOk(listed.data.listing_stopped, 'a listing that reached its total is complete');

    const endless = ({ query }: { query: Record<string, string> }) => ({
      startAt: startOf(query),
      isLast: false,
      values: [1, 2, 3].map((offset) => project(startOf(query) + offset)),
    });
    const found = await countRequests(
      'staging',
      path,
      endless,
      async () => void (listed = await call('jira_staging_search_projects', { query: 'Project' })),
    );
    t.equal(found, PROJECT_PAGE_BUDGET);
    t.match(
      listed.text,
      `Project listing stopped after ${PROJECT_PAGE_BUDGET} pages: Atlassian kept announcing more pages`,
    );
  },
);

t.test('a page tree whose cursors lead back to a page already read stops there', async (t) => {
  let served = 0;
  const circular = ({ query }: { query: Record<string, string> }) => {
    const next = query.cursor === 'A' ? 'B' : 'A';
    served++;
    const results = [1, 2].map((offset) => ({
      id: String(5000 + served * 10 + offset),
      title: `Page ${served}.${offset}`,
      parentId: null,
      version: { number: 1 },
    }));
    return { results, _links: { next: `/wiki/api/v2/spaces/10000/pages?cursor=${next}&limit=100` } };
  };
  let tree = { isError: false, text: '', data: {} as Record<string, any> };
  const sent = await countRequests(
    'wiki',
    /^\/wiki\/api\/v2\/spaces\/[^/]+\/pages$/,
    circular,
    async () => void (tree = await call('confluence_get_space_page_tree', { space_key: 'ENG' })),
  );
  t.notOk(tree.isError, tree.text);
  t.equal(sent, 3, 'first page, A, B; B pointed back to A');
  t.equal(tree.data.pages.length, 6);
  t.equal(tree.data.truncated, true);
  t.match(
    tree.text,
    'Page listing stopped after 3 pages: Atlassian pointed back to a page already read; showing what was collected.',
  );
});

t.test('one-page tools offer no next page that leads nowhere', async (t) => {
  const issue = { id: '10001', key: 'WEB-1', fields: { summary: 'Looping', status: { name: 'To Do' } } };
  harness.gateway.sandbox.fault('staging', {
    status: 200,
    path: /^\/rest\/api\/3\/search\/jql$/,
    body: { issues: [issue], nextPageToken: 'same', isLast: false },
  });
  const first = await call('jira_staging_search', { jql: 'project = WEB' });
  t.equal(first.data.next_page_token, 'same', 'a new cursor is offered');
  const again = await call('jira_staging_search', { jql: 'project = WEB', page_token: 'same' });
  t.notOk(again.isError, again.text);
  t.notOk(again.data.next_page_token, 'the cursor just used is not offered again');
  t.match(
    again.text,
    'Search stopped after 1 page: Atlassian pointed back to a page already read; showing what was collected; there is no next page to ask for.',
  );

  harness.gateway.sandbox.fault('wiki', {
    status: 200,
    path: /^\/wiki\/api\/v2\/spaces$/,
    body: { results: [], _links: { next: '/wiki/api/v2/spaces?cursor=more' } },
  });
  const spaces = await call('confluence_list_spaces', {});
  t.notOk(spaces.data.next_cursor);
  t.match(spaces.text, 'Listing stopped after 1 page: Atlassian announced more but sent an empty page');

  harness.gateway.sandbox.fault('prod', {
    status: 200,
    path: /^\/rest\/agile\/1\.0\/board$/,
    body: { startAt: 0, maxResults: 10, isLast: false, values: [] },
  });
  const boards = await call('jira_get_agile_boards', {});
  t.notOk(boards.data.next_start_at, 'no start_at that returns the same empty page');
  t.match(boards.text, 'Listing stopped after 1 page: Atlassian announced more but sent an empty page');

  harness.gateway.sandbox.fault('dcwiki', {
    status: 200,
    path: /^\/rest\/api\/search$/,
    body: { results: [], start: 0, limit: 10, size: 0, totalSize: 40, _links: {} },
  });
  const search = await call('confluence_dcwiki_search', { query: 'anything' });
  t.notOk(search.data.next_start, 'an offset that does not move is not offered');
  t.match(search.text, 'Search stopped after 1 page: Atlassian announced more but sent an empty page');
});
