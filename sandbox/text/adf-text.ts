/**
 * The plain text of an Atlassian Document Format document, as Jira Cloud indexes it for `text ~` searches: the
 * text of every text node, blocks on lines of their own. The sandbox reads ADF only for searching; what it
 * receives it stores and returns as given.
 */

/** An ADF node: only the parts the sandbox reads are typed. */
export interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  content?: AdfNode[];
}

export interface AdfDocument extends AdfNode {
  type: 'doc';
  version: 1;
}

/** The text of `value` when it is an ADF node; an empty string for anything else. */
export function adfText(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const node = value as AdfNode;
  if (typeof node.text === 'string') return node.text;
  const children = Array.isArray(node.content) ? node.content : [];
  const inline = children.every((child) => typeof child.text === 'string' || child.type === 'hardBreak');
  return children.map(adfText).join(inline ? '' : '\n');
}
