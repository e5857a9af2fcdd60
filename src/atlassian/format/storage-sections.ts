/**
 * Section edits in storage format: a section is a top-level heading and everything after it up to the next
 * heading of the same or a higher level. Only the section's body is spliced; every other byte of the page stays.
 */
import type { Element } from 'domhandler';
import { parseStorage } from './storage-dom.js';

export interface Heading {
  level: number;
  text: string;
  /** Offsets into the storage string. */
  start: number;
  end: number;
}

export function topLevelHeadings(storage: string): Heading[] {
  const document = parseStorage(storage, { decodeEntities: true, withIndices: true });
  return document.children
    .filter((node): node is Element => node.type === 'tag' && /^h[1-6]$/i.test(node.name))
    .map((node) => ({
      level: Number(node.name[1]),
      text: textOf(node).trim(),
      start: node.startIndex!,
      end: node.endIndex! + 1,
    }));
}

/** Replaces the body of the `occurrence`-th section titled `heading`; undefined when there is no such section. */
export function replaceSection(
  storage: string,
  heading: string,
  occurrence: number,
  newBody: string,
): string | undefined {
  const headings = topLevelHeadings(storage);
  const matches = headings.filter((candidate) => candidate.text.toLowerCase() === heading.trim().toLowerCase());
  const target = matches[occurrence - 1];
  if (!target) return undefined;
  const next = headings.find((candidate) => candidate.start > target.start && candidate.level <= target.level);
  const bodyEnd = next ? next.start : storage.length;
  return storage.slice(0, target.end) + newBody + storage.slice(bodyEnd);
}

function textOf(node: Element): string {
  return node.children
    .map((child) => (child.type === 'text' ? child.data : 'children' in child ? textOf(child as Element) : ''))
    .join('');
}
