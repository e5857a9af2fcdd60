/** Confluence page tree, move, copy, delete and labels on Cloud and Server/DC, each change read back. */
import t from 'tap';
import { TEST_SITES } from '../helpers/gateway.js';
import { assertRequestsMatchSpec, useGateway } from '../helpers/harness.js';

const harness = useGateway(t, {
  sites: TEST_SITES.filter((site) => site.product === 'confluence'),
  defaults: ['wiki'],
  extra: { toolsets: ['all'] },
});
const { call } = harness;

for (const [label, prefix, key] of [
  ['Cloud', 'confluence_', 'ENG'],
  ['Server/DC', 'confluence_dcwiki_', 'DOC'],
] as const) {
  const home = `${label === 'Cloud' ? 'wiki' : 'dcwiki'} home`;
  t.test(`${label}: tree, move, copy, delete`, async (t) => {
    const tree = await call(`${prefix}get_space_page_tree`, { space_key: key });
    t.notOk(tree.isError, tree.text);
    t.match(
      tree.text,
      new RegExp(
        `- ${home} \\(id 1001\\)\\n  - Architecture overview \\(id 1003\\)\\n  - Release process \\(id 1002\\)`,
      ),
    );

    t.notOk((await call(`${prefix}move_page`, { page_id: '1003', target_id: '1002' })).isError);
    const moved = await call(`${prefix}get_space_page_tree`, { space_key: key });
    t.same(
      moved.data.pages.map((page: { id: string; depth: number }) => [page.id, page.depth]),
      [
        ['1001', 0],
        ['1002', 1],
        ['1003', 2],
      ],
    );
    t.match(
      (await call(`${prefix}move_page`, { page_id: '1002', target_id: '1003' })).text,
      /Cannot move a page under its own descendant/,
    );
    t.match(
      (await call(`${prefix}move_page`, { page_id: '1002', target_id: '1002' })).text,
      /cannot be moved relative to itself/,
    );

    const copied = await call(`${prefix}copy_page`, {
      page_id: '1002',
      parent_id: '1001',
      title: 'Release process (template)',
    });
    t.notOk(copied.isError, copied.text);
    const copy = await call(`${prefix}get_page`, { page_id: copied.data.id });
    t.equal(copy.data.title, 'Release process (template)');
    t.match(copy.data.content, /kubectl rollout undo/);
    t.match((await call(`${prefix}copy_page`, { page_id: '1002' })).text, /pass exactly one of parent_id or space_key/);

    t.notOk((await call(`${prefix}delete_page`, { page_id: copied.data.id })).isError);
    t.match((await call(`${prefix}get_page`, { page_id: copied.data.id })).text, /not found/);
  });

  t.test(`${label}: labels`, async (t) => {
    t.same((await call(`${prefix}get_labels`, { page_id: '1002' })).data.labels, ['release', 'process']);
    const added = await call(`${prefix}add_label`, { page_id: '1003', labels: ['architecture', 'Release'] });
    t.same(added.data.labels, ['architecture', 'release']);
    const found = await call(`${prefix}search_by_label`, { label: 'release' });
    t.same(found.data.results.map((result: { title: string }) => result.title).sort(), [
      'Architecture overview',
      'Release process',
    ]);
    t.match(found.data.cql, /label = "release" AND type = page/);
    t.match(
      (await call(`${prefix}add_label`, { page_id: '1003', labels: ['two words'] })).text,
      /labels have no spaces or colons/,
    );
  });
}

t.test('every request matched the spec for its platform', async (t) => {
  assertRequestsMatchSpec(t, harness.gateway);
});
