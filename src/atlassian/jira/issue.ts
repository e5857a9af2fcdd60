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
  const millis = jiraTimestampMillis(value);
  if (millis !== undefined) return utcText(millis);
  const parsed = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(parsed) ? value : new Date(parsed).toISOString().replace('.000Z', 'Z');
}

const DAY_MS = 86_400_000;

/**
 * `toISOString()` without whole milliseconds (`…:55Z`, `…:55.873Z`) for years 1000 to 9999, by arithmetic: the
 * `Date` method cost microseconds per date. Days to a civil date as in Howard Hinnant's `civil_from_days`.
 */
function utcText(millis: number): string {
  const days = Math.floor(millis / DAY_MS);
  let rest = millis - days * DAY_MS;
  const era = Math.floor((days + 719_468) / 146_097);
  const dayOfEra = days + 719_468 - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const ms = rest - second * 1000;
  const time = `${two(hour)}:${two(minute)}:${two(second)}${ms === 0 ? '' : `.${String(ms).padStart(3, '0')}`}Z`;
  return `${year}-${two(month)}-${two(day)}T${time}`;
}

function two(number: number): string {
  return number < 10 ? `0${number}` : String(number);
}

/**
 * Epoch milliseconds of a timestamp in Jira's own form (`2026-11-03T16:20:55.873+0100`), read digit by digit:
 * `Date.parse` of the rewritten string cost more than the rest of an issue's dates and names together. Anything
 * else (another form, a day past the 28th, which may not exist in its month, a year before 1000) is left to
 * `Date.parse`.
 */
function jiraTimestampMillis(value: string): number | undefined {
  if (value.length !== 28 || value[4] !== '-' || value[7] !== '-' || value[10] !== 'T' || value[13] !== ':') return;
  if (value[16] !== ':' || value[19] !== '.' || (value[23] !== '+' && value[23] !== '-')) return;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  const ms = digits(value, 20, 3);
  const offsetHours = digits(value, 24, 2);
  const offsetMinutes = digits(value, 26, 2);
  if (
    year < 1001 ||
    year > 9998 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 28 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59
  )
    return;
  if (ms < 0 || offsetHours > 23 || offsetMinutes > 59 || offsetMinutes < 0 || offsetHours < 0) return;
  const offset = (value[23] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset;
}

/** The number the `count` decimal digits at `start` spell, or -1 when one of them is not a digit. */
function digits(text: string, start: number, count: number): number {
  let number = 0;
  for (let index = start; index < start + count; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
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
