/** Confluence spaces, child pages and comments on Cloud (v2) and Server/DC (v1), with paging and the space allow-list. */
import t from 'tap';
import { TEST_SITES } from '../helpers/gateway.js';
import { assertRequestsMatchSpec, useGateway } from '../helpers/harness.js';

const harness = useGateway(t, {
  sites: TEST_SITES.filter((site) => site.product === 'confluence'),
  defaults: ['wiki'],
  transport: 'http-2025',
});
const { call } = harness;

for (const [label, prefix, key, idBase] of [
  ['Cloud', 'confluence_', 'ENG', 1000],
  ['Server/DC', 'confluence_dcwiki_', 'DOC', 1000],
] as const) {
  const id = (offset: number) => String(idBase + offset);
  t.test(`${label}: spaces and their pages`, async (t) => {
    const spaces = await call(`${prefix}list_spaces`, {});
    t.notOk(spaces.isError, spaces.text);
    t.match(spaces.data.spaces, [{ key, type: 'global', homepage_id: id(1) }]);
    const space = await call(`${prefix}get_space`, { space_key: key });
    t.match(space.text, new RegExp(`# \\w+ space \\(${key}\\)\\nType: global · Status: current · Home page: ${id(1)}`));
    t.match(space.data.description, /Engineering notes of/);

    const first = await call(`${prefix}get_space_pages`, { space_key: key, limit: 2 });
    t.equal(first.data.pages.length, 2);
    const more = first.data.next_cursor ? { cursor: first.data.next_cursor } : { start: first.data.next_start };
    t.ok(first.data.next_cursor ?? first.data.next_start, 'says how to continue');
    const second = await call(`${prefix}get_space_pages`, { space_key: key, limit: 2, ...more });
    t.equal(second.data.pages.length, 1);
    const titles = [...first.data.pages, ...second.data.pages].map((page: { title: string }) => page.title).sort();
    t.same(
      titles,
      ['Architecture overview', 'Release process', `${label === 'Cloud' ? 'wiki' : 'dcwiki'} home`].sort(),
    );
    t.match((await call(`${prefix}get_space`, { space_key: 'NOPE' })).text, /not found/);
  });

  t.test(`${label}: child pages and comments`, async (t) => {
    const children = await call(`${prefix}get_page_children`, { parent_id: Number(id(1)) });
    t.same(
      children.data.pages.map((page: { id: string }) => page.id),
      [id(2), id(3)],
    );
    const withContent = await call(`${prefix}get_page_children`, { parent_id: id(1), include_content: true });
    t.match(withContent.text, /## Release process \(id \d+\)\n# Release process[\s\S]*```bash\nkubectl rollout undo/);
    t.match((await call(`${prefix}get_page_children`, { parent_id: id(3) })).text, /has no child pages/);

    const comments = await call(`${prefix}get_comments`, { page_id: id(2) });
    t.notOk(comments.isError, comments.text);
    t.same(
      comments.data.comments.map((comment: { author: string; body: string }) => [comment.author, comment.body]),
      [
        ['Bob Example', 'Do we still need the **manual** approval?'],
        ['Alice Example', 'Yes, until the canary checks are automated.'],
      ],
    );
    t.match((await call(`${prefix}get_comments`, { page_id: '999999' })).text, /not found/);
  });
}

t.test('spaces_filter hides other spaces everywhere', async (t) => {
  const { startTestGateway } = await import('../helpers/gateway.js');
  const { connectClient, textOf } = await import('../helpers/clients.js');
  const restricted = await startTestGateway({
    sites: TEST_SITES.filter((site) => site.id === 'wiki'),
    defaults: ['wiki'],
    overrides: { wiki: { spaces_filter: ['OTHER'] } },
  });
  t.teardown(() => restricted.close());
  const client = await connectClient(restricted.url, 'http-2026');
  t.teardown(() => client.close());
  const run = async (name: string, args: Record<string, unknown>) =>
    textOf(await client.callTool({ name, arguments: args }));
  t.match(await run('confluence_list_spaces', {}), /No spaces\./);
  t.match(await run('confluence_get_space', { space_key: 'ENG' }), /not found/);
  t.match(await run('confluence_get_comments', { page_id: '1002' }), /not found/);
  t.match(await run('confluence_get_page_children', { parent_id: '1001' }), /not found/);
});

t.test('every request matched the spec for its platform', async (t) => {
  assertRequestsMatchSpec(t, harness.gateway);
});
