/** Jira Server/DC wiki markup becomes markdown; code and monospace are never mangled. */
import t from 'tap';
import { loadFormatLibraries } from '../../src/atlassian/format/libraries.js';
import { wikiToMarkdown } from '../../src/atlassian/format/wiki-to-markdown.js';

// The converters use libraries that load on demand, as they do before a tool's first call.
await loadFormatLibraries();

t.test('structure and inline markup', async (t) => {
  t.equal(wikiToMarkdown('h1. Title\n\n* a\n* b'), '# Title\n\n* a\n* b');
  t.equal(wikiToMarkdown('*bold* _it_ [link|https://example.com]'), '**bold** *it* [link](https://example.com)');
  t.equal(wikiToMarkdown('||A||B||\n|1|2|'), '| A | B |\n| --- | --- |\n| 1 | 2 |');
  t.equal(wikiToMarkdown('|no|header|'), '|  |  |\n| --- | --- |\n| no | header |', 'a headerless table gets an empty header row');
  t.equal(wikiToMarkdown('above\n----\nbelow'), 'above\n\n---\n\nbelow');
  t.equal(wikiToMarkdown('{quote}\nquoted *text*\n{quote}'), '> quoted **text**');
});

t.test('code, noformat and monospace keep underscores and stars', async (t) => {
  t.equal(wikiToMarkdown('{code:python}\ndef my_func(*args):\n    return a_b\n{code}'), '```python\ndef my_func(*args):\n    return a_b\n```');
  t.equal(wikiToMarkdown('{noformat}\nx_y_z\n{noformat}'), '```\nx_y_z\n```');
  t.equal(wikiToMarkdown('Set {{proxy_read_timeout}} now'), 'Set `proxy_read_timeout` now');
});

t.test('panels become quoted blocks with their title', async (t) => {
  t.equal(wikiToMarkdown('{info:title=Note}Read me{info}'), '> **Info:** Note Read me');
  t.equal(wikiToMarkdown('{panel}plain{panel}'), '> **Panel:** plain');
  t.equal(wikiToMarkdown(null), '');
});
