/**
 * Atlassian Document Format (Jira Cloud rich text) → markdown a model can read: headings, lists, code,
 * tables, links, mentions, emoji, dates, status lozenges and panels survive; unknown nodes keep their text.
 * A document larger than `MAX_CONVERTED_CHARS` (text plus one per node) is cut first, with a note.
 */
import { cutNote, MAX_CONVERTED_CHARS } from './input-limit.js';
import { FLATTENED_NOTE, flattenDeepAdf } from './nesting.js';

export interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  content?: AdfNode[];
}

/** Languages that mean "no highlighting"; written as a bare fence. */
const PLAIN_LANGUAGES = new Set(['text', 'plaintext', 'plain', 'none']);

const PANEL_LABELS: Record<string, string> = {
  info: 'Info',
  note: 'Note',
  warning: 'Warning',
  error: 'Error',
  success: 'Success',
  tip: 'Tip',
};

export function isAdf(value: unknown): value is AdfNode {
  return typeof value === 'object' && value !== null && (value as AdfNode).type === 'doc';
}

export function adfToMarkdown(input: unknown): string {
  if (!isAdf(input)) return typeof input === 'string' ? input : '';
  // Flattened first: the cut below and the rendering both recurse once per level.
  const { root: document, flattened } = flattenDeepAdf(input);
  const nestingNote = flattened ? FLATTENED_NOTE : '';
  const size = adfSize(document);
  if (size <= MAX_CONVERTED_CHARS) return blocks(document.content).trim() + nestingNote;
  const budget = { left: MAX_CONVERTED_CHARS };
  const kept = cutAdf(document, budget);
  return blocks(kept?.content).trim() + cutNote(MAX_CONVERTED_CHARS - budget.left, size) + nestingNote;
}

/** A document's size as the cut counts it: its text, plus one for every node. */
function adfSize(root: AdfNode): number {
  let size = 0;
  const pending: unknown[] = [root];
  while (pending.length) {
    const node = pending.pop() as AdfNode | undefined;
    if (typeof node !== 'object' || node === null) continue;
    size += 1 + (typeof node.text === 'string' ? node.text.length : 0);
    if (Array.isArray(node.content)) for (const child of node.content) pending.push(child);
  }
  return size;
}

/** The document up to `budget.left` (text plus one per node), in order; later nodes are left out. */
function cutAdf(node: AdfNode, budget: { left: number }): AdfNode | undefined {
  if (budget.left <= 0) return undefined;
  budget.left -= 1;
  let cut = node;
  if (typeof node.text === 'string') {
    const text = node.text.slice(0, Math.max(budget.left, 0));
    budget.left -= text.length;
    cut = text.length < node.text.length ? { ...node, text } : node;
  }
  if (!Array.isArray(node.content)) return cut;
  const content: AdfNode[] = [];
  for (const child of node.content) {
    const kept = cutAdf(child, budget);
    if (!kept) break;
    content.push(kept);
  }
  return { ...cut, content };
}

function blocks(nodes: AdfNode[] | undefined): string {
  return (nodes ?? [])
    .map(block)
    .filter((text) => text.length > 0)
    .join('\n\n');
}

function block(node: AdfNode): string {
  const attrs = node.attrs ?? {};
  switch (node.type) {
    case 'paragraph':
      return inline(node.content);
    case 'heading':
      return `${'#'.repeat(clamp(Number(attrs.level) || 1, 1, 6))} ${inline(node.content)}`;
    case 'bulletList':
      return node.content?.map((item) => listItem(item, '- ')).join('\n') ?? '';
    case 'orderedList': {
      const start = Number(attrs.order) || 1;
      return node.content?.map((item, index) => listItem(item, `${start + index}. `)).join('\n') ?? '';
    }
    case 'taskList':
      return (
        node.content?.map((item) => listItem(item, item.attrs?.state === 'DONE' ? '- [x] ' : '- [ ] ')).join('\n') ?? ''
      );
    case 'decisionList':
      return node.content?.map((item) => listItem(item, '- Decision: ')).join('\n') ?? '';
    case 'codeBlock':
      return fence(
        textOf(node),
        typeof attrs.language === 'string' && !PLAIN_LANGUAGES.has(attrs.language) ? attrs.language : '',
      );
    case 'blockquote':
      return quote(blocks(node.content));
    case 'rule':
      return '---';
    case 'panel':
      return quote(`**${PANEL_LABELS[String(attrs.panelType)] ?? 'Panel'}:** ${blocks(node.content)}`);
    case 'expand':
    case 'nestedExpand':
      return `**${typeof attrs.title === 'string' && attrs.title ? attrs.title : 'Details'}**\n\n${blocks(node.content)}`;
    case 'table':
      return table(node);
    case 'mediaSingle':
    case 'mediaGroup':
      return node.content?.map(media).join('\n') ?? '';
    case 'media':
      return media(node);
    case 'blockCard':
    case 'embedCard':
      return link(attrText(attrs.url, ''), attrText(attrs.url, ''));
    case 'layoutSection':
    case 'layoutColumn':
    case 'bodiedExtension':
      return blocks(node.content);
    case 'extension':
      return `[${attrText(attrs.extensionKey, 'extension')}]`;
    default:
      return node.content ? blocks(node.content) : inline([node]);
  }
}

function listItem(item: AdfNode, marker: string): string {
  const body = (item.content ?? [])
    .map((child) => (child.type === 'paragraph' ? inline(child.content) : block(child)))
    .join('\n');
  const indent = ' '.repeat(Math.min(marker.length, 4));
  return marker + body.split('\n').join(`\n${indent}`);
}

function table(node: AdfNode): string {
  const rows = (node.content ?? []).map((row) =>
    (row.content ?? []).map((cell) => blocks(cell.content).replace(/\n+/g, '<br>').replace(/\|/g, '\\|')),
  );
  if (rows.length === 0) return '';
  const width = Math.max(...rows.map((row) => row.length));
  const pad = (row: string[]) => `| ${[...row, ...Array<string>(width - row.length).fill('')].join(' | ')} |`;
  const headerIsReal = node.content?.[0]?.content?.every((cell) => cell.type === 'tableHeader') ?? false;
  const header = headerIsReal ? rows.shift()! : Array<string>(width).fill('');
  return [pad(header), `|${' --- |'.repeat(width)}`, ...rows.map(pad)].join('\n');
}

function media(node: AdfNode): string {
  if (node.type !== 'media') return block(node);
  const attrs = node.attrs ?? {};
  const name = attrText(attrs.alt ?? attrs.id, 'attachment');
  return attrs.type === 'external' && typeof attrs.url === 'string'
    ? `![${name}](${attrs.url})`
    : `[attachment: ${name}]`;
}

function inline(nodes: AdfNode[] | undefined): string {
  return (nodes ?? []).map(inlineNode).join('');
}

function inlineNode(node: AdfNode): string {
  const attrs = node.attrs ?? {};
  switch (node.type) {
    case 'text':
      return applyMarks(node.text ?? '', node.marks);
    case 'hardBreak':
      return '  \n';
    case 'mention':
      return `@${attrText(attrs.text ?? attrs.id, 'someone').replace(/^@/, '')}`;
    case 'emoji':
      return attrText(attrs.text ?? attrs.shortName, '');
    case 'date':
      return formatDate(attrs.timestamp);
    case 'status':
      return `[${attrText(attrs.text, '').toUpperCase()}]`;
    case 'inlineCard':
      return link(attrText(attrs.url, ''), attrText(attrs.url, ''));
    case 'placeholder':
      return attrText(attrs.text, '');
    case 'inlineExtension':
      return `[${attrText(attrs.extensionKey, 'extension')}]`;
    case 'mediaInline':
      return media({ ...node, type: 'media' });
    default:
      return node.content ? inline(node.content) : (node.text ?? '');
  }
}

function applyMarks(text: string, marks: AdfNode['marks']): string {
  let result = text;
  const code = marks?.some((mark) => mark.type === 'code');
  if (code) result = `\`${result}\``;
  for (const mark of marks ?? []) {
    if (mark.type === 'strong') result = `**${result}**`;
    else if (mark.type === 'em') result = `*${result}*`;
    else if (mark.type === 'strike') result = `~~${result}~~`;
    else if (mark.type === 'subsup')
      result = mark.attrs?.type === 'sub' ? `<sub>${result}</sub>` : `<sup>${result}</sup>`;
  }
  const href = marks?.find((mark) => mark.type === 'link')?.attrs?.href;
  return typeof href === 'string' ? link(result, href) : result;
}

function link(text: string, href: string): string {
  return text === href ? `<${href}>` : `[${text}](${href})`;
}

function fence(code: string, language: string): string {
  const ticks = code.includes('```') ? '````' : '```';
  return `${ticks}${language}\n${code}\n${ticks}`;
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

function textOf(node: AdfNode): string {
  return node.text ?? (node.content ?? []).map(textOf).join('');
}

function formatDate(timestamp: unknown): string {
  const milliseconds = Number(timestamp);
  return Number.isFinite(milliseconds) ? new Date(milliseconds).toISOString().slice(0, 10) : attrText(timestamp, '');
}

/** An attribute as text: strings and numbers as written, anything else (absent, an object) as `fallback`. */
function attrText(value: unknown, fallback: string): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : fallback;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
