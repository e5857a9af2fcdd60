/**
 * A small JQL evaluator for the sandbox, on the sandbox's own parser: AND/OR/NOT with Jira's precedence and
 * parentheses over clauses on project, key, status, type, priority, assignee, labels, summary/text, links, plus
 * ORDER BY. Enough for demos and tests; clauses on fields it does not model match everything.
 */
import type { SandboxIssue, SandboxLink, SandboxUser } from '../jira/jira-model.js';
import { adfText } from '../text/adf-text.js';
import { evaluate, parseQuery, type ParsedQuery, type QueryNode } from './query-parser.js';

export { QuerySyntaxError } from './query-parser.js';

function plainText(value: unknown): string {
  return typeof value === 'string' ? value : adfText(value);
}

/** Parses `jql` once; throws `QuerySyntaxError` where Jira would answer 400. */
export function compileJql(jql: string, currentUser: SandboxUser, links: readonly SandboxLink[] = []) {
  const parsed = parseQuery(jql);
  return {
    matches: (issue: SandboxIssue) =>
      evaluate(parsed.where, (clause) => matchesClause(issue, clause, currentUser, links)),
    order: (issues: SandboxIssue[]) => orderIssues(issues, parsed),
  };
}

function orderIssues(issues: SandboxIssue[], parsed: ParsedQuery): SandboxIssue[] {
  const sort = parsed.orderBy[0];
  if (!sort) return issues;
  const field = sort.field.toLowerCase();
  const direction = sort.direction === 'desc' ? -1 : 1;
  const value = (issue: SandboxIssue) =>
    field === 'key' ? Number(issue.key.split('-')[1]) : field === 'created' ? issue.created : issue.updated;
  return [...issues].sort((a, b) => (value(a) < value(b) ? -direction : value(a) > value(b) ? direction : 0));
}

type Clause = Extract<QueryNode, { kind: 'clause' }>;

function matchesClause(
  issue: SandboxIssue,
  clause: Clause,
  currentUser: SandboxUser,
  links: readonly SandboxLink[],
): boolean | undefined {
  const field = clause.field.toLowerCase();
  if (field === 'issuelinktype' && clause.operator.startsWith('is')) {
    const linked = links.some((link) => link.inward === issue.key || link.outward === issue.key);
    return clause.operator === 'is not' ? linked : !linked;
  }
  const actual = fieldValues(issue, field);
  if (actual === undefined) return undefined;
  const lower = actual.map((value) => value.toLowerCase());
  const wanted = clause.values.map((value) =>
    (value.toLowerCase() === 'currentuser()' ? currentUser.name : value).toLowerCase(),
  );
  switch (clause.operator) {
    case '=':
    case 'in':
      return wanted.some((value) => lower.includes(value));
    case '!=':
    case 'not in':
      return !wanted.some((value) => lower.includes(value));
    case '~':
      return wanted.some((value) => lower.some((text) => text.includes(value.replace(/\*/g, ''))));
    case 'is':
      return lower.every((value) => value === 'empty' || value === 'null');
    case 'is not':
      return !lower.every((value) => value === 'empty' || value === 'null');
    default:
      return undefined;
  }
}

/** The epic link custom field as JQL compares it: the epic's key, or "empty". */
function epicLink(issue: SandboxIssue): string {
  const value = issue.custom.customfield_10014;
  if (value === undefined || value === null) return 'empty';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- the field holds whatever a write stored; JQL compares its string form
  return String(value);
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
      return issue.assignee
        ? [issue.assignee.name, issue.assignee.accountId, issue.assignee.displayName]
        : ['empty', 'null'];
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
    case 'epic link':
    case 'cf[10014]':
      return [epicLink(issue)];
    case 'filter':
      // The sandbox board's saved filter (id 10100) is "all issues of the project".
      return ['10100'];
    case 'resolution':
      return [issue.resolution ?? 'Unresolved'];
    default:
      return undefined;
  }
}
