/**
 * Jira issue payloads (Cloud v3 with ADF, Server/DC v2 with wiki markup) mapped to one compact record whose
 * rich text is already markdown. Tools render and return this record; they never see raw field shapes.
 */
import type { Platform } from '../../config/schema.js';
import { adfToMarkdown } from '../format/adf-to-markdown.js';
import { wikiToMarkdown } from '../format/wiki-to-markdown.js';

export interface RawUser {
  accountId?: string;
  name?: string;
  key?: string;
  displayName?: string;
  emailAddress?: string;
}

export interface RawComment {
  id: string;
  author?: RawUser;
  body?: unknown;
  created?: string;
  updated?: string;
}

export interface RawIssue {
  id: string;
  key: string;
  self?: string;
  fields?: Record<string, unknown>;
}

export interface IssueComment {
  id: string;
  author: string | null;
  created: string | null;
  body: string;
}

export interface IssueRecord {
  key: string;
  id: string;
  url: string;
  summary: string;
  status: string | null;
  status_category: string | null;
  issue_type: string | null;
  priority: string | null;
  assignee: string | null;
  reporter: string | null;
  created: string | null;
  updated: string | null;
  due_date: string | null;
  resolution: string | null;
  project: string | null;
  parent: string | null;
  labels: string[];
  components: string[];
  fix_versions: string[];
  description: string | null;
  comments: IssueComment[];
  comments_total: number;
  /** Fields the caller asked for by id that the compact view does not cover, as returned. */
  other_fields: Record<string, unknown>;
}

/**
 * Fields fetched when a caller names none: everything the compact issue view shows, and so the fields it does not
 * repeat under "other fields".
 */
export const DEFAULT_ISSUE_FIELDS = [
  'summary',
  'status',
  'issuetype',
  'priority',
  'assignee',
  'reporter',
  'created',
  'updated',
  'duedate',
  'resolution',
  'labels',
  'components',
  'fixVersions',
  'project',
  'parent',
  'description',
  'comment',
] as const;

const KNOWN_FIELDS: ReadonlySet<string> = new Set(DEFAULT_ISSUE_FIELDS);

/** Turns Cloud ADF or Server wiki markup into markdown, whichever the platform speaks. */
export function richTextToMarkdown(value: unknown, platform: Platform): string {
  if (value === null || value === undefined) return '';
  if (platform === 'cloud' || typeof value === 'object') return adfToMarkdown(value);
  return typeof value === 'string' ? wikiToMarkdown(value) : '';
}

export function toIssueRecord(raw: RawIssue, platform: Platform, url: string, commentLimit = 10): IssueRecord {
  const fields = raw.fields ?? {};
  const comment = fields.comment as { comments?: RawComment[]; total?: number } | undefined;
  const allComments = comment?.comments ?? [];
  const description = richTextToMarkdown(fields.description, platform);
  return {
    key: raw.key,
    id: raw.id,
    url,
    summary: stringOrEmpty(fields.summary),
    status: nameOf(fields.status),
    status_category: nameOf((fields.status as { statusCategory?: unknown } | undefined)?.statusCategory),
    issue_type: nameOf(fields.issuetype),
    priority: nameOf(fields.priority),
    assignee: personName(fields.assignee),
    reporter: personName(fields.reporter),
    created: isoDate(fields.created),
    updated: isoDate(fields.updated),
    due_date: typeof fields.duedate === 'string' ? fields.duedate : null,
    resolution: nameOf(fields.resolution),
    project: (fields.project as { key?: string } | undefined)?.key ?? null,
    parent: (fields.parent as { key?: string } | undefined)?.key ?? null,
    labels: Array.isArray(fields.labels) ? fields.labels.map(String) : [],
    components: namesOf(fields.components),
    fix_versions: namesOf(fields.fixVersions),
    description: description || null,
    // slice(-0) would be slice(0), every comment: 0 means none.
    comments: (commentLimit > 0 ? allComments.slice(-commentLimit) : []).map((item) => ({
      id: String(item.id),
      author: personName(item.author),
      created: isoDate(item.created),
      body: richTextToMarkdown(item.body, platform),
    })),
    comments_total: comment?.total ?? allComments.length,
    other_fields: Object.fromEntries(Object.entries(fields).filter(([key]) => !KNOWN_FIELDS.has(key))),
  };
}

export function personName(user: unknown): string | null {
  if (!user || typeof user !== 'object') return null;
  const person = user as RawUser;
  return person.displayName ?? person.name ?? person.accountId ?? null;
}

/** Jira writes offsets as +0000; normalize to ISO 8601 UTC. */
export function isoDate(value: unknown): string | null {
  if (typeof value !== 'string' || !value) return null;
  const parsed = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(parsed) ? value : new Date(parsed).toISOString().replace('.000Z', 'Z');
}

function nameOf(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const name = (value as { name?: unknown }).name;
  return typeof name === 'string' ? name : null;
}

function namesOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(nameOf).filter((name): name is string => name !== null) : [];
}

function stringOrEmpty(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
