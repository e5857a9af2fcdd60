/** The data of a sandbox Confluence site: one space, its pages (with versions, labels, attachments, restrictions) and comments. */

export type ConfluenceFlavor = 'cloud' | 'server';

export interface SandboxPage {
  id: string;
  title: string;
  parentId: string | null;
  version: number;
  created: string;
  updated: string;
  authorId: string;
  storage: string;
  labels: string[];
  /** Marked as a favourite ("saved for later") by the signed-in user: CQL `favourite = currentUser()` finds it. */
  favourite?: boolean;
  attachments: Array<{ id: string; title: string; mediaType: string; data: Buffer }>;
  restrictions: Record<'read' | 'update', { users: string[]; groups: string[] }>;
  /** The current version's comment. */
  message?: string;
  /** Earlier versions, oldest first. */
  history: Array<{
    version: number;
    title: string;
    storage: string;
    updated: string;
    authorId: string;
    message: string;
  }>;
}

export interface SandboxComment {
  id: string;
  pageId: string;
  /** Set on replies. */
  parentId?: string;
  /** Set on inline comments: the highlighted text. */
  selection?: string;
  resolved?: boolean;
  authorId: string;
  authorName: string;
  created: string;
  storage: string;
}

export interface ConfluenceSiteData {
  space: { id: string; key: string; name: string; homepageId: string; description: string };
  pages: SandboxPage[];
  comments: SandboxComment[];
}
