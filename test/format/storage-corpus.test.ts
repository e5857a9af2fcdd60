/**
 * Content fidelity over 31 real-world-shaped Confluence pages: the markdown is clean, reading and writing back
 * an untouched page changes nothing, an edit of one block changes only that block, and markdown survives
 * markdown → storage → markdown.
 */
import t from 'tap';
import { loadFormatLibraries } from '../../src/atlassian/format/libraries.js';
import { markdownToStorage } from '../../src/atlassian/format/markdown-to-storage.js';
import { mergeMarkdownIntoStorage } from '../../src/atlassian/format/storage-merge.js';
import { storageToMarkdown } from '../../src/atlassian/format/storage-to-markdown.js';
import { MARKDOWN_CORPUS } from '../fixtures/markdown-corpus.js';
import { STORAGE_CORPUS } from '../fixtures/storage-corpus.js';

// The converters use libraries that load on demand, as they do before a tool's first call.
await loadFormatLibraries();

t.test('every page reads as clean markdown', async (t) => {
  t.ok(STORAGE_CORPUS.length >= 30);
  for (const { name, storage } of STORAGE_CORPUS) {
    const markdown = storageToMarkdown(storage);
    t.notMatch(markdown, /<\/?(ac|ri):|<\/?(p|td|th|tr|table|li|ul|ol|span|div)\b/, `${name}: no storage markup left`);
    t.notMatch(markdown, /\n{3,}/, `${name}: no runs of blank lines`);
    t.ok(markdown.length > 10, `${name}: has content`);
  }
});

t.test('writing back an untouched page changes nothing', async (t) => {
  for (const { name, storage } of STORAGE_CORPUS) {
    const merged = mergeMarkdownIntoStorage(storage, storageToMarkdown(storage));
    t.equal(merged.storage, storage, `${name}: byte-identical`);
    t.equal(merged.converted, 0, `${name}: nothing rewritten`);
  }
});

t.test('editing the last block keeps every other block exactly', async (t) => {
  for (const { name, storage } of STORAGE_CORPUS) {
    const markdown = storageToMarkdown(storage);
    const merged = mergeMarkdownIntoStorage(storage, `${markdown}\n\nAppended paragraph.`);
    t.equal(merged.converted, 1, `${name}: one block rewritten`);
    t.ok(merged.storage.endsWith('<p>Appended paragraph.</p>'), `${name}: the new block is there`);
    t.equal(storageToMarkdown(merged.storage), `${markdown}\n\nAppended paragraph.`, `${name}: reads as intended`);
  }
});

t.test(`markdown → storage → markdown over ${MARKDOWN_CORPUS.length} documents`, async (t) => {
  for (const [name, markdown] of MARKDOWN_CORPUS) {
    t.equal(storageToMarkdown(markdownToStorage(markdown)), markdown, name);
  }
});
