/**
 * Markdown → Jira wiki markup for Server/Data Center, through jira2md. Code (fenced and inline) is set aside
 * and restored verbatim; tables, horizontal rules and block quotes, which jira2md misreads, are converted here.
 */
import { formatLibraries } from './libraries.js';

const PLACEHOLDER = (index: number) => `\u0000${index}\u0000`;
// eslint-disable-next-line no-control-regex -- NUL marks placeholders; no text a person writes contains it
const PLACEHOLDER_PATTERN = /\u0000(\d+)\u0000/g;

export function markdownToWiki(markdown: string): string {
  const kept: string[] = [];
  const keep = (wiki: string) => PLACEHOLDER(kept.push(wiki) - 1);
  const prepared = markdown
    .replace(/^```([\w+-]*)\n([\s\S]*?)\n```$/gm, (_match, language: string, code: string) =>
      keep(`{code${language ? `:${language}` : ''}}\n${code}\n{code}`),
    )
    .replace(/`([^`\n]+)`/g, (_match, code: string) => keep(`{{${code}}}`))
    .replace(/^(?:\|.*\|[ \t]*\n)+\|.*\|[ \t]*$|^(?:\|.*\|[ \t]*\n)*\|.*\|[ \t]*$/gm, (table) =>
      keep(tableToWiki(table)),
    )
    .replace(/^ {0,3}([-*_])( ?\1){2,} *$/gm, () => keep('----'))
    .replace(
      /^(?:>.*(?:\n|$))+/gm,
      (quote) => `${keep(`{quote}\n${markdownToWiki(quote.replace(/^> ?/gm, '').trim())}\n{quote}`)}\n`,
    );
  return restore(formatLibraries().jira2md.to_jira(prepared), kept);
}

/** `| A | B |` / `| --- | --- |` / `| 1 | 2 |` → `||A||B||` / `|1|2|`, converting inline markup in cells. */
function tableToWiki(table: string): string {
  const rows = table.split('\n').map((row) =>
    row
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((cell) => cell.trim()),
  );
  const delimiter = rows.findIndex((cells) => cells.every((cell) => /^:?-{3,}:?$/.test(cell)));
  return rows
    .filter((_, index) => index !== delimiter)
    .map((cells, index) => {
      const converted = cells.map((cell) => (cell ? formatLibraries().jira2md.to_jira(cell) : ' '));
      return delimiter === 1 && index === 0 ? `||${converted.join('||')}||` : `|${converted.join('|')}|`;
    })
    .join('\n');
}

/** Puts set-aside pieces back, including pieces set aside inside other pieces (code inside a table cell). */
export function restore(text: string, kept: readonly string[]): string {
  let previous: string;
  let result = text;
  do {
    previous = result;
    result = result.replace(PLACEHOLDER_PATTERN, (_match, index: string) => kept[Number(index)] ?? '');
  } while (result !== previous);
  return result;
}
