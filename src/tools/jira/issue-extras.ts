/**
 * The optional parts of `jira_get_issue` (`include`): links, web links, transitions, watchers, worklogs and
 * changelog, fetched in parallel so one call replaces five.
 */
import { z } from 'zod';
import type { JiraClient } from '../../atlassian/jira/client.js';
import { isoDate, personName, type RawIssue } from '../../atlassian/jira/issue.js';
import { fieldChanges, getChangelog, getRemoteLinks, getWorklogs } from '../../atlassian/jira/relations.js';
import { getWatchers } from '../../atlassian/jira/users.js';
import { HIDDEN_ISSUE } from '../../atlassian/jira/visibility.js';
import { describeStop } from '../../atlassian/paging.js';
import { listOf } from '../params.js';

export const ISSUE_INCLUDES = ['links', 'remote_links', 'transitions', 'watchers', 'worklogs', 'changelog'] as const;
export type IssueInclude = (typeof ISSUE_INCLUDES)[number];

/** What `include` accepts: the extras, `comments` (always part of the issue, up to comment_limit) and `all`. */
const INCLUDE_WORDS = [...ISSUE_INCLUDES, 'comments', 'all'] as const;
/** Singular spellings other servers accept. */
const INCLUDE_ALIASES: Record<string, string> = {
  link: 'links',
  remote_link: 'remote_links',
  transition: 'transitions',
  watcher: 'watchers',
  worklog: 'worklogs',
  comment: 'comments',
};

const includeWord = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const word = value.trim().toLowerCase();
  return INCLUDE_ALIASES[word] ?? word;
}, z.enum(INCLUDE_WORDS));

export const includeArgument = listOf(includeWord, {}, { type: 'string', enum: [...INCLUDE_WORDS] })
  .optional()
  .describe('Also fetch these, in one call');

/** The extras to fetch: `all` means every one; `comments` needs nothing extra. */
export function includedExtras(words: ReadonlyArray<(typeof INCLUDE_WORDS)[number]>): IssueInclude[] {
  if (words.includes('all')) return [...ISSUE_INCLUDES];
  return [
    ...new Set(words.filter((word): word is IssueInclude => (ISSUE_INCLUDES as readonly string[]).includes(word))),
  ];
}

interface RawIssueLink {
  id: string;
  type?: { name?: string; inward?: string; outward?: string };
  inwardIssue?: { key: string; fields?: { summary?: string; status?: { name?: string } } };
  outwardIssue?: { key: string; fields?: { summary?: string; status?: { name?: string } } };
}

export interface IssueExtras {
  sections: string[];
  structured: Record<string, unknown>;
}

/** `issuelinks` comes with the issue itself; ask for it when links are wanted. */
export function extraFields(include: readonly IssueInclude[]): string[] {
  return include.includes('links') ? ['issuelinks'] : [];
}

/** Linked issues outside the instance's projects are shown as hidden (the client hides them in the changelog). */
export async function fetchExtras(
  jira: JiraClient,
  raw: RawIssue,
  include: readonly IssueInclude[],
  signal: AbortSignal,
): Promise<IssueExtras> {
  const key = raw.key;
  const wants = new Set(include);
  const [remoteLinks, transitions, watchers, worklogs, changelog] = await Promise.all([
    wants.has('remote_links') ? getRemoteLinks(jira, key, signal) : undefined,
    wants.has('transitions') ? jira.getTransitions(key, signal) : undefined,
    wants.has('watchers') ? getWatchers(jira, key, signal) : undefined,
    wants.has('worklogs') ? getWorklogs(jira, key, 20, signal) : undefined,
    wants.has('changelog') ? getChangelog(jira, key, signal) : undefined,
  ]);
  const sections: string[] = [];
  const structured: Record<string, unknown> = {};

  if (wants.has('links')) {
    const links = ((raw.fields?.issuelinks as RawIssueLink[] | undefined) ?? []).map((link) => {
      const other = link.outwardIssue ?? link.inwardIssue;
      const hidden = jira.scope.isHidden(other?.key ?? '');
      return {
        id: String(link.id),
        relation: (link.outwardIssue ? link.type?.outward : link.type?.inward) ?? link.type?.name ?? 'relates to',
        issue_key: hidden ? HIDDEN_ISSUE : (other?.key ?? ''),
        summary: hidden ? null : (other?.fields?.summary ?? null),
        status: hidden ? null : (other?.fields?.status?.name ?? null),
      };
    });
    structured.links = links;
    const line = (link: (typeof links)[number]) =>
      link.issue_key === HIDDEN_ISSUE
        ? `- ${link.relation} an issue ${HIDDEN_ISSUE} (link ${link.id})`
        : `- ${link.relation} **${link.issue_key}** ${link.summary ?? ''}${link.status ? ` [${link.status}]` : ''} (link ${link.id})`;
    sections.push(section('Links', links.map(line)));
  }
  if (remoteLinks) {
    const links = remoteLinks.map((link) => ({
      id: String(link.id),
      title: link.object?.title ?? '',
      url: link.object?.url ?? '',
      relationship: link.relationship ?? null,
    }));
    structured.remote_links = links;
    sections.push(
      section(
        'Web links',
        links.map((link) => `- [${link.title}](${link.url})${link.relationship ? ` (${link.relationship})` : ''}`),
      ),
    );
  }
  if (transitions) {
    const list = transitions.map((transition) => ({
      id: String(transition.id),
      name: transition.name,
      to_status: transition.to?.name ?? null,
    }));
    structured.transitions = list;
    sections.push(
      section(
        'Transitions',
        list.map((transition) => `- ${transition.name} (id ${transition.id}) → ${transition.to_status ?? '?'}`),
      ),
    );
  }
  if (watchers) {
    const names = watchers.watchers.map((user) => personName(user) ?? 'unknown');
    structured.watchers = names;
    sections.push(
      section(
        `Watchers (${watchers.watchCount})`,
        names.map((name) => `- ${name}`),
      ),
    );
  }
  if (worklogs) {
    const entries = worklogs.worklogs.map((entry) => ({
      author: personName(entry.author),
      started: isoDate(entry.started),
      time_spent: entry.timeSpent ?? null,
    }));
    structured.worklogs = entries;
    sections.push(
      section(
        `Worklogs (${worklogs.total})`,
        entries.map(
          (entry) => `- ${entry.started?.slice(0, 10) ?? '?'} ${entry.author ?? 'someone'}: ${entry.time_spent ?? '?'}`,
        ),
      ),
    );
  }
  if (changelog) {
    const changes = fieldChanges(changelog.histories);
    const latest = changes.slice(-20);
    structured.changelog = latest;
    const stopped = changelog.stopped ? describeStop(changelog.stopped, 'Changelog') : undefined;
    if (stopped) structured.changelog_stopped = stopped;
    const lines = latest.map(
      (change) =>
        `- ${change.at?.slice(0, 16).replace('T', ' ') ?? '?'} ${change.author ?? 'someone'}: ${change.field} ${change.from ?? '∅'} → ${change.to ?? '∅'}`,
    );
    sections.push(
      section(
        `Changelog (${latest.length === changes.length ? changes.length : `latest ${latest.length} of ${changes.length}`})`,
        stopped ? [...lines, `${stopped}.`] : lines,
      ),
    );
  }
  return { sections, structured };
}

function section(title: string, lines: string[]): string {
  return `## ${title}\n${lines.length ? lines.join('\n') : 'None.'}`;
}
