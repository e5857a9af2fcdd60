/** Every node and mark type in Atlassian's ADF schema renders to readable markdown (nothing dropped silently). */
import t from 'tap';
import { adfToMarkdown, type AdfNode } from '../../src/atlassian/format/adf-to-markdown.js';

const text = (value: string, ...marks: AdfNode['marks'][]): AdfNode => ({
  type: 'text',
  text: value,
  ...(marks[0] ? { marks: marks[0] } : {}),
});
const p = (...content: AdfNode[]): AdfNode => ({ type: 'paragraph', content });
const doc = (...content: AdfNode[]) => ({ type: 'doc', version: 1, content });

const NODE_CASES: ReadonlyArray<readonly [string, AdfNode, string]> = [
  ['paragraph', p(text('x')), 'x'],
  ['heading', { type: 'heading', attrs: { level: 4 }, content: [text('H')] }, '#### H'],
  ['bulletList + listItem', { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('a'))] }] }, '- a'],
  [
    'orderedList',
    { type: 'orderedList', attrs: { order: 5 }, content: [{ type: 'listItem', content: [p(text('e'))] }] },
    '5. e',
  ],
  ['codeBlock', { type: 'codeBlock', attrs: { language: 'go' }, content: [text('go run .')] }, '```go\ngo run .\n```'],
  ['blockquote', { type: 'blockquote', content: [p(text('q'))] }, '> q'],
  ['rule', { type: 'rule' }, '---'],
  ['panel', { type: 'panel', attrs: { panelType: 'error' }, content: [p(text('broken'))] }, '> **Error:** broken'],
  ['expand', { type: 'expand', attrs: { title: 'More' }, content: [p(text('m'))] }, '**More**\n\nm'],
  ['nestedExpand', { type: 'nestedExpand', attrs: { title: 'Inner' }, content: [p(text('n'))] }, '**Inner**\n\nn'],
  [
    'table family',
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: [{ type: 'tableHeader', content: [p(text('h'))] }] },
        { type: 'tableRow', content: [{ type: 'tableCell', content: [p(text('c'))] }] },
      ],
    },
    '| h |\n| --- |\n| c |',
  ],
  [
    'taskList + taskItem',
    { type: 'taskList', content: [{ type: 'taskItem', attrs: { state: 'TODO' }, content: [text('t')] }] },
    '- [ ] t',
  ],
  [
    'decisionList + decisionItem',
    {
      type: 'decisionList',
      content: [{ type: 'decisionItem', attrs: { state: 'DECIDED' }, content: [text('ship it')] }],
    },
    '- Decision: ship it',
  ],
  [
    'mediaSingle + media',
    { type: 'mediaSingle', content: [{ type: 'media', attrs: { type: 'file', id: 'x', alt: 'plan.pdf' } }] },
    '[attachment: plan.pdf]',
  ],
  [
    'mediaGroup',
    {
      type: 'mediaGroup',
      content: [{ type: 'media', attrs: { type: 'external', url: 'https://example.com/a.png', alt: 'a' } }],
    },
    '![a](https://example.com/a.png)',
  ],
  [
    'mediaInline',
    p(text('see '), { type: 'mediaInline', attrs: { id: 'x', alt: 'inline.png' } }),
    'see [attachment: inline.png]',
  ],
  ['blockCard', { type: 'blockCard', attrs: { url: 'https://example.com/x' } }, '<https://example.com/x>'],
  ['embedCard', { type: 'embedCard', attrs: { url: 'https://example.com/e' } }, '<https://example.com/e>'],
  [
    'layoutSection + layoutColumn',
    {
      type: 'layoutSection',
      content: [
        { type: 'layoutColumn', content: [p(text('left'))] },
        { type: 'layoutColumn', content: [p(text('right'))] },
      ],
    },
    'left\n\nright',
  ],
  ['extension', { type: 'extension', attrs: { extensionKey: 'jira-chart' } }, '[jira-chart]'],
  [
    'bodiedExtension',
    { type: 'bodiedExtension', attrs: { extensionKey: 'box' }, content: [p(text('inside'))] },
    'inside',
  ],
  ['inlineExtension', p({ type: 'inlineExtension', attrs: { extensionKey: 'counter' } }), '[counter]'],
  ['hardBreak', p(text('a'), { type: 'hardBreak' }, text('b')), 'a  \nb'],
  ['mention', p({ type: 'mention', attrs: { id: 'u', text: '@Alice' } }), '@Alice'],
  ['emoji', p({ type: 'emoji', attrs: { shortName: ':tada:', text: '🎉' } }), '🎉'],
  ['emoji without text', p({ type: 'emoji', attrs: { shortName: ':custom:' } }), ':custom:'],
  ['date', p({ type: 'date', attrs: { timestamp: '1767225600000' } }), '2026-01-01'],
  ['status', p({ type: 'status', attrs: { text: 'blocked', color: 'red' } }), '[BLOCKED]'],
  ['inlineCard', p({ type: 'inlineCard', attrs: { url: 'https://example.com/i' } }), '<https://example.com/i>'],
  ['placeholder', p({ type: 'placeholder', attrs: { text: 'Type here' } }), 'Type here'],
];

const MARK_CASES: ReadonlyArray<readonly [string, AdfNode['marks'], string]> = [
  ['strong', [{ type: 'strong' }], '**w**'],
  ['em', [{ type: 'em' }], '*w*'],
  ['code', [{ type: 'code' }], '`w`'],
  ['strike', [{ type: 'strike' }], '~~w~~'],
  ['link', [{ type: 'link', attrs: { href: 'https://example.com' } }], '[w](https://example.com)'],
  ['subsup sub', [{ type: 'subsup', attrs: { type: 'sub' } }], '<sub>w</sub>'],
  ['subsup sup', [{ type: 'subsup', attrs: { type: 'sup' } }], '<sup>w</sup>'],
  ['underline (no markdown form; text kept)', [{ type: 'underline' }], 'w'],
  ['textColor (text kept)', [{ type: 'textColor', attrs: { color: '#ff0000' } }], 'w'],
  ['backgroundColor (text kept)', [{ type: 'backgroundColor', attrs: { color: '#ffff00' } }], 'w'],
  [
    'strong + em + link',
    [{ type: 'strong' }, { type: 'em' }, { type: 'link', attrs: { href: 'https://e.com' } }],
    '[***w***](https://e.com)',
  ],
];

t.test('every ADF node type', async (t) => {
  for (const [name, node, expected] of NODE_CASES) t.equal(adfToMarkdown(doc(node)), expected, name);
});

t.test('every ADF mark type', async (t) => {
  for (const [name, marks, expected] of MARK_CASES) t.equal(adfToMarkdown(doc(p(text('w', marks)))), expected, name);
});
