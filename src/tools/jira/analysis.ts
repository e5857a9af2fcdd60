/** Jira `analysis` toolset: a project's epics with the issues under each, in one answer. */
import { z } from 'zod';
import type { JiraClient } from '../../atlassian/jira/client.js';
import { searchEpicChildren } from '../../atlassian/jira/epics.js';
import type { RawIssue } from '../../atlassian/jira/issue.js';
import { HIDDEN_ISSUE } from '../../atlassian/jira/visibility.js';
import { defineJiraTool } from '../define.js';
import { projectKey } from '../params.js';

const FIELDS = ['summary', 'status', 'issuetype', 'assignee', 'parent'];
const child = z.object({
  key: z.string(),
  summary: z.string(),
  status: z.string().nullable(),
  assignee: z.string().nullable(),
});

export const getProjectEpicHierarchy = defineJiraTool({
  name: 'get_project_epic_hierarchy',
  title: 'Get Jira epic hierarchy',
  toolset: 'analysis',
  access: 'read',
  description:
    "List a project's epics with the issues under each (parent on Cloud, Epic Link on Server/DC) and their status, as a tree.",
  input: () =>
    z.strictObject({
      project_key: projectKey,
      max_epics: z.coerce.number().int().min(1).max(50).default(20),
      max_children: z.coerce.number().int().min(1).max(100).default(25),
    }),
  output: () =>
    z.object({
      project_key: z.string(),
      epics: z.array(child.extend({ children: z.array(child), more_children: z.boolean() })),
    }),
  action: (args) => `Get epic hierarchy of ${args.project_key}`,
  run: async ({ jira, signal }, args) => {
    const project = args.project_key;
    const epicsPage = await jira.searchProject(project, {
      where: 'issuetype = Epic',
      orderBy: 'key ASC',
      fields: FIELDS,
      limit: args.max_epics,
      signal,
    });
    const epics = await Promise.all(
      epicsPage.issues.map(async (epic) => {
        const page = await searchEpicChildren(jira, epic.key, { fields: FIELDS, limit: args.max_children, signal });
        const record = toChild(jira, epic);
        return {
          ...record,
          children: page.issues.map((issue) => toChild(jira, issue)),
          more_children: Boolean(page.nextPageToken ?? page.nextStartAt !== undefined),
        };
      }),
    );
    const lines = epics.flatMap((epic) => [
      `- **${epic.key}** ${epic.summary} [${epic.status ?? '?'}] (${epic.children.length}${epic.more_children ? '+' : ''} issues)`,
      ...epic.children.map(
        (issue) =>
          `  - ${issue.key} ${issue.summary} [${issue.status ?? '?'}]${issue.assignee ? ` — ${issue.assignee}` : ''}`,
      ),
    ]);
    return {
      text: lines.length ? `Epics of ${project}:\n${lines.join('\n')}` : `${project} has no epics.`,
      structured: { project_key: project, epics },
    };
  },
});

function toChild(jira: JiraClient, raw: RawIssue) {
  const record = jira.issueRecord(raw);
  return { key: record.key, summary: record.summary, status: record.status, assignee: record.assignee };
}

interface RawLink {
  type?: { name?: string; inward?: string; outward?: string };
  inwardIssue?: { key: string; fields?: { summary?: string; status?: { name?: string } } };
  outwardIssue?: { key: string; fields?: { summary?: string; status?: { name?: string } } };
}

const dependency = z.object({
  issue_key: z.string(),
  relation: z.string(),
  other_key: z.string(),
  other_project: z.string(),
  other_summary: z.string().nullable(),
  other_status: z.string().nullable(),
});

export const getCrossProjectDependencies = defineJiraTool({
  name: 'get_cross_project_dependencies',
  title: 'Get Jira cross-project dependencies',
  toolset: 'analysis',
  access: 'read',
  description:
    "Find links from a project's issues to issues in other projects (blocks, depends on, relates…), grouped by the other project.",
  input: () =>
    z.strictObject({ project_key: projectKey, max_issues: z.coerce.number().int().min(1).max(200).default(50) }),
  output: () => z.object({ project_key: z.string(), scanned: z.number(), dependencies: z.array(dependency) }),
  action: (args) => `Find dependencies of ${args.project_key}`,
  run: async ({ jira, signal }, args) => {
    const project = args.project_key;
    const page = await jira.searchProject(project, {
      where: 'issueLinkType is not EMPTY',
      orderBy: 'key ASC',
      fields: ['summary', 'issuelinks'],
      limit: args.max_issues,
      signal,
    });
    const dependencies = page.issues.flatMap((issue) =>
      ((issue.fields?.issuelinks as RawLink[] | undefined) ?? []).flatMap((link) => {
        const other = link.outwardIssue ?? link.inwardIssue;
        const otherProject = other?.key.split('-')[0] ?? '';
        if (!other || otherProject === project) return [];
        const relation = (link.outwardIssue ? link.type?.outward : link.type?.inward) ?? 'relates to';
        if (jira.scope.isHidden(other.key)) {
          return [
            {
              issue_key: issue.key,
              relation,
              other_key: HIDDEN_ISSUE,
              other_project: HIDDEN_ISSUE,
              other_summary: null,
              other_status: null,
            },
          ];
        }
        return [
          {
            issue_key: issue.key,
            relation,
            other_key: other.key,
            other_project: otherProject,
            other_summary: other.fields?.summary ?? null,
            other_status: other.fields?.status?.name ?? null,
          },
        ];
      }),
    );
    const byProject = new Map<string, typeof dependencies>();
    for (const entry of dependencies)
      byProject.set(entry.other_project, [...(byProject.get(entry.other_project) ?? []), entry]);
    const line = (entry: (typeof dependencies)[number]) =>
      entry.other_key === HIDDEN_ISSUE
        ? `- ${entry.issue_key} ${entry.relation} an issue ${HIDDEN_ISSUE}`
        : `- ${entry.issue_key} ${entry.relation} **${entry.other_key}** ${entry.other_summary ?? ''}${entry.other_status ? ` [${entry.other_status}]` : ''}`;
    const lines = [...byProject].flatMap(([other, entries]) => [
      `## ${other === HIDDEN_ISSUE ? 'Projects hidden on this instance' : other}`,
      ...entries.map(line),
    ]);
    return {
      text: lines.length
        ? `Dependencies of ${project} on other projects (${page.issues.length} linked issues scanned):\n${lines.join('\n')}`
        : `No links from ${project} to other projects among ${page.issues.length} linked issues.`,
      structured: { project_key: project, scanned: page.issues.length, dependencies },
    };
  },
});
