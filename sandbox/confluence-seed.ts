import { TINY_PNG } from './jira-seed.js';

/** Seed data for a sandbox Confluence site: a space with pages in real storage format (tables, macros, links). */

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
  attachments: Array<{ id: string; title: string; mediaType: string; data: Buffer }>;
  restrictions: Record<'read' | 'update', { users: string[]; groups: string[] }>;
  /** The current version's comment. */
  message?: string;
  /** Earlier versions, oldest first. */
  history: Array<{ version: number; title: string; storage: string; updated: string; authorId: string; message: string }>;
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

export function seedConfluenceSite(spaceKey: string, label: string, idBase = 1000): ConfluenceSiteData {
  const id = (offset: number) => String(idBase + offset);
  const page = (offset: number, title: string, storage: string, parentId: string | null): SandboxPage => ({
    id: id(offset),
    title,
    parentId,
    version: 1 + offset,
    created: '2026-09-01T08:00:00.000Z',
    updated: `2026-11-0${1 + offset}T12:30:00.000Z`,
    authorId: '5b10a2844c20165700ede21g',
    storage,
    labels: offset === 2 ? ['release', 'process'] : [],
    restrictions: { read: { users: [], groups: [] }, update: offset === 2 ? { users: [], groups: ['release-managers'] } : { users: [], groups: [] } },
    attachments:
      offset === 3
        ? [
            { id: `att${id(201)}`, title: 'architecture.png', mediaType: 'image/png', data: TINY_PNG },
            { id: `att${id(202)}`, title: 'notes.txt', mediaType: 'text/plain', data: Buffer.from('web → api → worker\n') },
          ]
        : [],
    // Version 1 was a stub; the versions in between already read as the page does now.
    history: Array.from({ length: offset }, (_, index) => ({
      version: index + 1,
      title,
      storage: index === 0 ? `<h1>${title}</h1><p>Draft.</p>` : storage,
      updated: `2026-10-${String(10 + index).padStart(2, '0')}T09:00:00.000Z`,
      authorId: '5b10ac8d82e05b22cc7d4ef5',
      message: index === 0 ? 'First draft' : '',
    })),
  });
  return {
    space: { id: String(idBase * 10), key: spaceKey, name: `${label} space`, homepageId: id(1), description: `Engineering notes of ${label}` },
    comments: [
      { id: id(101), pageId: id(2), authorId: '5b10ac8d82e05b22cc7d4ef5', authorName: 'Bob Example', created: '2026-11-03T09:00:00.000Z', storage: '<p>Do we still need the <strong>manual</strong> approval?</p>' },
      { id: id(102), pageId: id(2), authorId: '5b10a2844c20165700ede21g', authorName: 'Alice Example', created: '2026-11-03T10:30:00.000Z', storage: '<p>Yes, until the canary checks are automated.</p>' },
      { id: id(103), pageId: id(2), authorId: '5b10ac8d82e05b22cc7d4ef5', authorName: 'Bob Example', created: '2026-11-04T08:00:00.000Z', storage: '<p>Is Tuesday still right?</p>', selection: 'Tuesday', resolved: false },
    ],
    pages: [
      page(1, `${label} home`, `<p>Welcome to the ${label} space.</p><ac:structured-macro ac:name="toc" ac:schema-version="1" />`, null),
      page(2, 'Release process', RELEASE_PROCESS, id(1)),
      page(3, 'Architecture overview', ARCHITECTURE, id(1)),
    ],
  };
}

const RELEASE_PROCESS = [
  '<h1>Release process</h1>',
  '<p>Owner: <ac:link><ri:user ri:account-id="5b10a2844c20165700ede21g" /></ac:link>, last run <time datetime="2026-11-03" />.',
  ' Status: <ac:structured-macro ac:name="status" ac:schema-version="1"><ac:parameter ac:name="title">Approved</ac:parameter><ac:parameter ac:name="colour">Green</ac:parameter></ac:structured-macro></p>',
  '<ac:structured-macro ac:name="info" ac:schema-version="1"><ac:rich-text-body><p>Releases happen every <strong>Tuesday</strong>.</p></ac:rich-text-body></ac:structured-macro>',
  '<h2>Steps</h2>',
  '<ol><li>Freeze the <code>main</code> branch</li><li>Run the release job<ul><li>check the deploy dashboard</li></ul></li><li>Announce in the channel</li></ol>',
  '<h2>Environments</h2>',
  '<table><tbody><tr><th>Environment</th><th>URL</th><th>Approver</th></tr>',
  '<tr><td>staging</td><td><a href="https://staging.example.com">staging.example.com</a></td><td>QA</td></tr>',
  '<tr><td>production</td><td><a href="https://www.example.com">www.example.com</a></td><td>Release manager</td></tr></tbody></table>',
  '<h2>Rollback</h2>',
  '<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">bash</ac:parameter><ac:plain-text-body><![CDATA[kubectl rollout undo deployment/web --to-revision=$PREVIOUS]]></ac:plain-text-body></ac:structured-macro>',
].join('');

const ARCHITECTURE = [
  '<h1>Architecture overview</h1>',
  '<p>The system has three services. See <ac:link><ri:page ri:content-title="Release process" /></ac:link> for deployment.</p>',
  '<ac:structured-macro ac:name="drawio" ac:schema-version="1"><ac:parameter ac:name="diagramName">services</ac:parameter></ac:structured-macro>',
  '<ac:structured-macro ac:name="expand" ac:schema-version="1"><ac:parameter ac:name="title">Service list</ac:parameter><ac:rich-text-body><ul><li>web</li><li>api</li><li>worker</li></ul></ac:rich-text-body></ac:structured-macro>',
  '<p><ac:image ac:alt="diagram"><ri:attachment ri:filename="architecture.png" /></ac:image></p>',
].join('');
