/** Confluence user search and restrictions on both platforms; templates and page views on Cloud only. */
import t from 'tap';
import { TEST_SITES } from '../helpers/gateway.js';
import { assertRequestsMatchSpec, useGateway } from '../helpers/harness.js';

const harness = useGateway(t, {
  sites: TEST_SITES.filter((site) => site.product === 'confluence'),
  defaults: ['wiki'],
  extra: { toolsets: ['all'] },
});
const { call } = harness;

for (const [label, prefix, alice] of [
  ['Cloud', 'confluence_', '5b10a2844c20165700ede21g'],
  ['Server/DC', 'confluence_dcwiki_', 'alice'],
] as const) {
  t.test(`${label}: users and restrictions`, async (t) => {
    const users = await call(`${prefix}search_user`, { query: 'alice' });
    t.match(users.data.users, [
      { display_name: 'Alice Example', ...(label === 'Cloud' ? { account_id: alice } : { username: alice }) },
    ]);
    t.match((await call(`${prefix}search_user`, { query: 'nobody' })).text, /Nobody matches "nobody"/);

    const before = await call(`${prefix}get_page_restrictions`, { page_id: '1002' });
    t.same(
      { read: before.data.read, update: before.data.update },
      { read: { users: [], groups: [] }, update: { users: [], groups: ['release-managers'] } },
    );
    t.match(before.text, /- view: not restricted\n- edit: group release-managers/);

    const restricted = await call(`${prefix}set_page_restrictions`, {
      page_id: '1002',
      operation: 'read',
      users: [alice],
      groups: ['engineering'],
    });
    t.notOk(restricted.isError, restricted.text);
    t.same(restricted.data.read, { users: [alice], groups: ['engineering'] });
    t.same(
      restricted.data.update,
      { users: [], groups: ['release-managers'] },
      'the other operation is left as it was',
    );
    const lifted = await call(`${prefix}set_page_restrictions`, { page_id: '1002', operation: 'read' });
    t.same(lifted.data.read, { users: [], groups: [] });
    t.match(
      (await call(`${prefix}set_page_restrictions`, { page_id: '1002', operation: 'read', users: ['ghost'] })).text,
      /Unknown user in restrictions/,
    );
  });
}

t.test('Cloud: templates and page views', async (t) => {
  const global = await call('confluence_list_page_templates', {});
  t.same(
    global.data.templates.map((template: { name: string }) => template.name),
    ['Decision record'],
  );
  const space = await call('confluence_list_page_templates', { space_key: 'ENG' });
  t.same(
    space.data.templates.map((template: { name: string }) => template.name),
    ['Meeting notes'],
  );
  const template = await call('confluence_get_page_template', { template_id: '98301' });
  t.match(template.data.content, /# Decision\n\nWhat we decided\.\n\n## Context/);
  const created = await call('confluence_create_page_from_template', {
    template_id: '98302',
    space_key: 'ENG',
    title: 'Planning 2026-11-24',
    parent_id: '1001',
  });
  t.notOk(created.isError, created.text);
  t.match(
    (await call('confluence_get_page', { page_id: created.data.id })).data.content,
    /## Attendees[\s\S]*## Action items\n\n\* \[ \] …/,
  );

  t.match((await call('confluence_get_page_views', { page_id: '1002' })).data, { views: 30, viewers: 3 });
  t.match(
    (await call('confluence_get_page_views', { page_id: '1002', from_date: '2026-11-15' })).text,
    /4 views by 2 people since 2026-11-15/,
  );

  const { tools } = await harness.client.listTools();
  t.notOk(
    tools.some((tool) =>
      /^confluence_dcwiki_(list_page_templates|get_page_template|create_page_from_template|get_page_views)$/.test(
        tool.name,
      ),
    ),
    'Cloud-only tools are not offered on Server/DC',
  );
});

t.test('every request matched the spec for its platform', async (t) => {
  assertRequestsMatchSpec(t, harness.gateway);
});
