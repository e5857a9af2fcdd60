/**
 * Seed data for a sandbox Jira site. Each site gets its own project and issues so tests can tell instances
 * apart; descriptions are ADF on Cloud and wiki markup on Server/DC, as the real products store them.
 */
import { followUpComment, LOGIN_TIMEOUT_DESCRIPTION, REPRODUCED_COMMENT, stepsToCheck, type JiraText } from './fixtures/jira-text.js';

export type JiraFlavor = 'cloud' | 'server';

export interface SandboxUser {
  accountId: string;
  name: string;
  displayName: string;
  email: string;
}

export interface SandboxComment {
  id: string;
  author: SandboxUser;
  /** As the flavour stores it: ADF on Cloud, wiki markup on Server/DC. */
  body: unknown;
  created: string;
  visibility?: { type: string; value: string };
}

export interface SandboxIssue {
  id: string;
  key: string;
  summary: string;
  status: 'To Do' | 'In Progress' | 'Done';
  type: 'Bug' | 'Story' | 'Task';
  priority: 'High' | 'Medium' | 'Low';
  assignee: SandboxUser | null;
  reporter: SandboxUser;
  created: string;
  updated: string;
  labels: string[];
  components: string[];
  resolution: string | null;
  parent: string | null;
  /** As the flavour stores it: ADF on Cloud, wiki markup on Server/DC, or null. */
  description: unknown;
  comments: SandboxComment[];
  /** Custom field values by id. */
  custom: Record<string, unknown>;
  watchers: SandboxUser[];
  worklogs: SandboxWorklog[];
  remoteLinks: Array<{ id: number; relationship?: string; object: { url: string; title: string; summary?: string } }>;
  /** Changelog, oldest first. */
  history: SandboxHistory[];
  sprint: number | null;
  attachments: SandboxAttachment[];
}

export interface SandboxAttachment {
  id: string;
  filename: string;
  mimeType: string;
  data: Buffer;
  created: string;
  author: SandboxUser;
}

/** A 1×1 PNG: the smallest real image, so clients can decode what they receive. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

export interface SandboxSprint {
  id: number;
  name: string;
  state: 'future' | 'active' | 'closed';
  startDate?: string;
  endDate?: string;
  completeDate?: string;
  goal?: string;
  originBoardId: number;
}

export interface SandboxWorklog {
  id: string;
  author: SandboxUser;
  started: string;
  timeSpent: string;
  timeSpentSeconds: number;
  comment?: unknown;
}

export interface SandboxHistory {
  id: string;
  author: SandboxUser;
  created: string;
  items: Array<{ field: string; fieldtype: string; from: string | null; fromString: string | null; to: string | null; toString: string | null }>;
}

export interface SandboxLink {
  id: string;
  type: string;
  /** The issue that is blocked / duplicated. */
  inward: string;
  /** The issue that blocks / duplicates. */
  outward: string;
}

/** Issues of other projects that seeded links point at (the sandbox hosts one project per site). */
export const EXTERNAL_ISSUES: Readonly<Record<string, { summary: string; status: string }>> = {
  'SEC-7': { summary: 'Rotate the TLS certificates', status: 'In Progress' },
};

export const LINK_TYPES = [
  { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
  { id: '10001', name: 'Relates', inward: 'relates to', outward: 'relates to' },
  { id: '10002', name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
];

/** Appends one field change to an issue's changelog. */
export function recordChange(issue: SandboxIssue, author: SandboxUser, field: string, from: string | null, to: string | null, at = new Date()): void {
  issue.history.push({
    id: String(50000 + issue.history.length + Number(issue.id) * 100),
    author,
    created: at.toISOString().replace('Z', '+0000'),
    items: [{ field, fieldtype: 'jira', from, fromString: from, to, toString: to }],
  });
}

export interface SandboxVersion {
  id: string;
  name: string;
  description?: string;
  released: boolean;
  archived: boolean;
  releaseDate?: string;
  startDate?: string;
}

export interface JiraSiteData {
  flavor: JiraFlavor;
  /** Old keys of moved issues → current keys (Jira keeps old keys resolvable). */
  movedKeys: Map<string, string>;
  /** Finished bulk-move tasks by id. */
  moveTasks: Map<string, { processed: number[]; failed: Record<string, string[]> }>;
  links: SandboxLink[];
  sprints: SandboxSprint[];
  versions: SandboxVersion[];
  projectKey: string;
  projectName: string;
  users: SandboxUser[];
  issues: SandboxIssue[];
  nextId: number;
}

export const SANDBOX_USERS: SandboxUser[] = [
  { accountId: '5b10a2844c20165700ede21g', name: 'alice', displayName: 'Alice Example', email: 'alice@example.com' },
  { accountId: '5b10ac8d82e05b22cc7d4ef5', name: 'bob', displayName: 'Bob Example', email: 'bob@example.com' },
  // An accountId in another shape Atlassian documents (a prefix and colon-separated parts).
  { accountId: 'qm:a713c8ea-1075-4e30-9d96-891a7d181739:5ad6d69abfa3980ce712caae', name: 'carol', displayName: 'Carol Example', email: 'carol@example.com' },
];

const SUMMARIES = [
  ['Login page times out behind the proxy', 'Bug', 'High', 'In Progress'],
  ['Add export to CSV on the reports screen', 'Story', 'Medium', 'To Do'],
  ['Rotate the service account credentials', 'Task', 'Low', 'Done'],
  ['Dashboard shows stale numbers after midnight', 'Bug', 'Medium', 'To Do'],
  ['Document the release checklist', 'Task', 'Low', 'In Progress'],
] as const;

/** Builds a site's project with `count` issues; `label` goes into summaries so each site's data is its own. */
export function seedJiraSite(projectKey: string, label: string, flavor: JiraFlavor, count = 5): JiraSiteData {
  // A copy per issue, so that no two issues share a document.
  const rich = (text: JiraText) => (flavor === 'cloud' ? structuredClone(text.adf) : text.wiki);
  const [alice, bob] = SANDBOX_USERS as [SandboxUser, SandboxUser];
  const issues = Array.from({ length: count }, (_, index): SandboxIssue => {
    const [summary, type, priority, status] = SUMMARIES[index % SUMMARIES.length]!;
    const day = String(1 + (index % 27)).padStart(2, '0');
    return {
      id: String(10000 + index + 1),
      key: `${projectKey}-${index + 1}`,
      summary: `[${label}] ${summary}`,
      status,
      type,
      priority,
      assignee: index % 3 === 2 ? null : index % 2 === 0 ? alice : bob,
      reporter: bob,
      created: `2026-10-${day}T09:15:00.000+0000`,
      updated: `2026-11-${day}T16:40:00.000+0000`,
      labels: index % 2 === 0 ? ['customer', label] : [label],
      components: [],
      resolution: status === 'Done' ? 'Done' : null,
      parent: null,
      description: rich(index === 0 ? LOGIN_TIMEOUT_DESCRIPTION : stepsToCheck(`${projectKey}-${index + 1}`)),
      comments: Array.from({ length: index === 0 ? 5 : 1 }, (_, commentIndex) => ({
        id: String(20000 + index * 10 + commentIndex),
        author: commentIndex % 2 === 0 ? alice : bob,
        body: rich(commentIndex === 0 ? REPRODUCED_COMMENT : followUpComment(commentIndex)),
        created: `2026-11-${day}T1${commentIndex}:00:00.000+0000`,
      })),
      custom: { customfield_10016: index + 1 },
      watchers: [bob],
      worklogs: [],
      remoteLinks: [],
      history: [],
      sprint: index < 2 ? 2 : index === 2 ? 1 : null,
      attachments:
        index === 0
          ? [
              { id: String(90000 + Number(projectKey.length) * 10), filename: 'timeout.png', mimeType: 'image/png', data: TINY_PNG, created: `2026-11-${day}T10:30:00.000+0000`, author: alice },
              { id: String(90001 + Number(projectKey.length) * 10), filename: 'proxy.log', mimeType: 'text/plain', data: Buffer.from('12:00:01 upstream timed out (110: Connection timed out)\n'), created: `2026-11-${day}T10:31:00.000+0000`, author: bob },
            ]
          : [],
    };
  });
  for (const issue of issues) seedHistory(issue, alice);
  const sprints: SandboxSprint[] = [
    { id: 1, name: `${projectKey} Sprint 1`, state: 'closed', startDate: '2026-10-19T09:00:00.000Z', endDate: '2026-11-02T17:00:00.000Z', completeDate: '2026-11-02T17:30:00.000Z', goal: 'Stabilise login', originBoardId: 1 },
    { id: 2, name: `${projectKey} Sprint 2`, state: 'active', startDate: '2026-11-16T09:00:00.000Z', endDate: '2026-11-30T17:00:00.000Z', goal: 'Reports export', originBoardId: 1 },
  ];
  const versions: SandboxVersion[] = [
    { id: '10100', name: '1.0', released: true, archived: false, releaseDate: '2026-09-30', description: 'First release' },
    { id: '10101', name: '1.1', released: false, archived: false, releaseDate: '2026-12-15' },
  ];
  const links: SandboxLink[] = [{ id: '70900', type: 'Blocks', outward: 'SEC-7', inward: `${projectKey}-5` }];
  return { flavor, movedKeys: new Map(), moveTasks: new Map(), links, sprints, versions, projectKey, projectName: `${label} project`, users: SANDBOX_USERS, issues, nextId: 10000 + count + 1 };
}

/** A believable past: each seeded issue moved through the workflow up to its current status. */
function seedHistory(issue: SandboxIssue, author: SandboxUser): void {
  const created = Date.parse(issue.created.replace('+0000', 'Z'));
  const day = 86_400_000;
  if (issue.status === 'To Do') return;
  recordChange(issue, author, 'status', 'To Do', 'In Progress', new Date(created + day));
  if (issue.status === 'Done') recordChange(issue, author, 'status', 'In Progress', 'Done', new Date(created + 3 * day));
}
