/** Markdown views of Jira records: what the model reads. */
import type { IssueRecord } from '../../atlassian/jira/issue.js';
import { facts, shortDate } from '../text.js';

/** The issue as markdown; a long description is expected to be cut (with its note) before rendering. */
export function renderIssue(issue: IssueRecord): string {
  const lines = [
    `# ${issue.key}: ${issue.summary}`,
    facts([
      ['Status', issue.status],
      ['Type', issue.issue_type],
      ['Priority', issue.priority],
      ['Resolution', issue.resolution],
    ]),
    facts([
      ['Assignee', issue.assignee ?? 'Unassigned'],
      ['Reporter', issue.reporter],
    ]),
    facts([
      ['Created', issue.created],
      ['Updated', issue.updated],
      ['Due', issue.due_date],
    ]),
    facts([
      ['Project', issue.project],
      ['Parent', issue.parent],
      ['Labels', issue.labels],
      ['Components', issue.components],
      ['Fix versions', issue.fix_versions],
    ]),
    `URL: ${issue.url}`,
  ].filter((line) => line.length > 0);
  if (issue.description) {
    lines.push('', '## Description', issue.description);
  }
  if (issue.comments_total > 0) {
    const shown = issue.comments.length;
    lines.push(
      '',
      `## Comments (${shown === issue.comments_total ? shown : `latest ${shown} of ${issue.comments_total}`})`,
    );
    for (const comment of issue.comments) {
      lines.push(`**${comment.author ?? 'Unknown'}** (${shortDate(comment.created) ?? 'undated'}): ${comment.body}`);
    }
  }
  const extra = Object.entries(issue.other_fields);
  if (extra.length > 0) {
    lines.push(
      '',
      '## Other fields',
      ...extra.map(([key, value]) => `- ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`),
    );
  }
  return lines.join('\n');
}

/** One line per issue, for search results. */
export function renderIssueLine(issue: IssueRecord): string {
  const details = facts([
    ['', issue.status],
    ['', issue.issue_type],
    ['', issue.priority],
    ['assignee', issue.assignee ?? 'unassigned'],
    ['updated', shortDate(issue.updated)],
  ]).replace(/(^|· ): /g, '$1');
  return `- **${issue.key}** ${issue.summary} — ${details}`;
}
