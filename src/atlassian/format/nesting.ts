/**
 * How deep rich text may nest before conversion. The converters (ours, marked, marklassian, jira2md) recurse once
 * per level, so a document nested thousands deep overflowed the stack, and a markdown list indented a thousand
 * levels made marked allocate until the process ran out of memory. No readable document nests that deep:
 *
 * - Atlassian's text (ADF, storage) deeper than `MAX_NESTING` keeps its words, flattened to plain text at that
 *   level, with a note; the reader still gets the content.
 * - Markdown a caller sends is measured first (quotes and list indentation per line, outside code fences), and
 *   refused with a `ToolInputError` when it nests deeper than `MAX_NESTING`.
 */
import type { ChildNode, Element } from 'domhandler';
import { ToolInputError } from '../input-error.js';
import type { AdfNode } from './adf-to-markdown.js';

/** Deeper than any list, quote or table a person writes (a list nested ten deep is about 20 levels of ADF). */
export const MAX_NESTING = 48;

export const FLATTENED_NOTE = `\n\n[… content nested deeper than ${MAX_NESTING} levels is shown as plain text]`;

/**
 * A copy of `root` whose nodes at depth `MAX_NESTING` hold their text only; `flattened` says whether any did. A
 * document that nests less deep, as every readable one does, is returned as it is: finding that out reads each
 * node once, where copying it allocated each node again on every conversion.
 */
export function flattenDeepAdf(root: AdfNode): { root: AdfNode; flattened: boolean } {
  if (!adfNestsTooDeep(root)) return { root, flattened: false };
  let flattened = false;
  const copy: AdfNode = { ...root };
  const pending: Array<{ node: AdfNode; depth: number }> = [{ node: copy, depth: 0 }];
  while (pending.length) {
    const { node, depth } = pending.pop()!;
    if (!Array.isArray(node.content)) continue;
    if (depth >= MAX_NESTING) {
      node.content = [{ type: 'text', text: adfText(node) }];
      flattened = true;
      continue;
    }
    node.content = node.content.map((child) => (isNode(child) ? { ...child } : child));
    for (const child of node.content) if (isNode(child)) pending.push({ node: child, depth: depth + 1 });
  }
  return { root: copy, flattened };
}

/** Whether a node with content sits at depth `MAX_NESTING` or deeper: what `flattenDeepAdf` would flatten. */
function adfNestsTooDeep(root: AdfNode): boolean {
  const nodes: AdfNode[] = [root];
  const depths: number[] = [0];
  while (nodes.length) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (!Array.isArray(node.content)) continue;
    if (depth >= MAX_NESTING) return true;
    for (const child of node.content)
      if (isNode(child)) {
        nodes.push(child);
        depths.push(depth + 1);
      }
  }
  return false;
}

/** Every text of an ADF subtree in document order, gathered without recursion. */
function adfText(root: AdfNode): string {
  const parts: string[] = [];
  const pending: unknown[] = [root];
  while (pending.length) {
    const node = pending.pop();
    if (!isNode(node)) continue;
    if (typeof node.text === 'string') parts.push(node.text);
    if (Array.isArray(node.content))
      for (let index = node.content.length - 1; index >= 0; index--) pending.push(node.content[index]);
  }
  return parts.join(' ');
}

function isNode(value: unknown): value is AdfNode {
  return typeof value === 'object' && value !== null;
}

/**
 * Replaces, in a parsed storage document, the children of every element at depth `MAX_NESTING` by text nodes
 * (`textNodes` makes them) holding their text; true when any was. Mutates the tree, which each conversion parses
 * for itself.
 */
export function flattenDeepDom(nodes: ChildNode[], textNodes: (data: string) => ChildNode[]): boolean {
  let flattened = false;
  const pending: Array<{ node: ChildNode; depth: number }> = nodes.map((node) => ({ node, depth: 1 }));
  while (pending.length) {
    const { node, depth } = pending.pop()!;
    if (!('children' in node)) continue;
    const element = node as Element;
    if (depth >= MAX_NESTING && element.children.some((child) => 'children' in child)) {
      element.children = textNodes(domText(element));
      for (const child of element.children) child.parent = element;
      flattened = true;
      continue;
    }
    for (const child of element.children) pending.push({ node: child, depth: depth + 1 });
  }
  return flattened;
}

function domText(root: Element): string {
  const parts: string[] = [];
  const pending: ChildNode[] = [...root.children].reverse();
  while (pending.length) {
    const node = pending.pop()!;
    if (node.type === 'text' || node.type === 'cdata') parts.push('data' in node ? String(node.data) : '');
    if ('children' in node)
      for (let index = node.children.length - 1; index >= 0; index--) pending.push(node.children[index]!);
  }
  return parts.join(' ');
}

/** Refuses markdown whose quotes and list indentation nest deeper than `MAX_NESTING`, before any converter sees it. */
export function assertShallowMarkdown(markdown: string, what = 'the text'): void {
  const depth = markdownDepth(markdown);
  if (depth > MAX_NESTING) {
    throw new ToolInputError(
      `${what} nests ${depth} levels deep (quotes and indented lists); at most ${MAX_NESTING} can be converted, so flatten it`,
    );
  }
}

/**
 * The deepest line of `markdown`: each leading `>` is a level, and on a list item (`-`, `*`, `+`, `1.`) so is every
 * two columns of indentation (a tab is four). Lines in code fences do not count, nor indented prose or code.
 */
export function markdownDepth(markdown: string): number {
  let deepest = 0;
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    let depth = 0;
    let column = 0;
    let index = 0;
    for (; index < line.length; index++) {
      const char = line[index];
      if (char === '>') depth++;
      else if (char === ' ') column++;
      else if (char === '\t') column += 4;
      else break;
    }
    const listItem = /^(?:[-*+]|\d{1,9}[.)])(?:\s|$)/.test(line.slice(index));
    deepest = Math.max(deepest, depth + (listItem ? Math.floor(column / 2) : 0));
  }
  return deepest;
}
