/** ADF (Jira Cloud rich text) becomes real markdown, not flattened text. */
import t from 'tap';
import { adfToMarkdown, type AdfNode } from '../../src/atlassian/format/adf-to-markdown.js';

const doc = (...content: AdfNode[]) => ({ type: 'doc', version: 1, content });
const p = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });
const text = (value: string, ...marks: string[]): AdfNode => ({
  type: 'text',
  text: value,
  marks: marks.map((type) => ({ type })),
});
const item = (...content: AdfNode[]): AdfNode => ({ type: 'listItem', content });

t.test('block structure', async (t) => {
  t.equal(
    adfToMarkdown(doc({ type: 'heading', attrs: { level: 3 }, content: [text('Plan')] }, p(text('Body')))),
    '### Plan\n\nBody',
  );
  t.equal(
    adfToMarkdown(
      doc({
        type: 'bulletList',
        content: [
          item(p(text('a'))),
          item(p(text('b')), { type: 'orderedList', attrs: { order: 3 }, content: [item(p(text('c')))] }),
        ],
      }),
    ),
    '- a\n- b\n  3. c',
  );
  t.equal(
    adfToMarkdown(doc({ type: 'codeBlock', attrs: { language: 'sql' }, content: [text('select 1;\nselect 2;')] })),
    '```sql\nselect 1;\nselect 2;\n```',
  );
  t.equal(
    adfToMarkdown(doc({ type: 'blockquote', content: [p(text('quoted'))] }, { type: 'rule' })),
    '> quoted\n\n---',
  );
  t.equal(
    adfToMarkdown(doc({ type: 'panel', attrs: { panelType: 'warning' }, content: [p(text('Careful'))] })),
    '> **Warning:** Careful',
  );
  t.equal(
    adfToMarkdown(doc({ type: 'expand', attrs: { title: 'More' }, content: [p(text('hidden'))] })),
    '**More**\n\nhidden',
  );
  t.equal(
    adfToMarkdown(
      doc({
        type: 'taskList',
        content: [
          { type: 'taskItem', attrs: { state: 'DONE' }, content: [text('ship')] },
          { type: 'taskItem', attrs: { state: 'TODO' }, content: [text('test')] },
        ],
      }),
    ),
    '- [x] ship\n- [ ] test',
  );
});

t.test('tables keep headers and escape pipes', async (t) => {
  const cell = (type: string, value: string): AdfNode => ({ type, content: [p(text(value))] });
  const table = {
    type: 'table',
    content: [
      { type: 'tableRow', content: [cell('tableHeader', 'Env'), cell('tableHeader', 'URL')] },
      { type: 'tableRow', content: [cell('tableCell', 'prod'), cell('tableCell', 'a|b')] },
    ],
  };
  t.equal(adfToMarkdown(doc(table)), '| Env | URL |\n| --- | --- |\n| prod | a\\|b |');
});

t.test('inline marks and nodes', async (t) => {
  const result = adfToMarkdown(
    doc(
      p(
        text('bold', 'strong'),
        text(' '),
        text('it', 'em'),
        text(' '),
        text('code', 'code'),
        text(' '),
        text('gone', 'strike'),
        text(' '),
        { type: 'text', text: 'site', marks: [{ type: 'link', attrs: { href: 'https://example.com' } }] },
        text(' '),
        { type: 'mention', attrs: { id: 'abc', text: '@Alice Example' } },
        text(' '),
        { type: 'emoji', attrs: { shortName: ':rocket:', text: '🚀' } },
        text(' '),
        { type: 'date', attrs: { timestamp: '1767225600000' } },
        text(' '),
        { type: 'status', attrs: { text: 'in review', color: 'blue' } },
        { type: 'hardBreak' },
        { type: 'inlineCard', attrs: { url: 'https://jira.example.com/browse/OPS-1' } },
      ),
    ),
  );
  t.equal(
    result,
    '**bold** *it* `code` ~~gone~~ [site](https://example.com) @Alice Example 🚀 2026-01-01 [IN REVIEW]  \n<https://jira.example.com/browse/OPS-1>',
  );
});

t.test('media and unknown nodes keep what they can', async (t) => {
  t.equal(
    adfToMarkdown(
      doc({
        type: 'mediaSingle',
        content: [{ type: 'media', attrs: { type: 'file', id: 'f1', alt: 'screenshot.png' } }],
      }),
    ),
    '[attachment: screenshot.png]',
  );
  t.equal(adfToMarkdown(doc({ type: 'somethingNew', content: [p(text('still here'))] })), 'still here');
  t.equal(adfToMarkdown(null), '');
  t.equal(adfToMarkdown('plain'), 'plain');
});
