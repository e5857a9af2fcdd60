/**
 * The macros of a page that markdown can only show as a placeholder (`[macro: drawio]`, `[Table of contents]`,
 * `[Jira: OPS-1]`), with their original storage, so an edit made through markdown can put them back untouched.
 */
import type { ChildNode } from 'domhandler';
import { formatLibraries } from './libraries.js';
import { parseStorage } from './storage-dom.js';
import { storageToMarkdown } from './storage-to-markdown.js';

export interface MacroPlaceholder {
  placeholder: string;
  storage: string;
}

export function macroPlaceholders(storage: string): MacroPlaceholder[] {
  const { DomUtils } = formatLibraries().htmlparser2;
  const document = parseStorage(storage, { decodeEntities: false });
  const found: MacroPlaceholder[] = [];
  const visit = (nodes: ChildNode[]) => {
    for (const node of nodes) {
      if (node.type !== 'tag') continue;
      if (node.name === 'ac:structured-macro') {
        const outer = DomUtils.getOuterHTML(node, { xmlMode: true, decodeEntities: false });
        const shown = storageToMarkdown(outer, { complete: true }).trim();
        if (/^\[[^\]\n]+\]$/.test(shown)) found.push({ placeholder: shown, storage: outer });
        continue;
      }
      visit(node.children);
    }
  };
  visit(document.children);
  return found;
}
