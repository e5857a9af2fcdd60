/**
 * Confluence converts a body sent in the `wiki` representation to storage XHTML on arrival, and stores only the
 * storage. This is the sandbox's own small version of that conversion: headings, bullet and numbered lists,
 * `{code}` and `{noformat}` blocks, quotes, paragraphs, and the inline marks (bold, italic, monospace, links).
 */

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Storage XHTML for a wiki markup text. */
export function wikiToStorage(wiki: string): string {
  const lines = wiki.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const block = /^\{(code|noformat)(?::([^}]*))?\}\s*$/.exec(line.trim());
    if (block) {
      const body: string[] = [];
      while (index + 1 < lines.length && lines[index + 1]!.trim() !== `{${block[1]}}`) body.push(lines[++index]!);
      index++;
      out.push(codeMacro(body.join('\n'), block[1] === 'code' ? block[2] : undefined));
    } else if (/^[*#]+ /.test(line)) {
      const items: string[] = [];
      while (index < lines.length && /^[*#]+ /.test(lines[index]!)) items.push(lines[index++]!);
      index--;
      out.push(list(items));
    } else if (/^h[1-6]\. /.test(line)) {
      out.push(`<h${line[1]}>${inline(line.slice(4))}</h${line[1]}>`);
    } else if (line.startsWith('bq. ')) {
      out.push(`<blockquote><p>${inline(line.slice(4))}</p></blockquote>`);
    } else if (line.trim()) {
      const paragraph = [line];
      while (index + 1 < lines.length && isPlain(lines[index + 1]!)) paragraph.push(lines[++index]!);
      out.push(`<p>${paragraph.map(inline).join('<br />')}</p>`);
    }
  }
  return out.join('');
}

function isPlain(line: string): boolean {
  return line.trim() !== '' && !/^(?:[*#]+ |h[1-6]\. |bq\. |\{(?:code|noformat))/.test(line);
}

function codeMacro(body: string, language: string | undefined): string {
  const parameter = language ? `<ac:parameter ac:name="language">${escapeXml(language)}</ac:parameter>` : '';
  return `<ac:structured-macro ac:name="code">${parameter}<ac:plain-text-body><![CDATA[${body}]]></ac:plain-text-body></ac:structured-macro>`;
}

/** Nested lists from `*`/`#` prefixes: the prefix length is the depth, its last character the list kind. */
function list(items: readonly string[]): string {
  let html = '';
  const open: string[] = [];
  for (const item of items) {
    const [, marks = '', text = ''] = /^([*#]+) (.*)$/.exec(item) ?? [];
    while (open.length > marks.length) html += `</li></${open.pop()}>`;
    if (open.length === marks.length && open.length > 0) html += '</li>';
    while (open.length < marks.length) {
      const tag = marks[open.length] === '#' ? 'ol' : 'ul';
      open.push(tag);
      html += `<${tag}>`;
    }
    html += `<li>${inline(text)}`;
  }
  while (open.length > 0) html += `</li></${open.pop()}>`;
  return html;
}

function inline(text: string): string {
  return escapeXml(text)
    .replace(/\{\{(.+?)\}\}/g, '<code>$1</code>')
    .replace(/\[([^|\]]+)\|([^\]]+)\]/g, '<a href="$2">$1</a>')
    .replace(/\[(https?:[^\]]+)\]/g, '<a href="$1">$1</a>')
    .replace(/(^|[^\w*])\*(\S(?:.*?\S)?)\*(?!\w)/g, '$1<strong>$2</strong>')
    .replace(/(^|[^\w_])_(\S(?:.*?\S)?)_(?!\w)/g, '$1<em>$2</em>');
}
