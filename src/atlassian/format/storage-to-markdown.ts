/**
 * Confluence storage format (XHTML with `ac:`/`ri:` elements) → markdown. Headings, lists, tables, code
 * with its language, links, images, mentions, dates, status lozenges, panels, expand and TOC stay readable;
 * a macro we do not know becomes a short placeholder naming it instead of vanishing.
 */
import type { ChildNode, Element } from 'domhandler';
import { cutForConversion } from './input-limit.js';
import { formatLibraries } from './libraries.js';
import { FLATTENED_NOTE, flattenDeepDom } from './nesting.js';
import { parseStorage } from './storage-dom.js';

export interface StorageRenderOptions {
  /** Resolves a user reference (account id, user key or username) to a display name when known. */
  userName?: (reference: string) => string | undefined;
  /**
   * Convert the whole text however long. Page edits compare storage block by block and must see all of it;
   * readers get texts over `MAX_CONVERTED_CHARS` cut first, with a note (see input-limit.ts).
   */
  complete?: boolean;
}

const PANEL_MACROS: Record<string, string> = {
  info: 'Info',
  note: 'Note',
  warning: 'Warning',
  tip: 'Tip',
  panel: 'Panel',
  success: 'Success',
  error: 'Error',
};
/** Macros whose body is the content itself; shown without decoration. */
const TRANSPARENT_MACROS = new Set(['excerpt', 'section', 'column', 'div', 'span', 'details', 'excerpt-include']);

export function storageToMarkdown(storage: string, options: StorageRenderOptions = {}): string {
  const { text, note } = options.complete ? { text: storage, note: '' } : cutForConversion(storage);
  const document = parseStorage(text, { decodeEntities: true });
  const escape = (data: string) => data.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const flattened = flattenDeepDom(
    document.children,
    (data) => formatLibraries().htmlparser2.parseDocument(escape(data)).children,
  );
  const renderer = new StorageRenderer(options);
  return (
    renderer
      .blocks(document.children)
      .replace(/\n{3,}/g, '\n\n')
      .trim() +
    note +
    (flattened ? FLATTENED_NOTE : '')
  );
}

class StorageRenderer {
  constructor(private readonly options: StorageRenderOptions) {}

  blocks(nodes: ChildNode[]): string {
    const parts: string[] = [];
    let inlineRun = '';
    const flush = () => {
      if (inlineRun.trim()) parts.push(inlineRun.trim());
      inlineRun = '';
    };
    for (const node of nodes) {
      if (node.type === 'tag' && isBlock(node)) {
        flush();
        const text = this.block(node);
        if (text.trim()) parts.push(text);
      } else {
        inlineRun += this.inline(node);
      }
    }
    flush();
    return parts.join('\n\n');
  }

  private block(element: Element): string {
    const name = element.name.toLowerCase();
    const heading = /^h([1-6])$/.exec(name);
    if (heading) return `${'#'.repeat(Number(heading[1]))} ${this.inlines(element.children).trim()}`;
    switch (name) {
      case 'p':
        return this.inlines(element.children).trim();
      case 'ul':
      case 'ol':
        return this.list(element, name === 'ol');
      case 'pre':
        return fence(textContent(element), '');
      case 'blockquote':
        return quote(this.blocks(element.children));
      case 'hr':
        return '---';
      case 'table':
        return this.table(element);
      case 'ac:structured-macro':
        return this.macro(element);
      case 'ac:task-list':
        // `*` rather than `-`, so a task list next to a bullet list stays its own list in markdown.
        return childElements(element, 'ac:task')
          .map(
            (task) =>
              `* [${textContent(firstChild(task, 'ac:task-status')) === 'complete' ? 'x' : ' '}] ${this.inlines(firstChild(task, 'ac:task-body')?.children ?? []).trim()}`,
          )
          .join('\n');
      default:
        return this.blocks(element.children);
    }
  }

  private list(element: Element, ordered: boolean): string {
    return childElements(element, 'li')
      .map((item, index) => {
        const marker = ordered ? `${index + 1}. ` : '- ';
        const body = this.blocks(item.children).replace(/\n\n/g, '\n');
        return marker + body.split('\n').join(`\n${' '.repeat(marker.length)}`);
      })
      .join('\n');
  }

  private table(element: Element): string {
    const rows = descendants(element, 'tr').map((row) => ({
      header: childElements(row).every((cell) => cell.name === 'th'),
      cells: childElements(row).map((cell) => this.blocks(cell.children).replace(/\n+/g, '<br>').replace(/\|/g, '\\|')),
    }));
    if (rows.length === 0) return '';
    const width = Math.max(...rows.map((row) => row.cells.length));
    const pad = (cells: string[]) => `| ${[...cells, ...Array<string>(width - cells.length).fill('')].join(' | ')} |`;
    const header = rows[0]!.header ? rows.shift()!.cells : Array<string>(width).fill('');
    return [pad(header), `|${' --- |'.repeat(width)}`, ...rows.map((row) => pad(row.cells))].join('\n');
  }

  private macro(element: Element): string {
    const name = element.attribs['ac:name'] ?? 'macro';
    const parameters = macroParameters(element);
    const richBody = firstChild(element, 'ac:rich-text-body');
    const body = richBody ? this.blocks(richBody.children) : '';
    if (name === 'code' || name === 'noformat')
      return fence(textContent(firstChild(element, 'ac:plain-text-body')), parameters.language ?? '');
    if (PANEL_MACROS[name]) {
      // Without a title, a one-paragraph panel reads "**Note:** text", which writes back as the same panel.
      if (!parameters.title && body && !body.includes('\n')) return quote(`**${PANEL_MACROS[name]}:** ${body}`);
      const title = parameters.title ? ` ${parameters.title}` : '';
      return quote(`**${PANEL_MACROS[name]}:**${title}${body ? `\n${body}` : ''}`);
    }
    if (name === 'expand') return `**${parameters.title || 'Details'}**\n\n${body}`;
    if (name === 'toc') return '[Table of contents]';
    if (name === 'status') return `[${(parameters.title ?? '').toUpperCase()}]`;
    if (name === 'jira') return parameters.key ? `[Jira: ${parameters.key}]` : '[Jira issues]';
    if (name === 'anchor') return '';
    if (TRANSPARENT_MACROS.has(name)) return body;
    return body ? `[macro: ${name}]\n${body}` : `[macro: ${name}]`;
  }

  inlines(nodes: ChildNode[]): string {
    return nodes.map((node) => this.inline(node)).join('');
  }

  private inline(node: ChildNode): string {
    if (node.type === 'text') return node.data.replace(/\s+/g, ' ');
    if (node.type === 'cdata') return textContent(node as unknown as Element);
    if (node.type !== 'tag') return '';
    const element = node;
    const inner = () => this.inlines(element.children);
    switch (element.name.toLowerCase()) {
      case 'strong':
      case 'b':
        return wrap(inner(), '**');
      case 'em':
      case 'i':
        return wrap(inner(), '*');
      case 's':
      case 'del':
        return wrap(inner(), '~~');
      case 'code':
        return `\`${textContent(element)}\``;
      case 'br':
        return '  \n';
      case 'sub':
      case 'sup':
        return `<${element.name}>${inner()}</${element.name}>`;
      case 'a':
        return link(inner() || (element.attribs.href ?? ''), element.attribs.href ?? '');
      case 'img':
        return `![${element.attribs.alt ?? ''}](${element.attribs.src ?? ''})`;
      case 'time':
        return element.attribs.datetime ?? inner();
      case 'ac:link':
        return this.acLink(element);
      case 'ac:image':
        return this.acImage(element);
      case 'ac:emoticon':
        return element.attribs['ac:emoji-fallback'] ?? `:${element.attribs['ac:name'] ?? 'emoticon'}:`;
      case 'ac:structured-macro':
        return this.macro(element);
      case 'ac:placeholder':
        return '';
      default:
        return inner();
    }
  }

  private acLink(element: Element): string {
    const body = firstChild(element, 'ac:plain-text-link-body') ?? firstChild(element, 'ac:link-body');
    const label = body ? textContent(body).trim() : '';
    const target = childElements(element).find((child) => child.name.startsWith('ri:'));
    if (!target) return label;
    const attrs = target.attribs;
    switch (target.name) {
      case 'ri:user': {
        const reference = attrs['ri:account-id'] ?? attrs['ri:userkey'] ?? attrs['ri:username'] ?? 'user';
        return `@${label || this.options.userName?.(reference) || attrs['ri:username'] || reference}`;
      }
      case 'ri:page':
        return `[${label || attrs['ri:content-title'] || 'page'}]${attrs['ri:space-key'] ? ` (space ${attrs['ri:space-key']})` : ''}`;
      case 'ri:attachment':
        return `[attachment: ${label || attrs['ri:filename'] || 'file'}]`;
      case 'ri:url':
        return link(label || attrs['ri:value'] || '', attrs['ri:value'] ?? '');
      default:
        return label || `[${target.name.slice(3)}]`;
    }
  }

  private acImage(element: Element): string {
    const attachment = firstChild(element, 'ri:attachment');
    if (attachment)
      return `![${element.attribs['ac:alt'] ?? attachment.attribs['ri:filename'] ?? ''}](attachment:${attachment.attribs['ri:filename'] ?? ''})`;
    const url = firstChild(element, 'ri:url');
    return `![${element.attribs['ac:alt'] ?? ''}](${url?.attribs['ri:value'] ?? ''})`;
  }
}

const BLOCK_TAGS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'pre',
  'blockquote',
  'hr',
  'table',
  'div',
  'ac:task-list',
  'ac:layout',
  'ac:layout-section',
  'ac:layout-cell',
  'ac:rich-text-body',
]);
const BLOCK_MACROS = new Set([
  'code',
  'noformat',
  'expand',
  'toc',
  'info',
  'note',
  'warning',
  'tip',
  'panel',
  'success',
  'error',
  'excerpt',
  'section',
  'column',
  'details',
  'children',
  'jira',
]);

function isBlock(element: Element): boolean {
  const name = element.name.toLowerCase();
  if (BLOCK_TAGS.has(name)) return true;
  if (name === 'ac:structured-macro') {
    const macro = element.attribs['ac:name'] ?? '';
    return BLOCK_MACROS.has(macro) || Boolean(firstChild(element, 'ac:rich-text-body'));
  }
  return false;
}

function macroParameters(element: Element): Record<string, string> {
  return Object.fromEntries(
    childElements(element, 'ac:parameter').map((parameter) => [
      parameter.attribs['ac:name'] ?? '',
      textContent(parameter),
    ]),
  );
}

function childElements(element: Element, name?: string): Element[] {
  return element.children.filter((child): child is Element => child.type === 'tag' && (!name || child.name === name));
}

function firstChild(element: Element, name: string): Element | undefined {
  return childElements(element, name)[0];
}

function descendants(element: Element, name: string): Element[] {
  return childElements(element).flatMap((child) => (child.name === name ? [child] : descendants(child, name)));
}

function textContent(node: Element | undefined): string {
  if (!node) return '';
  return node.children
    .map((child) => {
      if (child.type === 'text') return child.data;
      if ('children' in child) return textContent(child as Element);
      return '';
    })
    .join('');
}

function wrap(text: string, marker: string): string {
  const trimmed = text.trim();
  return trimmed ? `${marker}${trimmed}${marker}` : '';
}

function link(text: string, href: string): string {
  if (!href) return text;
  return text === href ? `<${href}>` : `[${text}](${href})`;
}

function fence(code: string, language: string): string {
  const ticks = code.includes('```') ? '````' : '```';
  return `${ticks}${language}\n${code.replace(/\n$/, '')}\n${ticks}`;
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}
