/**
 * Applies a markdown edit to a page without losing what the caller did not change. The page's top-level
 * storage blocks are rendered to markdown as the reader saw them; every block of the new markdown that still
 * reads the same keeps its original storage (macros, layouts, mentions, page links and all), and only new or
 * changed blocks are converted. Placeholders of macros that moved are put back too.
 */
import { formatLibraries } from './libraries.js';
import { markdownToStorage, restoreMacros } from './markdown-to-storage.js';
import { parseStorage } from './storage-dom.js';
import { macroPlaceholders } from './storage-macros.js';
import { storageToMarkdown } from './storage-to-markdown.js';

interface Block {
  storage: string;
  markdown: string;
  tokens: number;
}

export function mergeMarkdownIntoStorage(
  originalStorage: string,
  markdown: string,
): { storage: string; kept: number; converted: number } {
  const blocks = storageBlocks(originalStorage);
  const tokens = formatLibraries()
    .marked.Lexer.lex(markdown)
    .filter((token) => token.type !== 'space');
  const parts: string[] = [];
  let kept = 0;
  let converted = 0;
  let nextBlock = 0;
  for (let index = 0; index < tokens.length;) {
    const match = findBlock(blocks, nextBlock, (count) =>
      tokens
        .slice(index, index + count)
        .map((token) => token.raw.trim())
        .join('\n\n'),
    );
    if (match) {
      parts.push(match.block.storage);
      index += match.block.tokens;
      nextBlock = match.position + 1;
      kept++;
    } else {
      parts.push(markdownToStorage(tokens[index]!.raw));
      index++;
      converted++;
    }
  }
  // Nothing changed: send the page back byte for byte rather than re-serialised.
  if (converted === 0 && kept === blocks.length) return { storage: originalStorage, kept, converted };
  return { storage: restoreMacros(parts.join(''), macroPlaceholders(originalStorage)), kept, converted };
}

function findBlock(
  blocks: readonly Block[],
  from: number,
  textOf: (count: number) => string,
): { block: Block; position: number } | undefined {
  for (let position = from; position < blocks.length; position++) {
    const block = blocks[position]!;
    if (block.tokens > 0 && textOf(block.tokens) === block.markdown) return { block, position };
  }
  return undefined;
}

/** Top-level blocks with their markdown; blocks that render to nothing (anchors) ride along with the next one. */
function storageBlocks(storage: string): Block[] {
  const { DomUtils } = formatLibraries().htmlparser2;
  const document = parseStorage(storage, { decodeEntities: false });
  const blocks: Block[] = [];
  let carried = '';
  for (const node of document.children) {
    const xml = DomUtils.getOuterHTML(node, { xmlMode: true, decodeEntities: false });
    const markdown = storageToMarkdown(xml, { complete: true }).trim();
    if (!markdown) {
      carried += xml;
      continue;
    }
    blocks.push({
      storage: carried + xml,
      markdown,
      tokens: formatLibraries()
        .marked.Lexer.lex(markdown)
        .filter((token) => token.type !== 'space').length,
    });
    carried = '';
  }
  if (carried && blocks.length) blocks[blocks.length - 1]!.storage += carried;
  return blocks;
}
