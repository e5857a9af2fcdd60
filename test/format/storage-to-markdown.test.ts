/** Confluence storage format becomes readable markdown; macros survive as readable text or a named placeholder. */
import t from 'tap';
import { loadFormatLibraries } from '../../src/atlassian/format/libraries.js';
import { storageToMarkdown } from '../../src/atlassian/format/storage-to-markdown.js';

// The converters use libraries that load on demand, as they do before a tool's first call.
await loadFormatLibraries();

t.test('headings, paragraphs, lists and tables', async (t) => {
  t.equal(
    storageToMarkdown('<h2>Title</h2><p>One <strong>two</strong> <em>three</em></p>'),
    '## Title\n\nOne **two** *three*',
  );
  t.equal(
    storageToMarkdown('<ul><li>a<ul><li>nested</li></ul></li><li><p>b</p></li></ul><ol><li>x</li><li>y</li></ol>'),
    '- a\n  - nested\n- b\n\n1. x\n2. y',
  );
  t.equal(
    storageToMarkdown(
      '<table><tbody><tr><th>A</th><th>B</th></tr><tr><td><p>1</p></td><td>2</td></tr></tbody></table>',
    ),
    '| A | B |\n| --- | --- |\n| 1 | 2 |',
  );
});

t.test('code macro keeps language and content, including characters XML would escape', async (t) => {
  const storage =
    '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">ts</ac:parameter><ac:plain-text-body><![CDATA[if (a < b && c) {}]]></ac:plain-text-body></ac:structured-macro>';
  t.equal(storageToMarkdown(storage), '```ts\nif (a < b && c) {}\n```');
});

t.test('panels, status, expand, toc, dates, mentions, links and images', async (t) => {
  const storage = [
    '<ac:structured-macro ac:name="warning"><ac:parameter ac:name="title">Heads up</ac:parameter><ac:rich-text-body><p>Back up first.</p></ac:rich-text-body></ac:structured-macro>',
    '<p>Due <time datetime="2026-12-01" /> by <ac:link><ri:user ri:account-id="u1" /></ac:link> <ac:structured-macro ac:name="status"><ac:parameter ac:name="title">Blocked</ac:parameter></ac:structured-macro></p>',
    '<ac:structured-macro ac:name="expand"><ac:parameter ac:name="title">Details</ac:parameter><ac:rich-text-body><p>inside</p></ac:rich-text-body></ac:structured-macro>',
    '<ac:structured-macro ac:name="toc" />',
    '<p>See <ac:link><ri:page ri:content-title="Runbook" ri:space-key="OPS" /></ac:link> and <a href="https://example.com">the site</a>.</p>',
    '<p><ac:image ac:alt="Diagram"><ri:attachment ri:filename="d.png" /></ac:image></p>',
  ].join('');
  const markdown = storageToMarkdown(storage, { userName: (id) => (id === 'u1' ? 'Alice Example' : undefined) });
  t.equal(
    markdown,
    [
      '> **Warning:** Heads up\n> Back up first.',
      'Due 2026-12-01 by @Alice Example [BLOCKED]',
      '**Details**\n\ninside',
      '[Table of contents]',
      'See [Runbook] (space OPS) and [the site](https://example.com).',
      '![Diagram](attachment:d.png)',
    ].join('\n\n'),
  );
});

t.test('unknown macros become a placeholder naming them, body kept', async (t) => {
  t.equal(
    storageToMarkdown(
      '<ac:structured-macro ac:name="gliffy"><ac:parameter ac:name="name">x</ac:parameter></ac:structured-macro>',
    ),
    '[macro: gliffy]',
  );
  t.equal(
    storageToMarkdown(
      '<ac:structured-macro ac:name="custom-box"><ac:rich-text-body><p>kept</p></ac:rich-text-body></ac:structured-macro>',
    ),
    '[macro: custom-box]\nkept',
  );
});

t.test('entities decode and layouts flatten', async (t) => {
  t.equal(
    storageToMarkdown(
      '<ac:layout><ac:layout-section ac:type="two_equal"><ac:layout-cell><p>left&nbsp;side &amp; more</p></ac:layout-cell><ac:layout-cell><p>right</p></ac:layout-cell></ac:layout-section></ac:layout>',
    ),
    'left side & more\n\nright',
  );
});
