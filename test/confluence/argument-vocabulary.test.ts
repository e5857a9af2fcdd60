/**
 * Confluence list arguments in the vocabulary of the widely used Python Atlassian MCP server: spaces, labels,
 * users and groups as comma-separated strings, through a real MCP client on Cloud and Server/DC.
 */
import t from 'tap';
import { TEST_SITES } from '../helpers/gateway.js';
import { assertRequestsMatchSpec, useGateway } from '../helpers/harness.js';

const harness = useGateway(t, {
  sites: TEST_SITES.filter((site) => site.product === 'confluence'),
  defaults: ['wiki'],
  extra: { toolsets: ['all'] },
});
const call = harness.call;

for (const [prefix, space] of [
  ['confluence_', 'ENG'],
  ['confluence_dcwiki_', 'DOC'],
] as const) {
  t.test(`${prefix}: space, label, user and group lists take comma-separated strings`, async (t) => {
    const search = await call(`${prefix}search`, { query: 'release', spaces: `${space}, OTHER` });
    t.notOk(search.isError, search.text);
    t.match(search.data.cql, new RegExp(`space in \\("${space}", "OTHER"\\)`));
    t.ok(search.data.results.length > 0);

    const page = search.data.results[0].id as string;
    const labelled = await call(`${prefix}add_label`, { page_id: page, labels: 'one, two' });
    t.notOk(labelled.isError, labelled.text);
    t.same((await call(`${prefix}get_labels`, { page_id: page })).data.labels.slice(-2), ['one', 'two']);
    const byLabel = await call(`${prefix}search_by_label`, { label: 'one', spaces: space });
    t.notOk(byLabel.isError, byLabel.text);

    const restricted = await call(`${prefix}set_page_restrictions`, {
      page_id: page,
      operation: 'update',
      users: prefix === 'confluence_' ? '5b10a2844c20165700ede21g' : 'alice',
      groups: 'confluence-users, admins',
    });
    t.notOk(restricted.isError, restricted.text);
    t.same(restricted.data.update.groups, ['confluence-users', 'admins']);
    t.equal(restricted.data.update.users.length, 1);
  });
}

t.test('every request matched the spec for its platform', async (t) => {
  assertRequestsMatchSpec(t, harness.gateway);
});
