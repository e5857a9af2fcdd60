/** Confluence page versions, old versions, diffs, and section edits that leave the rest of the page byte-identical. */
import t from 'tap';
import { TEST_SITES } from '../helpers/gateway.js';
import { assertRequestsMatchSpec, useGateway } from '../helpers/harness.js';

const harness = useGateway(t, {
  sites: TEST_SITES.filter((site) => site.product === 'confluence'),
  defaults: ['wiki'],
  extra: { toolsets: ['all'] },
  transport: 'sse',
});
const { call } = harness;

for (const [label, prefix] of [
  ['Cloud', 'confluence_'],
  ['Server/DC', 'confluence_dcwiki_'],
] as const) {
  t.test(`${label}: versions, an old version, a diff`, async (t) => {
    const versions = await call(`${prefix}get_page_versions`, { page_id: '1002' });
    t.notOk(versions.isError, versions.text);
    t.same(
      versions.data.versions.map((version: { number: number }) => version.number),
      [3, 2, 1],
    );
    t.match(versions.text, /- v1 2026-10-10 by Bob Example: First draft/);
    const old = await call(`${prefix}get_page_history`, { page_id: '1002', version: 1 });
    t.match(old.text, /# Release process \(version 1 of 3\)\n\n# Release process\n\nDraft\./);
    t.match(
      (await call(`${prefix}get_page_history`, { page_id: '1002', version: 9 })).text,
      /the page is at version 3; there is no version 9/,
    );
    const diff = await call(`${prefix}get_page_diff`, { page_id: '1002', from_version: 1 });
    t.equal(diff.data.changed, true);
    t.match(diff.data.diff, /^-Draft\.$/m);
    t.match(diff.data.diff, /^\+## Steps$/m);
    t.match(diff.text, /Changes from version 1 to 3:\n```diff\n/);
    const same = await call(`${prefix}get_page_diff`, { page_id: '1002', from_version: 2, to_version: 3 });
    t.match(same.text, /No differences between versions 2 and 3\./);
  });

  t.test(`${label}: a section edit touches only that section`, async (t) => {
    const before = (await call(`${prefix}get_page`, { page_id: '1002', format: 'storage' })).data.content as string;
    const updated = await call(`${prefix}update_page_section`, {
      page_id: '1002',
      heading: 'steps',
      new_content: '1. Tag the release\n2. Run `make release`',
      version_comment: 'simpler steps',
    });
    t.notOk(updated.isError, updated.text);
    const after = (await call(`${prefix}get_page`, { page_id: '1002', format: 'storage' })).data.content as string;
    const stepsEnd = before.indexOf('<h2>Steps</h2>') + '<h2>Steps</h2>'.length;
    const nextHeading = before.indexOf('<h2>Environments</h2>');
    t.equal(after.slice(0, stepsEnd), before.slice(0, stepsEnd), 'everything up to the heading is byte-identical');
    t.equal(
      after.slice(after.indexOf('<h2>Environments</h2>')),
      before.slice(nextHeading),
      'everything from the next heading on is byte-identical',
    );
    t.match(
      after,
      /<h2>Steps<\/h2><ol><li>Tag the release<\/li><li>Run <code>make release<\/code><\/li><\/ol><h2>Environments<\/h2>/,
    );
    t.match((await call(`${prefix}get_page_versions`, { page_id: '1002', limit: 1 })).text, /- v4 .*: simpler steps/);
    const missing = await call(`${prefix}update_page_section`, {
      page_id: '1002',
      heading: 'Deploy',
      new_content: 'x',
    });
    t.match(
      missing.text,
      /no section "Deploy" on this page; its headings are "Release process", "Steps", "Environments", "Rollback"/,
    );
  });
}

t.test('every request matched the spec for its platform', async (t) => {
  assertRequestsMatchSpec(t, harness.gateway);
});
