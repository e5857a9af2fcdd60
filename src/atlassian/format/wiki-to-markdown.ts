/**
 * Jira Server/Data Center wiki markup → markdown, through jira2md. Code, noformat and monospace spans are
 * set aside first and restored verbatim (jira2md would read `_` inside them as emphasis), and panels, which
 * it turns into tables, become quoted blocks.
 */
import jira2md from 'jira2md';

const PLACEHOLDER = (index: number) => `\u0000${index}\u0000`;

export function wikiToMarkdown(wiki: string | null | undefined): string {
  if (!wiki) return '';
  const kept: string[] = [];
  const keep = (markdown: string) => PLACEHOLDER(kept.push(markdown) - 1);
  const protectedWiki = wiki
    .replace(/\{code(?::([^}|]*)[^}]*)?\}\n?([\s\S]*?)\n?\{code\}/g, (_match, language: string | undefined, code: string) => `\n${keep(`\`\`\`${language?.trim() ?? ''}\n${code}\n\`\`\``)}\n`)
    .replace(/\{noformat\}\n?([\s\S]*?)\n?\{noformat\}/g, (_match, text: string) => `\n${keep(`\`\`\`\n${text}\n\`\`\``)}\n`)
    .replace(/\{\{([^}]+)\}\}/g, (_match, text: string) => keep(`\`${text}\``))
    .replace(/\{(panel|info|note|warning|tip)(?::([^}]*))?\}([\s\S]*?)\{\1\}/g, (_match, kind: string, parameters: string | undefined, body: string) => {
      const title = /title=([^|}]*)/.exec(parameters ?? '')?.[1]?.trim();
      const label = kind === 'panel' ? 'Panel' : kind[0]!.toUpperCase() + kind.slice(1);
      return `bq. *${label}:*${title ? ` ${title}` : ''} ${body.trim().replace(/\n+/g, ' ')}`;
    });
  return jira2md
    .to_markdown(protectedWiki)
    .replace(/\u0000(\d+)\u0000/g, (_match, index: string) => kept[Number(index)] ?? '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
