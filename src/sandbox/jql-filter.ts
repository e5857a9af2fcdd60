/**
 * A small JQL evaluator for the sandbox: AND-ed clauses on project, key, status, type, priority, assignee,
 * labels, summary/text, plus ORDER BY. Enough for demos and tests; unknown clauses match everything.
 */
import { splitOrderBy } from '../atlassian/jira/jql.js';
import { adfToMarkdown } from '../atlassian/format/adf-to-markdown.js';
import type { SandboxIssue, SandboxLink, SandboxUser } from './jira-seed.js';

function plainText(value: unknown): string {
  return typeof value === 'string' ? value : adfToMarkdown(value);
}

const CLAUSE = /^\(*\s*("[^"]+"|cf\[\d+\]|[\w.]+)\s*(=|!=|~|in|not in)\s*(.+?)\s*\)*$/i;

export function matchesJql(issue: SandboxIssue, jql: string, currentUser: SandboxUser, links: readonly SandboxLink[] = []): boolean {
  const { where } = splitOrderBy(jql);
  if (!where) return true;
  return splitAnd(where).every((clause) => matchesClause(issue, clause.trim(), currentUser, links));
}

export function orderIssues(issues: SandboxIssue[], jql: string): SandboxIssue[] {
  const { orderBy } = splitOrderBy(jql);
  const match = /order\s+by\s+(\w+)(?:\s+(asc|desc))?/i.exec(orderBy);
  if (!match) return issues;
  const field = match[1]!.toLowerCase();
  const direction = match[2]?.toLowerCase() === 'desc' ? -1 : 1;
  const value = (issue: SandboxIssue) => (field === 'key' ? Number(issue.key.split('-')[1]) : field === 'created' ? issue.created : issue.updated);
  return [...issues].sort((a, b) => (value(a) < value(b) ? -direction : value(a) > value(b) ? direction : 0));
}

function splitAnd(where: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let current = '';
  for (let index = 0; index < where.length; index++) {
    const char = where[index]!;
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    if (!quote && depth <= 1 && /^\s+and\s+/i.test(where.slice(index)) && balanced(current)) {
      parts.push(current);
      current = '';
      index += /^\s+and\s+/i.exec(where.slice(index))![0].length - 1;
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts.flatMap((part) => {
    const trimmed = part.trim();
    return trimmed.startsWith('(') && trimmed.endsWith(')') && balanced(trimmed.slice(1, -1)) && /\s+and\s+/i.test(trimmed) ? splitAnd(trimmed.slice(1, -1)) : [trimmed];
  });
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

function matchesClause(issue: SandboxIssue, clause: string, currentUser: SandboxUser, links: readonly SandboxLink[] = []): boolean {
  if (/^issueLinkType\s+is\s+not\s+empty$/i.test(clause)) return links.some((link) => link.inward === issue.key || link.outward === issue.key);
  const match = CLAUSE.exec(clause);
  if (!match) return true;
  const field = match[1]!.toLowerCase();
  const operator = match[2]!.toLowerCase();
  const values = parseValues(match[3]!);
  const actual = fieldValues(issue, field);
  if (actual === undefined) return true;
  const lower = actual.map((value) => value.toLowerCase());
  const wanted = values.map((value) => (value === 'currentuser()' ? currentUser.name : value).toLowerCase());
  switch (operator) {
    case '=':
    case 'in':
      return wanted.some((value) => lower.includes(value));
    case '!=':
    case 'not in':
      return !wanted.some((value) => lower.includes(value));
    case '~':
      return wanted.some((value) => lower.some((text) => text.includes(value.replace(/\*/g, ''))));
    default:
      return true;
  }
}

function parseValues(raw: string): string[] {
  const inner = raw.trim().replace(/^\(|\)$/g, '');
  return inner.split(',').map((value) => value.trim().replace(/^["']|["']$/g, '')).filter(Boolean);
}

function fieldValues(issue: SandboxIssue, field: string): string[] | undefined {
  switch (field) {
    case 'project':
      return [issue.key.split('-')[0]!];
    case 'key':
    case 'issuekey':
      return [issue.key];
    case 'status':
      return [issue.status];
    case 'type':
    case 'issuetype':
      return [issue.type];
    case 'priority':
      return [issue.priority];
    case 'assignee':
      return issue.assignee ? [issue.assignee.name, issue.assignee.accountId, issue.assignee.displayName] : ['empty', 'null'];
    case 'reporter':
      return [issue.reporter.name, issue.reporter.accountId];
    case 'labels':
      return issue.labels;
    case 'summary':
      return [issue.summary];
    case 'text':
      return [issue.summary, plainText(issue.description), ...issue.comments.map((comment) => plainText(comment.body))];
    case 'sprint':
      return [String(issue.sprint ?? 'empty')];
    case 'parent':
      return [issue.parent ?? 'empty'];
    case '"epic link"':
    case 'cf[10014]':
      return [String(issue.custom.customfield_10014 ?? 'empty')];
    case 'filter':
      // The sandbox board's saved filter (id 10100) is "all issues of the project".
      return ['10100'];
    case 'resolution':
      return [issue.resolution ?? 'Unresolved'];
    default:
      return undefined;
  }
}
