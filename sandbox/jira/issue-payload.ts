/**
 * A sandbox issue as Jira's issue endpoints return it (IssueBean): every field the sandbox models, of which a request
 * picks some with `fields`, and the changelog on `expand=changelog`.
 */
import { EXTERNAL_ISSUES, LINK_TYPES } from '../fixtures/jira-site.js';
import type { JiraSiteData, SandboxIssue, SandboxUser } from './jira-model.js';

const STATUS_CATEGORY: Record<SandboxIssue['status'], { id: number; key: string; colorName: string; name: string }> = {
  'To Do': { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  'In Progress': { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  Done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
};

/** What the payload needs of its site. */
export interface IssuePayloadSource {
  /** The REST base path of the flavour (`/rest/api/3` or `/rest/api/2`). */
  api: string;
  base: () => string;
  data: JiraSiteData;
  user: (person: SandboxUser) => Record<string, unknown>;
  findIssue: (idOrKey: string) => SandboxIssue | undefined;
}

/** Renders an issue with the fields asked for (all of them for `*all` or none asked) and the changelog if expanded. */
export type IssuePayload = (
  issue: SandboxIssue,
  fields: readonly string[] | undefined,
  expand?: string,
) => Record<string, unknown>;

export function createIssuePayload(source: IssuePayloadSource): IssuePayload {
  const { api, base, user } = source;
  return (issue, fields, expand) => {
    const all = allFields(source, issue);
    const wanted = !fields || fields.includes('*all') ? Object.keys(all) : fields;
    const selected = Object.fromEntries(wanted.filter((field) => field in all).map((field) => [field, all[field]]));
    const changelog = expand?.includes('changelog')
      ? {
          changelog: {
            startAt: 0,
            maxResults: issue.history.length,
            total: issue.history.length,
            histories: issue.history.map((history) => ({ ...history, author: user(history.author) })),
          },
        }
      : {};
    return {
      expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
      id: issue.id,
      self: `${base()}${api}/issue/${issue.id}`,
      key: issue.key,
      fields: selected,
      ...changelog,
    };
  };
}

function allFields(source: IssuePayloadSource, issue: SandboxIssue): Record<string, unknown> {
  const { api, base, data, user, findIssue } = source;
  return {
    summary: issue.summary,
    ...workflowFields(source, issue),
    assignee: issue.assignee ? user(issue.assignee) : null,
    reporter: user(issue.reporter),
    created: issue.created,
    updated: issue.updated,
    duedate: null,
    resolutiondate: issue.resolution
      ? ([...issue.history]
          .reverse()
          .find((history) => history.items.some((item) => item.field === 'status' && item.toString === 'Done'))
          ?.created ?? issue.updated)
      : null,
    resolution: issue.resolution
      ? { self: `${base()}${api}/resolution/1`, id: '1', name: issue.resolution, description: 'Work has been done' }
      : null,
    ...(issue.parent ? { parent: { id: findIssue(issue.parent)?.id ?? '0', key: issue.parent } } : {}),
    ...issue.custom,
    attachment: attachmentField(source, issue),
    issuelinks: issueLinksField(source, issue),
    labels: issue.labels,
    components: issue.components.map((name, index) => ({
      self: `${base()}${api}/component/${index + 1}`,
      id: String(index + 1),
      name,
    })),
    fixVersions: [],
    project: {
      self: `${base()}${api}/project/10000`,
      id: '10000',
      key: data.projectKey,
      name: data.projectName,
      projectTypeKey: 'software',
    },
    description: issue.description,
    comment: commentField(source, issue),
  };
}

/** Status, issue type and priority, each with its `self` and icon. */
function workflowFields({ api, base }: IssuePayloadSource, issue: SandboxIssue) {
  return {
    status: {
      self: `${base()}${api}/status/1`,
      id: '1',
      name: issue.status,
      description: '',
      iconUrl: `${base()}/images/status.png`,
      statusCategory: { self: `${base()}${api}/statuscategory/1`, ...STATUS_CATEGORY[issue.status] },
    },
    issuetype: {
      self: `${base()}${api}/issuetype/1`,
      id: '1',
      name: issue.type,
      subtask: false,
      description: '',
      iconUrl: `${base()}/images/type.png`,
    },
    priority: {
      self: `${base()}${api}/priority/2`,
      id: '2',
      name: issue.priority,
      iconUrl: `${base()}/images/priority.png`,
    },
  };
}

function attachmentField({ api, base, data, user }: IssuePayloadSource, issue: SandboxIssue) {
  return issue.attachments.map((attachment) => ({
    self: `${base()}${api}/attachment/${attachment.id}`,
    id: attachment.id,
    filename: attachment.filename,
    author: user(attachment.author),
    created: attachment.created,
    size: attachment.data.length,
    mimeType: attachment.mimeType,
    content:
      data.flavor === 'cloud'
        ? `${base()}${api}/attachment/content/${attachment.id}`
        : `${base()}/secure/attachment/${attachment.id}/${encodeURIComponent(attachment.filename)}`,
  }));
}

function issueLinksField({ api, base, data, findIssue }: IssuePayloadSource, issue: SandboxIssue) {
  return data.links
    .filter((link) => link.inward === issue.key || link.outward === issue.key)
    .map((link) => {
      const type = LINK_TYPES.find((candidate) => candidate.name === link.type)!;
      // Seen from the outward issue ("A blocks B"), the other issue is its outwardIssue; from B, A is the inwardIssue.
      const otherKey = link.outward === issue.key ? link.inward : link.outward;
      const other = findIssue(otherKey);
      const external = EXTERNAL_ISSUES[otherKey];
      const side = {
        id: other?.id ?? '0',
        key: otherKey,
        self: `${base()}${api}/issue/${other?.id ?? 0}`,
        fields: {
          summary: other?.summary ?? external?.summary ?? '',
          status: { name: other?.status ?? external?.status ?? 'To Do' },
        },
      };
      return {
        id: link.id,
        self: `${base()}${api}/issueLink/${link.id}`,
        type: { ...type, self: `${base()}${api}/issueLinkType/${type.id}` },
        ...(link.outward === issue.key ? { outwardIssue: side } : { inwardIssue: side }),
      };
    });
}

function commentField({ api, base, user }: IssuePayloadSource, issue: SandboxIssue) {
  return {
    comments: issue.comments.map((comment) => ({
      self: `${base()}${api}/issue/${issue.id}/comment/${comment.id}`,
      id: comment.id,
      author: user(comment.author),
      updateAuthor: user(comment.author),
      body: comment.body,
      created: comment.created,
      updated: comment.created,
      ...(comment.visibility ? { visibility: comment.visibility } : {}),
    })),
    maxResults: issue.comments.length,
    total: issue.comments.length,
    startAt: 0,
  };
}
