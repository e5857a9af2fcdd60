/** Jira `issues` toolset: read one issue, search with JQL. */
import { z } from 'zod';
import type { JiraClient } from '../../atlassian/jira/client.js';
import { DEFAULT_ISSUE_FIELDS } from '../../atlassian/jira/issue.js';
import { SEARCH_FIELDS, type SearchPage } from '../../atlassian/jira/search.js';
import { describeStop } from '../../atlassian/paging.js';
import { withRole } from '../argument-roles.js';
import { defineJiraTool, type ToolOutput } from '../define.js';
import { cloudCursor, issueKey, limit, listOf, projectKey, serverOffset } from '../params.js';
import { truncateBody } from '../text.js';
import { extraFields, fetchExtras, includeArgument, includedExtras } from './issue-extras.js';
import { renderIssue, renderIssueLine } from './render.js';
import { issueSchema, searchResultSchema } from './schemas.js';

export const getIssue = defineJiraTool({
  name: 'get_issue',
  title: 'Get Jira issue',
  toolset: 'issues',
  inDefaultSet: true,
  access: 'read',
  description:
    'Get one issue by key: summary, status, people, dates, description and latest comments as markdown; `include` adds links, web links, transitions, watchers, worklogs or changelog in the same call.',
  input: () =>
    z.strictObject({
      issue_key: issueKey,
      fields: listOf(z.string())
        .optional()
        .describe('Extra fields by id or name, e.g. customfield_10016 or "Story Points"; *all for all'),
      comment_limit: z.coerce.number().int().min(0).max(100).default(10).describe('Latest comments to include (0-100)'),
      include: includeArgument,
    }),
  output: () => issueSchema,
  action: (args) => `Get issue ${args.issue_key}`,
  run: async ({ jira, signal }, args) => {
    const include = includedExtras(args.include ?? []);
    const wanted = args.fields ?? [];
    const every = wanted
      .filter((field) => ALL_FIELDS.includes(field.toLowerCase()))
      .map((field) => field.toLowerCase());
    const named = wanted.filter((field) => !ALL_FIELDS.includes(field.toLowerCase()));
    const raw = await jira.getIssue(args.issue_key, {
      fields: [...DEFAULT_ISSUE_FIELDS, ...extraFields(include), ...every],
      fieldNames: named,
      signal,
    });
    const record = jira.issueRecord(raw, args.comment_limit);
    delete record.other_fields.issuelinks;
    // With *all, the fields nobody filled in (most custom fields) are left out rather than listed as null.
    if (every.length)
      record.other_fields = Object.fromEntries(
        Object.entries(record.other_fields).filter(([, value]) => !isEmptyValue(value)),
      );
    const description = truncateBody(record.description ?? '', undefined, 'open the URL for the full text');
    const shown = { ...record, description: record.description === null ? null : description.text };
    const extras = include.length ? await fetchExtras(jira, raw, include, signal) : { sections: [], structured: {} };
    return {
      text: [renderIssue(shown), ...extras.sections].join('\n\n'),
      structured: { ...shown, description_truncated: description.truncated, ...extras.structured },
    };
  },
});

/** Jira's own words for every field (`*all`) and every field shown in the issue navigator (`*navigable`). */
const ALL_FIELDS = ['*all', '*navigable'];

function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

export const search = defineJiraTool({
  name: 'search',
  title: 'Search Jira issues',
  toolset: 'issues',
  inDefaultSet: true,
  access: 'read',
  description:
    'Find issues with JQL, e.g. `assignee = currentUser() AND resolution = Unresolved ORDER BY updated DESC`. Returns one line per issue and how to get the next page.',
  input: () =>
    z.strictObject({
      jql: withRole('jql', z.string().trim().min(1).describe('JQL query')),
      limit: limit(10, 50),
      page_token: cloudCursor('next_page_token'),
      start_at: serverOffset('next_start_at'),
    }),
  output: () => searchResultSchema,
  action: () => 'Search issues',
  run: async ({ jira, signal }, args) => {
    const page = await jira.search({
      jql: args.jql,
      fields: SEARCH_FIELDS,
      limit: args.limit,
      pageToken: args.page_token,
      startAt: args.start_at,
      signal,
    });
    return issuePageOutput(jira, page.jql, page);
  },
});

export const getProjectIssues = defineJiraTool({
  name: 'get_project_issues',
  title: 'List Jira project issues',
  toolset: 'issues',
  access: 'read',
  description: 'List the issues of one project, newest first, one line each, with how to get the next page.',
  input: () =>
    z.strictObject({
      project_key: projectKey.describe('Project key, e.g. OPS'),
      limit: limit(10, 50),
      page_token: cloudCursor('next_page_token'),
      start_at: serverOffset('next_start_at'),
    }),
  output: () => searchResultSchema,
  action: (args) => `List issues of ${args.project_key}`,
  run: async ({ jira, signal }, args) => {
    const page = await jira.searchProject(args.project_key, {
      orderBy: 'created DESC',
      fields: SEARCH_FIELDS,
      limit: args.limit,
      pageToken: args.page_token,
      startAt: args.start_at,
      signal,
    });
    return issuePageOutput(jira, page.jql, page);
  },
});

/** Renders one page of issues (from search or an agile listing) as lines, structured records and a next-page hint. */
export function issuePageOutput(jira: JiraClient, query: string, page: SearchPage): ToolOutput {
  const issues = page.issues.map((raw) => jira.issueRecord(raw));
  const header = `${issues.length} issue${issues.length === 1 ? '' : 's'}${page.total !== undefined ? ` of ${page.total}` : ''} for: ${query}`;
  const stopped = page.stopped ? describeStop(page.stopped, 'Search') : undefined;
  const next = page.nextPageToken
    ? `More results: call again with page_token "${page.nextPageToken}".`
    : page.nextStartAt !== undefined
      ? `More results: call again with start_at ${page.nextStartAt}.`
      : stopped
        ? `${stopped}; there is no next page to ask for.`
        : '';
  return {
    text: [header, ...issues.map(renderIssueLine), next].filter(Boolean).join('\n'),
    structured: {
      jql: query,
      issues: issues.map(({ key, summary, status, issue_type, priority, assignee, updated, url }) => ({
        key,
        summary,
        status,
        issue_type,
        priority,
        assignee,
        updated,
        url,
      })),
      ...(page.nextPageToken ? { next_page_token: page.nextPageToken } : {}),
      ...(page.nextStartAt !== undefined ? { next_start_at: page.nextStartAt } : {}),
      ...(page.total !== undefined ? { total: page.total } : {}),
      ...(stopped ? { listing_stopped: stopped } : {}),
    },
  };
}
