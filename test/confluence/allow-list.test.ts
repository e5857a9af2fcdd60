/**
 * With `spaces_filter`, every Confluence tool that names a page or a space answers "not found" for one outside the
 * list, exactly as for one that does not exist: a hidden page is read only to learn its space (nothing is written
 * to it), and a hidden space is never asked about. Both platforms, through a real MCP client.
 */
import t from 'tap';
import { connectClient, textOf } from '../helpers/clients.js';
import { startTestGateway, TEST_SITES } from '../helpers/gateway.js';

const SITES = TEST_SITES.filter((site) => site.product === 'confluence');
const NOT_FOUND =
  /failed on instance "(wiki|dcwiki)": not found, or not visible to the configured account \(HTTP 404\)\.$/;

/** Every tool that takes a page, called with page 1002 (or 1001 and 1003 beside it). */
const PAGE_CALLS: Array<[string, Record<string, unknown>]> = [
  ['get_page', { page_id: '1002' }],
  ['get_page_children', { parent_id: '1001' }],
  ['get_comments', { page_id: '1002' }],
  ['update_page', { page_id: '1002', content: 'x' }],
  ['add_comment', { page_id: '1002', body: 'x' }],
  ['update_page_section', { page_id: '1002', heading: 'Steps', new_content: 'x' }],
  ['delete_page', { page_id: '1002' }],
  ['move_page', { page_id: '1002', target_id: '1003' }],
  ['copy_page', { page_id: '1002', parent_id: '1003' }],
  ['get_labels', { page_id: '1002' }],
  ['add_label', { page_id: '1002', labels: ['x'] }],
  ['get_page_versions', { page_id: '1002' }],
  ['get_page_history', { page_id: '1002', version: 1 }],
  ['get_page_diff', { page_id: '1002', from_version: 1 }],
  ['reply_to_comment', { page_id: '1002', comment_id: '1101', body: 'x' }],
  ['get_attachments', { page_id: '1002' }],
  ['download_attachment', { page_id: '1002', attachment: 'notes.txt' }],
  ['get_page_images', { page_id: '1002' }],
  ['upload_attachment', { page_id: '1002', filename: 'a.txt', content_base64: 'eA==' }],
  ['delete_attachment', { page_id: '1002', attachment_id: 'att1202' }],
  ['get_page_restrictions', { page_id: '1002' }],
  ['set_page_restrictions', { page_id: '1002', operation: 'read' }],
];
const CLOUD_PAGE_CALLS: Array<[string, Record<string, unknown>]> = [
  ['get_inline_comments', { page_id: '1002' }],
  ['add_inline_comment', { page_id: '1002', text: 'Tuesday', body: 'x' }],
  ['get_page_views', { page_id: '1002' }],
];

/** Every tool that takes a space key, called with SECRET. */
const SPACE_CALLS: Array<[string, Record<string, unknown>]> = [
  ['get_page', { title: 'Release process', space_key: 'SECRET' }],
  ['get_space', { space_key: 'SECRET' }],
  ['get_space_pages', { space_key: 'SECRET' }],
  ['get_space_page_tree', { space_key: 'SECRET' }],
  ['create_page', { space_key: 'SECRET', title: 'x', content: 'x' }],
  ['copy_page', { page_id: '1002', space_key: 'SECRET' }],
];
const CLOUD_SPACE_CALLS: Array<[string, Record<string, unknown>]> = [
  ['list_page_templates', { space_key: 'SECRET' }],
  ['create_page_from_template', { template_id: 't1', space_key: 'SECRET', title: 'x' }],
];

const PLATFORMS = [
  ['confluence_', 'ENG', true],
  ['confluence_dcwiki_', 'DOC', false],
] as const;

t.test('a page outside spaces_filter is not found by any page tool, and nothing is written to it', async (t) => {
  const gateway = await startTestGateway({
    sites: SITES,
    defaults: ['wiki'],
    extra: { toolsets: ['all'] },
    overrides: { wiki: { spaces_filter: ['OTHER'] }, dcwiki: { spaces_filter: ['OTHER'] } },
  });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'http-2026');
  t.teardown(() => client.close());
  for (const [prefix, , cloud] of PLATFORMS) {
    for (const [tool, args] of [...PAGE_CALLS, ...(cloud ? CLOUD_PAGE_CALLS : [])]) {
      const before = gateway.sandbox.requests.length;
      const result = await client.callTool({ name: `${prefix}${tool}`, arguments: args });
      t.ok(result.isError, `${prefix}${tool}`);
      t.match(textOf(result), NOT_FOUND, `${prefix}${tool}: not found`);
      const sent = gateway.sandbox.requests.slice(before);
      t.same(
        sent.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path}`),
        [],
        `${prefix}${tool}: only reads`,
      );
      t.notOk(
        sent.some((request) =>
          /attachment|label|version|comment|restriction|analytics|child|direct-children/.test(request.path),
        ),
        `${prefix}${tool}: only the page and its space were read`,
      );
    }
  }
});

t.test('a space outside spaces_filter is not found by any space tool, and never asked about', async (t) => {
  const gateway = await startTestGateway({
    sites: SITES,
    defaults: ['wiki'],
    extra: { toolsets: ['all'] },
    overrides: { wiki: { spaces_filter: ['ENG'] }, dcwiki: { spaces_filter: ['DOC'] } },
  });
  t.teardown(() => gateway.close());
  const client = await connectClient(gateway.url, 'http-2026');
  t.teardown(() => client.close());
  for (const [prefix, key, cloud] of PLATFORMS) {
    const visible = await client.callTool({ name: `${prefix}get_space`, arguments: { space_key: key } });
    t.notOk(visible.isError, textOf(visible));
    for (const [tool, args] of [...SPACE_CALLS, ...(cloud ? CLOUD_SPACE_CALLS : [])]) {
      const before = gateway.sandbox.requests.length;
      const result = await client.callTool({ name: `${prefix}${tool}`, arguments: args });
      t.ok(result.isError, `${prefix}${tool}`);
      t.match(textOf(result), NOT_FOUND, `${prefix}${tool}: not found`);
      const sent = gateway.sandbox.requests
        .slice(before)
        .map((request) => JSON.stringify([request.method, request.path, request.query, request.body]));
      t.same(
        sent.filter((request) => request.includes('SECRET')),
        [],
        `${prefix}${tool}: SECRET was never asked about`,
      );
    }
  }
});

t.test('a new page under a parent in a hidden space is refused before it is created', async (t) => {
  const { fakeConfluence, sendJson, startFakeAtlassian, startGatewayFor } =
    await import('../helpers/fake-atlassian.js');
  const fake = await startFakeAtlassian(t, (request, response, url) => {
    if (request.method !== 'GET')
      return sendJson(response, {
        id: '3001',
        title: 'x',
        type: 'page',
        space: { key: 'DOC' },
        version: { number: 1 },
      });
    if (url.pathname === '/rest/api/space/DOC') return sendJson(response, { id: 7, key: 'DOC', name: 'Docs' });
    if (url.pathname === '/rest/api/content/2001')
      return sendJson(response, {
        id: '2001',
        title: 'Secret parent',
        type: 'page',
        space: { key: 'SECRET' },
        version: { number: 1 },
        body: { storage: { value: '' } },
      });
    sendJson(response, { message: 'not here' }, 404);
  });
  const gateway = await startGatewayFor(t, {
    toolsets: ['all'],
    instances: [fakeConfluence(fake.url, { spaces_filter: ['DOC'] })],
  });
  const result = await gateway.call('confluence_create_page', {
    space_key: 'DOC',
    title: 'Under a secret page',
    content: 'x',
    parent_id: '2001',
  });
  t.ok(result.isError);
  t.match(result.text, /not found, or not visible to the configured account/);
  t.same(
    fake.requests.filter((request) => request.method !== 'GET'),
    [],
    'nothing was created',
  );
});
