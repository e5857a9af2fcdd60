/** Replies on both platforms; inline comments on Cloud (and absent, like any unknown tool, on Server/DC). */
import t from 'tap';
import { TEST_SITES } from '../helpers/gateway.js';
import { assertRequestsMatchSpec, useGateway } from '../helpers/harness.js';

const harness = useGateway(t, {
  sites: TEST_SITES.filter((site) => site.product === 'confluence'),
  defaults: ['wiki'],
  extra: { toolsets: ['all'] },
});
const { call } = harness;

t.test('replies', async (t) => {
  const cloud = await call('confluence_reply_to_comment', {
    page_id: '1002',
    comment_id: '1101',
    body: 'Agreed, **for now**.',
  });
  t.notOk(cloud.isError, cloud.text);
  t.equal(cloud.data.parent_id, '1101');
  const recorded = harness.gateway.sandbox.requests.find(
    (request) => request.site === 'wiki' && request.path === '/wiki/api/v2/footer-comments',
  );
  t.match(
    recorded?.body,
    { parentCommentId: '1101', body: { representation: 'storage', value: '<p>Agreed, <strong>for now</strong>.</p>' } },
    'Cloud replies name only the parent',
  );
  const cloudThread = await call('confluence_get_comments', { page_id: '1002' });
  t.match(
    cloudThread.data.comments,
    [{ id: '1101' }, { body: 'Agreed, **for now**.', parent_id: '1101', author: 'Alice Example' }, { id: '1102' }],
    'the reply follows the comment it answers',
  );
  t.match(cloudThread.text, /\n {2}↳ \*\*Alice Example\*\* \(\d{4}-\d{2}-\d{2}, id \d+\): Agreed, \*\*for now\*\*\./);

  const dc = await call('confluence_dcwiki_reply_to_comment', { page_id: '1002', comment_id: '1101', body: 'Agreed.' });
  t.notOk(dc.isError, dc.text);
  const thread = await call('confluence_dcwiki_get_comments', { page_id: '1002' });
  t.match(thread.data.comments.at(-1), { body: 'Agreed.', parent_id: '1101' });
  t.match(
    (await call('confluence_reply_to_comment', { page_id: '1002', comment_id: '424242', body: 'x' })).text,
    /Parent comment not found/,
  );
});

t.test('inline comments on Cloud', async (t) => {
  const existing = await call('confluence_get_inline_comments', { page_id: '1002' });
  t.match(existing.text, /- on "Tuesday" — \*\*Bob Example\*\* \(2026-11-04\): Is Tuesday still right\?/);
  const added = await call('confluence_add_inline_comment', {
    page_id: '1002',
    text: 'release job',
    body: 'Link the job here.',
  });
  t.notOk(added.isError, added.text);
  const after = await call('confluence_get_inline_comments', { page_id: '1002' });
  t.match(after.data.comments.at(-1), {
    selection: 'release job',
    body: 'Link the job here.',
    author: 'Alice Example',
    resolved: false,
  });
  t.match(
    (await call('confluence_add_inline_comment', { page_id: '1002', text: 'not on the page', body: 'x' })).text,
    /does not appear on the page/,
  );
  t.match(
    (await call('confluence_add_inline_comment', { page_id: '1002', text: 'release job', body: 'x', occurrence: 3 }))
      .text,
    /appears 1 time\(s\); occurrence 3 does not exist/,
  );
  const { tools } = await harness.client.listTools();
  t.notOk(
    tools.some((tool) => tool.name === 'confluence_dcwiki_add_inline_comment'),
    'not offered on Server/DC',
  );
});

t.test('every request matched the spec for its platform', async (t) => {
  assertRequestsMatchSpec(t, harness.gateway);
});
