/**
 * Confluence Cloud names a page's space only by id. Without a spaces_filter the gateway does not ask for the space
 * (get_page asks only to show its key, and shows the raw id when that fails); with a spaces_filter the space must be
 * known, and a page whose space cannot be resolved is refused (fail closed).
 */
import t from 'tap';
import type { SiteDefinition } from '@atlassian-mcp-gateway/sandbox';
import { useGateway } from '../helpers/harness.js';

const SITES: readonly SiteDefinition[] = [
  {
    id: 'wiki',
    product: 'confluence',
    flavor: 'cloud',
    key: 'ENG',
    credentials: { type: 'basic', username: 'ci@example.com', token: 'wiki-token-3Hf8' },
  },
  {
    id: 'guarded',
    product: 'confluence',
    flavor: 'cloud',
    key: 'ENG',
    credentials: { type: 'basic', username: 'ci@example.com', token: 'guarded-token-6Tq1' },
  },
];
const harness = useGateway(t, {
  sites: SITES,
  defaults: ['wiki'],
  extra: { toolsets: ['all'] },
  overrides: { guarded: { spaces_filter: ['ENG'] } },
});

const SPACE_LOOKUP = /^\/wiki\/api\/v2\/spaces\/[^/]+$/;
const SPACE_ID = '10000';
const lookups = (site: string) =>
  harness.gateway.sandbox.requests.filter((request) => request.site === site && SPACE_LOOKUP.test(request.path)).length;

/** The six page tools whose answers used to hang on the space lookup. */
const TOOLS: ReadonlyArray<[string, Record<string, unknown>]> = [
  ['get_page', { page_id: '1002' }],
  ['get_page_children', { parent_id: '1001' }],
  ['get_comments', { page_id: '1002' }],
  ['get_labels', { page_id: '1002' }],
  ['get_page_history', { page_id: '1002', version: 1 }],
  ['add_comment', { page_id: '1002', body: 'Noted.' }],
];

t.before(() => {
  const failing = {
    status: 400,
    path: SPACE_LOOKUP,
    body: {
      errors: [
        { status: 400, code: 'INVALID_REQUEST_PARAMETER', title: "Provided value for 'id' is not the correct type" },
      ],
    },
  };
  harness.gateway.sandbox.fault('wiki', failing);
  harness.gateway.sandbox.fault('guarded', failing);
});

for (const [tool, args] of TOOLS) {
  t.test(`${tool} without a spaces_filter: the failing space lookup does not fail the answer`, async (t) => {
    const before = lookups('wiki');
    const result = await harness.call(`confluence_${tool}`, args);
    t.notOk(result.isError, result.text);
    if (tool === 'get_page') {
      t.equal(lookups('wiki') - before, 1, 'looked up once, to show the key');
      t.match(result.text, `Space: id ${SPACE_ID}`, 'the raw space id instead of the key');
      t.equal(result.data.space_key, null);
      t.equal(result.data.space_id, SPACE_ID);
      t.match(result.data.content, /release/i, 'the page itself');
    } else {
      t.equal(lookups('wiki') - before, 0, 'no request for the space when nothing needs it');
    }
  });

  t.test(`${tool} with a spaces_filter: an unresolvable space is refused`, async (t) => {
    const before = harness.gateway.sandbox.requests.length;
    const result = await harness.call(`confluence_guarded_${tool}`, args);
    t.ok(result.isError);
    t.match(result.text, /failed on instance "guarded": Atlassian rejected the request as invalid \(HTTP 400\)/);
    t.match(
      result.text,
      `(This was the lookup of page ${String(args.page_id ?? args.parent_id)}'s space, id ${SPACE_ID}: without it the instance's spaces_filter cannot be checked, so the page is refused, fail closed.)`,
    );
    const after = harness.gateway.sandbox.requests.slice(before);
    t.notOk(
      after.some((request) => request.method !== 'GET'),
      'nothing was written',
    );
    t.notOk(
      after.some(
        (request) => /\/(labels|footer-comments|direct-children|versions)$/.test(request.path) || request.query.version,
      ),
      'nothing of the page beyond its own record was read',
    );
  });
}

t.test('with a spaces_filter and a space that resolves, the page is shown with its key', async (t) => {
  harness.gateway.sandbox.fault('guarded', undefined);
  const page = await harness.call('confluence_guarded_get_page', { page_id: '1002' });
  t.notOk(page.isError, page.text);
  t.equal(page.data.space_key, 'ENG');
  t.match(page.text, /Space: ENG \(guarded space\)/);
});
