/**
 * Plain text of Confluence storage XHTML, as the sandbox needs it for CQL text searches and search excerpts:
 * macro parameters left out, CDATA bodies kept, dates and page links by their text, block elements on lines of
 * their own, entities decoded.
 */

const BLOCK =
  /<\/?(?:p|h[1-6]|li|ul|ol|tr|table|tbody|blockquote|pre|div|ac:structured-macro|ac:task|ac:rich-text-body)\b[^>]*>|<br\s*\/?>/gi;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The text a reader sees, blocks separated by newlines. */
export function storageText(storage: string): string {
  return decodeEntities(
    storage
      .replace(/<ac:parameter\b[\s\S]*?<\/ac:parameter>/g, '')
      .replace(/<time\s+datetime="([^"]*)"\s*\/>/g, '$1')
      .replace(/<ri:page\s+ri:content-title="([^"]*)"[^>]*\/>/g, '$1')
      .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_match, body: string) => `\n${body.replace(/</g, '&lt;')}\n`)
      .replace(BLOCK, '\n')
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/[ \t]*\n[\s]*/g, '\n')
    .trim();
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
}
