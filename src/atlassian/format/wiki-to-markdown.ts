/**
 * Jira Server/Data Center wiki markup → markdown, through jira2md. Code, noformat and monospace spans are
 * set aside first and restored verbatim (jira2md would read `_` inside them as emphasis); panels become quoted
 * blocks, and tables, quotes and rules, which it mangles, are converted here. Long texts are cut first, and
 * jira2md sees at most a few thousand characters at a time (its inline rules are quadratic on unclosed markers).
 */
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
  const protectedWiki = wiki
    .replace(/\{code(?::([^}|]*)[^}]*)?\}\n?([\s\S]*?)\n?\{code\}/g, (_match, language: string | undefined, code: string) => `\n${keep(`\`\`\`${language?.trim() ?? ''}\n${code}\n\`\`\``)}\n`)
    .replace(/\{noformat\}\n?([\s\S]*?)\n?\{noformat\}/g, (_match, text: string) => `\n${keep(`\`\`\`\n${text}\n\`\`\``)}\n`)
    .replace(/\{\{([^}]+)\}\}/g, (_match, text: string) => keep(`\`${text}\``))
    .replace(/\{quote\}\n?([\s\S]*?)\n?\{quote\}/g, (_match, body: string) => `\n${keep(convert(body).split('\n').map((line) => (line ? `> ${line}` : '>')).join('\n'))}\n`)
    // Blank lines around the rule, or markdown would read "text\n---" as a heading.
    .replace(/^-{4,}\s*$/gm, () => `\n${keep('---')}\n`)
    .replace(/^(?:\|.*\|[ \t]*(?:\n|$))+/gm, (table) => `${keep(tableToMarkdown(table.trimEnd()))}\n`)
    .replace(/\{(panel|info|note|warning|tip)(?::([^}]*))?\}([\s\S]*?)\{\1\}/g, (_match, kind: string, parameters: string | undefined, body: string) => {
      const title = /title=([^|}]*)/.exec(parameters ?? '')?.[1]?.trim();
      const label = kind === 'panel' ? 'Panel' : kind[0]!.toUpperCase() + kind.slice(1);
      return `bq. *${label}:*${title ? ` ${title}` : ''} ${body.trim().replace(/\n+/g, ' ')}`;
    });
  return restore(jira2md(protectedWiki), kept)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** `||A||B||` / `|1|2|` → a markdown table with a header row (an empty one when the wiki table has none). */
function tableToMarkdown(table: string): string {
  const rows = table.split('\n').map((row) => ({ header: row.startsWith('||'), cells: row.replace(/^\|\|?|\|\|?$/g, '').split(/\|\|?/).map((cell) => jira2md(cell.trim()).trim()) }));
  const width = Math.max(...rows.map((row) => row.cells.length));
  const line = (cells: string[]) => `| ${[...cells, ...Array<string>(width - cells.length).fill('')].join(' | ')} |`;
  const header = rows[0]?.header ? rows.shift()!.cells : Array<string>(width).fill('');
  return [line(header), `|${' --- |'.repeat(width)}`, ...rows.map((row) => line(row.cells))].join('\n');
}

/** jira2md over bounded pieces of the text, joined again. */
function jira2md(wiki: string): string {
  const { to_markdown: toMarkdown } = formatLibraries().jira2md;
  return wiki.length <= JIRA2MD_PIECE ? toMarkdown(wiki) : pieces(wiki, JIRA2MD_PIECE).map((piece) => toMarkdown(piece)).join('');
}
