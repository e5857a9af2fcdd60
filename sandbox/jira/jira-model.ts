/**
 * The data of a sandbox Jira site: its project, issues (with comments, worklogs, links, history, attachments),
 * sprints and versions, as the routes read and change them.
 */

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
  items: Array<{
    field: string;
    fieldtype: string;
    from: string | null;
    fromString: string | null;
    to: string | null;
    toString: string | null;
  }>;
}

export interface SandboxLink {
  id: string;
  type: string;
  /** The issue that is blocked / duplicated. */
  inward: string;
  /** The issue that blocks / duplicates. */
  outward: string;
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
