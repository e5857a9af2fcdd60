/**
 * Markdown → Confluence storage format (XHTML), through marked: fenced code becomes the code macro, quoted
 * "**Info:** …" blocks become the info/note/warning/tip macros they were read from, and void elements are
 * written the XHTML way. Macros the reader showed as placeholders can be put back with `restoreMacros`.
 */
import type { Marked, Tokens } from 'marked';
import { formatLibraries } from './libraries.js';
import { assertShallowMarkdown } from './nesting.js';

const PANELS: Record<string, string> = {
  info: 'info',
  note: 'note',
  warning: 'warning',
  tip: 'tip',
  success: 'tip',
  error: 'warning',
  panel: 'panel',
};

let marked: Marked | undefined;

/** The storage renderer, built on first use (the libraries load after startup). */
function storageRenderer(): Marked {
  return (marked ??= new (formatLibraries().marked.Marked)({
    gfm: true,
    async: false,
    renderer: {
      code({ text, lang }: Tokens.Code) {
        const language = lang?.trim().split(/\s+/)[0];
        const parameter = language ? `<ac:parameter ac:name="language">${escapeXml(language)}</ac:parameter>` : '';
        return `<ac:structured-macro ac:name="code">${parameter}<ac:plain-text-body>${cdata(text)}</ac:plain-text-body></ac:structured-macro>`;
      },
      blockquote(this: { parser: { parse(tokens: Tokens.Generic[]): string } }, { tokens }: Tokens.Blockquote) {
        const body = this.parser.parse(tokens);
        const panel = /^<p><strong>(Info|Note|Warning|Tip|Success|Error|Panel):<\/strong>\s*/i.exec(body);
        if (!panel) return `<blockquote>${body}</blockquote>`;
        const name = PANELS[panel[1]!.toLowerCase()]!;
        return `<ac:structured-macro ac:name="${name}"><ac:rich-text-body><p>${body.slice(panel[0].length)}</ac:rich-text-body></ac:structured-macro>`;
      },
      hr() {
        return '<hr />';
      },
      br() {
        return '<br />';
      },
      image({ href, text }: Tokens.Image) {
        if (href.startsWith('attachment:'))
          return `<ac:image ac:alt="${escapeXml(text)}"><ri:attachment ri:filename="${escapeXml(href.slice('attachment:'.length))}" /></ac:image>`;
        return `<ac:image ac:alt="${escapeXml(text)}"><ri:url ri:value="${escapeXml(href)}" /></ac:image>`;
      },
    },
  }));
}

export function markdownToStorage(markdown: string): string {
  assertShallowMarkdown(markdown);
  // marked separates blocks with newlines; drop those between tags, but never touch code inside CDATA.
  return (storageRenderer().parse(markdown) as string)
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => (part.startsWith('<![CDATA[') ? part : part.replace(/>\s*\n\s*</g, '><').replace(/\n+$/, '')))
    .join('')
    .replace(/<p><\/p>/g, '');
}

/**
 * Puts back the macros of the page being edited whose placeholders (as `storageToMarkdown` writes them, e.g.
 * `[macro: drawio]`, `[Table of contents]`) survive as paragraphs of their own in the new storage, in order.
 */
export function restoreMacros(
  newStorage: string,
  placeholders: ReadonlyArray<{ placeholder: string; storage: string }>,
): string {
  const pending = [...placeholders];
  return newStorage.replace(/<p>(\[[^\]<]+\])<\/p>/g, (match, text: string) => {
    const index = pending.findIndex((entry) => entry.placeholder === text);
    if (index < 0) return match;
    const [entry] = pending.splice(index, 1);
    return entry!.storage;
  });
}

function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
