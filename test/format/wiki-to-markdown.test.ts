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
  t.equal(
    wikiToMarkdown('|no|header|'),
    '|  |  |\n| --- | --- |\n| no | header |',
    'a headerless table gets an empty header row',
  );
  t.equal(wikiToMarkdown('above\n----\nbelow'), 'above\n\n---\n\nbelow');
  t.equal(wikiToMarkdown('{quote}\nquoted *text*\n{quote}'), '> quoted **text**');
});

t.test('code, noformat and monospace keep underscores and stars', async (t) => {
  t.equal(
    wikiToMarkdown('{code:python}\ndef my_func(*args):\n    return a_b\n{code}'),
    '```python\ndef my_func(*args):\n    return a_b\n```',
  );
  t.equal(wikiToMarkdown('{noformat}\nx_y_z\n{noformat}'), '```\nx_y_z\n```');
  t.equal(wikiToMarkdown('Set {{proxy_read_timeout}} now'), 'Set `proxy_read_timeout` now');
});

t.test('links keep their URLs whole, mentions name the user, code titles are not languages', async (t) => {
  t.equal(
    wikiToMarkdown(
      'See [the *runbook*|https://wiki.example.com/display/PAY/Settlement+runbook] and [Incident+1|https://wiki.example.com/display/PAY/Incident+1].',
    ),
    'See [the **runbook**](https://wiki.example.com/display/PAY/Settlement+runbook) and [Incident+1](https://wiki.example.com/display/PAY/Incident+1).',
    'a + in a URL is not read as underline',
  );
  t.equal(
    wikiToMarkdown('[https://example.com/a+b] and +inserted+'),
    '<https://example.com/a+b> and <ins>inserted</ins>',
  );
  t.equal(wikiToMarkdown('[~tlindqvist] can you look?'), '@tlindqvist can you look?');
  t.equal(wikiToMarkdown('{code:title=job.log}\na_b\n{code}'), '```\na_b\n```');
  t.equal(wikiToMarkdown('{code:java|title=A.java}\nx\n{code}'), '```java\nx\n```');
});

t.test('panels become quoted blocks with their title', async (t) => {
  t.equal(wikiToMarkdown('{info:title=Note}Read me{info}'), '> **Info:** Note Read me');
  t.equal(wikiToMarkdown('{panel}plain{panel}'), '> **Panel:** plain');
  t.equal(wikiToMarkdown(null), '');
});

t.test('a long text converts piece by piece exactly as its paragraphs do one at a time', async (t) => {
  const section = (index: number) =>
    `h2. Step ${index}\n\nRun *this* with _care_ and see [the guide|https://example.com/${index}] or {{cmd_${index}}}.\n\n* first\n* second\n\n||A||B||\n|${index}|x|\n\n{code:bash}\necho step_${index}\n{code}`;
  const sections = Array.from({ length: 80 }, (_item, index) => section(index));
  const whole = sections.join('\n\n');
  t.ok(whole.length > 10_000, `${whole.length} characters, several pieces`);
  t.equal(wikiToMarkdown(whole), sections.map((one) => wikiToMarkdown(one)).join('\n\n'));
});

t.test('a text over the cap is cut before converting, with a note; unclosed markers stay cheap', async (t) => {
  const huge = 'value [pending - check again later\n'.repeat(20_000);
  const started = performance.now();
  const markdown = wikiToMarkdown(huge);
  const elapsed = performance.now() - started;
  t.match(
    markdown,
    new RegExp(`\\n\\n\\[… text cut before conversion: the first \\d+ of ${huge.length} characters are shown\\]$`),
  );
  t.ok(markdown.length < 110_000, `${markdown.length} characters`);
  t.ok(elapsed < 2_000, `converted in ${Math.round(elapsed)} ms (a single jira2md pass over it took several seconds)`);
});
