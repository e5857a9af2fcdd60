/**
 * Rich text both ways: markdown → ADF (Cloud) → markdown and markdown → wiki markup (Server/DC) → markdown keep
 * the document, and the ADF sent is valid against the ADF node types Jira accepts.
 */
import t from 'tap';
import { adfToMarkdown, type AdfNode } from '../../src/atlassian/format/adf-to-markdown.js';
import { loadFormatLibraries } from '../../src/atlassian/format/libraries.js';
import { markdownToJira } from '../../src/atlassian/format/markdown-to-jira.js';
import { wikiToMarkdown } from '../../src/atlassian/format/wiki-to-markdown.js';
import { MARKDOWN_CORPUS } from '../fixtures/markdown-corpus.js';

// The converters use libraries that load on demand, as they do before a tool's first call.
await loadFormatLibraries();

/** Node and mark types of Atlassian's published ADF schema (doc_node.json). */
const ADF_NODES = new Set([
  'doc',
  'paragraph',
  'text',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'codeBlock',
  'blockquote',
  'rule',
  'table',
  'tableRow',
  'tableHeader',
  'tableCell',
  'hardBreak',
  'mention',
  'emoji',
  'date',
  'status',
  'inlineCard',
  'blockCard',
  'embedCard',
  'panel',
  'expand',
  'nestedExpand',
  'mediaSingle',
  'mediaGroup',
  'media',
  'mediaInline',
  'taskList',
  'taskItem',
  'decisionList',
  'decisionItem',
  'layoutSection',
  'layoutColumn',
  'extension',
  'bodiedExtension',
  'inlineExtension',
  'placeholder',
  'multiBodiedExtension',
  'extensionFrame',
]);
const ADF_MARKS = new Set([
  'strong',
  'em',
  'code',
  'strike',
  'underline',
  'link',
  'subsup',
  'textColor',
  'backgroundColor',
  'alignment',
  'indentation',
  'border',
  'annotation',
  'breakout',
  'dataConsumer',
  'fragment',
]);

function unknownTypes(node: AdfNode, found: Set<string> = new Set()): Set<string> {
  if (!ADF_NODES.has(node.type)) found.add(`node ${node.type}`);
  for (const mark of node.marks ?? []) if (!ADF_MARKS.has(mark.type)) found.add(`mark ${mark.type}`);
  for (const child of node.content ?? []) unknownTypes(child, found);
  return found;
}

t.test(`markdown → ADF → markdown over ${MARKDOWN_CORPUS.length} documents`, async (t) => {
  t.ok(MARKDOWN_CORPUS.length >= 30);
  for (const [name, markdown] of MARKDOWN_CORPUS) {
    const adf = markdownToJira(markdown, 'cloud') as AdfNode;
    t.equal(adf.type, 'doc', `${name}: a document`);
    t.same([...unknownTypes(adf)], [], `${name}: only ADF node and mark types`);
    t.equal(adfToMarkdown(adf), markdown, `${name}: round trip`);
  }
});

t.test(`markdown → wiki markup → markdown over the same documents`, async (t) => {
  for (const [name, markdown] of MARKDOWN_CORPUS) {
    const wiki = markdownToJira(markdown, 'server');
    t.type(wiki, 'string', `${name}: wiki markup is text`);
    const back = normalizeWikiRoundTrip(wikiToMarkdown(wiki as string));
    t.equal(back, normalizeWikiRoundTrip(markdown), `${name}: round trip`);
  }
});

/** Wiki markup has one bullet style and numbers lists itself; compare what survives, not the punctuation. */
function normalizeWikiRoundTrip(markdown: string): string {
  return markdown
    .replace(/^(\s*)[*-] /gm, '$1- ')
    .replace(/^(\s*)\d+\. /gm, '$11. ')
    .replace(/\n{2,}/g, '\n')
    .trim();
}
