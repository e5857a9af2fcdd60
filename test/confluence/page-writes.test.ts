/** Confluence page writes on Cloud and Server/DC: created and updated pages read back, macros survive markdown edits. */
import t from 'tap';
import { TEST_SITES } from '../helpers/gateway.js';
import { assertRequestsMatchSpec, useGateway } from '../helpers/harness.js';

const harness = useGateway(t, {
  sites: TEST_SITES.filter((site) => site.product === 'confluence'),
  defaults: ['wiki'],
  transport: 'ws-2026',
});
const { call } = harness;

const DESIGN =
  '# Design: export service\n\n> **Note:** draft for review\n\n## Goals\n\n- stream rows\n- no timeouts\n\n```sql\nselect * from report_rows where id > :cursor\n```\n\n| Option | Cost |\n| --- | --- |\n| streaming | low |';

for (const [label, prefix, key] of [
  ['Cloud', 'confluence_', 'ENG'],
  ['Server/DC', 'confluence_dcwiki_', 'DOC'],
] as const) {
  t.test(`${label}: create a page from markdown and read it back`, async (t) => {
    const created = await call(`${prefix}create_page`, {
      space_key: key,
      title: 'Export service design',
      content: DESIGN,
      parent_id: '1001',
    });
    t.notOk(created.isError, created.text);
    const stored = await call(`${prefix}get_page`, { page_id: created.data.id, format: 'storage' });
    t.match(
      stored.data.content,
      /<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">sql<\/ac:parameter><ac:plain-text-body><!\[CDATA\[select \* from report_rows where id > :cursor\]\]>/,
      'code became the code macro',
    );
    t.match(
      stored.data.content,
      /<ac:structured-macro ac:name="note"><ac:rich-text-body><p>draft for review<\/p>/,
      'the note became a note panel',
    );
    const read = await call(`${prefix}get_page`, { page_id: created.data.id });
    t.match(
      read.data.content,
      /# Design: export service\n\n> \*\*Note:\*\* draft for review\n\n## Goals\n\n- stream rows\n- no timeouts\n\n```sql\nselect \* from report_rows where id > :cursor\n```\n\n\| Option \| Cost \|\n\| --- \| --- \|\n\| streaming \| low \|/,
    );
    const children = await call(`${prefix}get_page_children`, { parent_id: '1001' });
    t.ok(
      children.data.pages.some((page: { id: string }) => page.id === created.data.id),
      'created under the parent',
    );
    const wiki = await call(`${prefix}create_page`, {
      space_key: key,
      title: 'Wiki page',
      content: 'h2. From wiki\n\n* one\n* two',
      content_format: 'wiki',
    });
    t.notOk(wiki.isError, wiki.text);
    t.match(
      (await call(`${prefix}get_page`, { page_id: wiki.data.id })).data.content,
      /## From wiki[\s\S]*- one\n- two/,
    );
  });

  t.test(`${label}: a markdown edit keeps every macro it did not touch`, async (t) => {
    const before = await call(`${prefix}get_page`, { page_id: '1003' });
    const original = await call(`${prefix}get_page`, { page_id: '1003', format: 'storage' });
    const edited = before.data.content.replace('three services', 'four services');
    const updated = await call(`${prefix}update_page`, {
      page_id: '1003',
      content: edited,
      version_comment: 'four services now',
    });
    t.notOk(updated.isError, updated.text);
    t.match(
      updated.text,
      new RegExp(
        `Updated "Architecture overview" to version ${before.data.version + 1} \\(4 blocks kept as they were, 1 rewritten\\)`,
      ),
    );
    const after = await call(`${prefix}get_page`, { page_id: '1003', format: 'storage' });
    t.match(after.data.content, /four services/);
    for (const macro of [
      '<ac:structured-macro ac:name="drawio"',
      '<ac:structured-macro ac:name="expand"',
      '<ri:attachment ri:filename="architecture.png"',
    ]) {
      t.ok(original.data.content.includes(macro) && after.data.content.includes(macro), `kept ${macro}`);
    }
    const unchanged = await call(`${prefix}update_page`, {
      page_id: '1002',
      content: (await call(`${prefix}get_page`, { page_id: '1002' })).data.content,
    });
    const storage1002 = (await call(`${prefix}get_page`, { page_id: '1002', format: 'storage' })).data.content;
    t.match(unchanged.text, /0 rewritten/);
    t.match(storage1002, /<ri:user ri:account-id="5b10a2844c20165700ede21g"/, 'the mention is still a mention');
    t.match(storage1002, /ac:name="status"/, 'the status lozenge is still a lozenge');
  });

  t.test(`${label}: renames, conflicts and comments`, async (t) => {
    const renamed = await call(`${prefix}update_page`, { page_id: '1002', title: 'Release process (2026)' });
    t.notOk(renamed.isError, renamed.text);
    t.equal((await call(`${prefix}get_page`, { page_id: '1002' })).data.title, 'Release process (2026)');
    harness.gateway.sandbox.fault(label === 'Cloud' ? 'wiki' : 'dcwiki', {
      status: 409,
      times: 1,
      method: 'PUT',
      body: { statusCode: 409, message: 'Version must be incremented on update.' },
    });
    const conflict = await call(`${prefix}update_page`, { page_id: '1002', title: 'Release process' });
    t.ok(conflict.isError);
    t.match(conflict.text, /the page changed while you were editing it: it is now at version \d+/);
    t.match((await call(`${prefix}update_page`, { page_id: '1002' })).text, /nothing to change/);

    const comment = await call(`${prefix}add_comment`, { page_id: '1002', body: 'Approved by **QA**.' });
    t.notOk(comment.isError, comment.text);
    const comments = await call(`${prefix}get_comments`, { page_id: '1002' });
    t.match(comments.data.comments.at(-1), { author: 'Alice Example', body: 'Approved by **QA**.' });
  });
}

t.test('every request matched the spec for its platform', async (t) => {
  assertRequestsMatchSpec(t, harness.gateway);
});
