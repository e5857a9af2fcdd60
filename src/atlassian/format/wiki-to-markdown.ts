/**
 * Jira Server/Data Center wiki markup → markdown, through jira2md. Code, noformat and monospace spans are
 * set aside first and restored verbatim (jira2md would read `_` inside them as emphasis); panels become quoted
 * blocks, and tables, quotes and rules, which it mangles, are converted here. Long texts are cut first, every pass
 * of ours is linear, and jira2md sees at most a few thousand characters at a time (its inline rules are quadratic
 * or worse on unclosed markers) and only while the call's conversion time lasts (conversion-time.ts).
 */
import { conversionTimeSpent, UNCONVERTED_NOTE } from './conversion-time.js';
import { cutForConversion, pieces } from './input-limit.js';
import { formatLibraries } from './libraries.js';
import { restore } from './markdown-to-wiki.js';

const PLACEHOLDER = (index: number) => `\u0000${index}\u0000`;

/** Most text jira2md converts in one go; its worst case on 2,000 characters is about a millisecond. */
const JIRA2MD_PIECE = 2_000;

export function wikiToMarkdown(wiki: string | null | undefined): string {
  if (!wiki) return '';
  const { text, note } = cutForConversion(wiki);
  return convert(text) + note;
}

function convert(wiki: string): string {
  const kept: string[] = [];
  const keep = (markdown: string) => PLACEHOLDER(kept.push(markdown) - 1);
  let protectedWiki = replaceBlocks(wiki, /\{code(?::([^}|\n]*)[^}\n]*)?\}\n?/g, '{code}', (code, open) => {
    // `{code:java}` names a language; `{code:title=x.log}` only parameters.
    const language = open[1]?.includes('=') ? '' : (open[1]?.trim() ?? '');
    return `\n${keep(`\`\`\`${language}\n${code.replace(/\n$/, '')}\n\`\`\``)}\n`;
  });
  protectedWiki = replaceBlocks(
    protectedWiki,
    /\{noformat\}\n?/g,
    '{noformat}',
    (text) => `\n${keep(`\`\`\`\n${text.replace(/\n$/, '')}\n\`\`\``)}\n`,
  );
  // A monospace span is bounded: without the bound, a run of `{` made every start scan to the end of the text.
  protectedWiki = protectedWiki.replace(/\{\{([^}\n]{1,1000})\}\}/g, (_match, text: string) => keep(`\`${text}\``));
  // Links and mentions are set aside too: jira2md reads the `+` of a URL (`/display/PAY/Some+Page`) as underline
  // and pairs it with the next one, and turns `[~user]` into `<~user>`.
  protectedWiki = protectedWiki
    .replace(/\[([^[\]|\n]{1,500})\|([a-z][a-z0-9+.-]*:[^[\]|\s]{1,2000})\]/gi, (_match, text: string, url: string) =>
      keep(`[${jira2md(text, false)}](${url})`),
    )
    .replace(/\[([a-z][a-z0-9+.-]*:[^[\]|\s]{1,2000})\]/gi, (_match, url: string) => keep(`<${url}>`))
    .replace(/\[~([^[\]|\s]{1,200})\]/g, (_match, user: string) => keep(`@${user}`));
  protectedWiki = replaceBlocks(protectedWiki, /\{quote\}\n?/g, '{quote}', (body) => {
    const quoted = convert(body.replace(/\n$/, ''))
      .split('\n')
      .map((line) => (line ? `> ${line}` : '>'))
      .join('\n');
    return `\n${keep(quoted)}\n`;
  });
  protectedWiki = protectedWiki
    // Blank lines around the rule, or markdown would read "text\n---" as a heading.
    .replace(/^-{4,}\s*$/gm, () => `\n${keep('---')}\n`)
    .replace(/^(?:\|.*\|[ \t]*(?:\n|$))+/gm, (table) => `${keep(tableToMarkdown(table.trimEnd()))}\n`);
  for (const kind of ['panel', 'info', 'note', 'warning', 'tip']) {
    protectedWiki = replaceBlocks(
      protectedWiki,
      new RegExp(`\\{${kind}(?::([^}\\n]*))?\\}`, 'g'),
      `{${kind}}`,
      (body, open) => {
        const title = /title=([^|}]*)/.exec(open[1] ?? '')?.[1]?.trim();
        const label = kind === 'panel' ? 'Panel' : kind[0]!.toUpperCase() + kind.slice(1);
        return `bq. *${label}:*${title ? ` ${title}` : ''} ${body.trim().replace(/\n+/g, ' ')}`;
      },
    );
  }
  return restore(jira2md(protectedWiki), kept)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * Replaces every `open`…`close` block, in one pass: each opener looks for its closer once, and the first opener
 * without one ends the scan (no later closer exists either), where a lazy regex would rescan to the end for every
 * opener. `open` must be global; `replace` gets the body and the opener's match.
 */
function replaceBlocks(
  text: string,
  open: RegExp,
  close: string,
  replace: (body: string, opener: RegExpExecArray) => string,
): string {
  let result = '';
  let from = 0;
  open.lastIndex = 0;
  for (let opener = open.exec(text); opener; opener = open.exec(text)) {
    const bodyStart = opener.index + opener[0].length;
    const end = text.indexOf(close, bodyStart);
    if (end < 0) break;
    result += text.slice(from, opener.index) + replace(text.slice(bodyStart, end), opener);
    from = end + close.length;
    open.lastIndex = from;
  }
  return result + text.slice(from);
}

/** `||A||B||` / `|1|2|` → a markdown table with a header row (an empty one when the wiki table has none). */
function tableToMarkdown(table: string): string {
  const cell = (text: string) => jira2md(text.trim(), false).trim();
  const rows = table.split('\n').map((row) => ({
    header: row.startsWith('||'),
    cells: row
      .replace(/^\|\|?|\|\|?$/g, '')
      .split(/\|\|?/)
      .map(cell),
  }));
  const width = Math.max(...rows.map((row) => row.cells.length));
  const line = (cells: string[]) => `| ${[...cells, ...Array<string>(width - cells.length).fill('')].join(' | ')} |`;
  const header = rows[0]?.header ? rows.shift()!.cells : Array<string>(width).fill('');
  return [line(header), `|${' --- |'.repeat(width)}`, ...rows.map((row) => line(row.cells))].join('\n');
}

/**
 * jira2md over bounded pieces of the text, joined again; once the call's conversion time is spent, the remaining
 * pieces stay wiki markup, with a note.
 */
function jira2md(wiki: string, withNote = true): string {
  const converter = formatLibraries().jira2md;
  const toMarkdown = (text: string) => converter.to_markdown(text);
  const note = withNote ? UNCONVERTED_NOTE : '';
  if (wiki.length <= JIRA2MD_PIECE) return conversionTimeSpent() ? wiki + note : toMarkdown(wiki);
  const converted: string[] = [];
  const all = pieces(wiki, JIRA2MD_PIECE);
  for (const [index, piece] of all.entries()) {
    if (conversionTimeSpent()) return converted.join('') + all.slice(index).join('') + note;
    converted.push(toMarkdown(piece));
  }
  return converted.join('');
}
