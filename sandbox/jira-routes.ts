/**
 * Sandbox Jira REST endpoints: Cloud (REST v3, ADF, POST /search/jql with cursors) or Server/DC (REST v2,
 * wiki markup, GET /search with startAt). Payload shapes follow Atlassian's OpenAPI documents.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { EXTERNAL_ISSUES, LINK_TYPES } from './fixtures/jira-site.js';
import type { JiraFlavor, JiraSiteData, SandboxIssue, SandboxUser } from './jira/jira-model.js';
import { compileJql, QuerySyntaxError } from './query/jql-filter.js';
import type { SiteContext } from './site/site.js';

const STATUS_CATEGORY: Record<SandboxIssue['status'], { id: number; key: string; colorName: string; name: string }> = {
  'To Do': { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  'In Progress': { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  Done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
};

export interface JiraRouteHelpers {
  api: string;
  user: (person: SandboxUser) => Record<string, unknown>;
  findIssue: (idOrKey: string) => SandboxIssue | undefined;
  issuePayload: (issue: SandboxIssue, fields: readonly string[] | undefined, expand?: string) => Record<string, unknown>;
}

export function registerJiraRoutes(app: FastifyInstance, site: SiteContext, data: JiraSiteData, flavor: JiraFlavor): JiraRouteHelpers {
  const api = flavor === 'cloud' ? '/rest/api/3' : '/rest/api/2';
  const base = () => site.baseUrl();
  const user = (person: SandboxUser) => userPayload(person, flavor, base());
  const issuePayload = (issue: SandboxIssue, fields: readonly string[] | undefined, expand?: string) => {
    const all: Record<string, unknown> = {
      summary: issue.summary,
      status: { self: `${base()}${api}/status/1`, id: '1', name: issue.status, description: '', iconUrl: `${base()}/images/status.png`, statusCategory: { self: `${base()}${api}/statuscategory/1`, ...STATUS_CATEGORY[issue.status] } },
      issuetype: { self: `${base()}${api}/issuetype/1`, id: '1', name: issue.type, subtask: false, description: '', iconUrl: `${base()}/images/type.png` },
      priority: { self: `${base()}${api}/priority/2`, id: '2', name: issue.priority, iconUrl: `${base()}/images/priority.png` },
      assignee: issue.assignee ? user(issue.assignee) : null,
      reporter: user(issue.reporter),
      created: issue.created,
      updated: issue.updated,
      duedate: null,
      resolutiondate: issue.resolution ? ([...issue.history].reverse().find((history) => history.items.some((item) => item.field === 'status' && item.toString === 'Done'))?.created ?? issue.updated) : null,
      resolution: issue.resolution ? { self: `${base()}${api}/resolution/1`, id: '1', name: issue.resolution, description: 'Work has been done' } : null,
      ...(issue.parent ? { parent: { id: findIssue(issue.parent)?.id ?? '0', key: issue.parent } } : {}),
      ...issue.custom,
      attachment: issue.attachments.map((attachment) => ({
        self: `${base()}${api}/attachment/${attachment.id}`,
        id: attachment.id,
        filename: attachment.filename,
        author: user(attachment.author),
        created: attachment.created,
        size: attachment.data.length,
        mimeType: attachment.mimeType,
        content: flavor === 'cloud' ? `${base()}${api}/attachment/content/${attachment.id}` : `${base()}/secure/attachment/${attachment.id}/${encodeURIComponent(attachment.filename)}`,
      })),
      issuelinks: data.links
        .filter((link) => link.inward === issue.key || link.outward === issue.key)
        .map((link) => {
          const type = LINK_TYPES.find((candidate) => candidate.name === link.type)!;
          // Seen from the outward issue ("A blocks B"), the other issue is its outwardIssue; from B, A is the inwardIssue.
          const otherKey = link.outward === issue.key ? link.inward : link.outward;
          const other = findIssue(otherKey);
          const external = EXTERNAL_ISSUES[otherKey];
          const side = { id: other?.id ?? '0', key: otherKey, self: `${base()}${api}/issue/${other?.id ?? 0}`, fields: { summary: other?.summary ?? external?.summary ?? '', status: { name: other?.status ?? external?.status ?? 'To Do' } } };
          return { id: link.id, self: `${base()}${api}/issueLink/${link.id}`, type: { ...type, self: `${base()}${api}/issueLinkType/${type.id}` }, ...(link.outward === issue.key ? { outwardIssue: side } : { inwardIssue: side }) };
        }),
      labels: issue.labels,
      components: issue.components.map((name, index) => ({ self: `${base()}${api}/component/${index + 1}`, id: String(index + 1), name })),
      fixVersions: [],
      project: { self: `${base()}${api}/project/10000`, id: '10000', key: data.projectKey, name: data.projectName, projectTypeKey: 'software' },
      description: issue.description,
      comment: {
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
      },
    };
    const wanted = !fields || fields.includes('*all') ? Object.keys(all) : fields;
    const selected = Object.fromEntries(wanted.filter((field) => field in all).map((field) => [field, all[field]]));
    const changelog = expand?.includes('changelog')
      ? { changelog: { startAt: 0, maxResults: issue.history.length, total: issue.history.length, histories: issue.history.map((history) => ({ ...history, author: user(history.author) })) } }
      : {};
    return { expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations', id: issue.id, self: `${base()}${api}/issue/${issue.id}`, key: issue.key, fields: selected, ...changelog };
  };
  const findIssue = (idOrKey: string) => {
    const key = data.movedKeys.get(idOrKey.toUpperCase()) ?? idOrKey.toUpperCase();
    return data.issues.find((issue) => issue.key === key || issue.id === idOrKey);
  };

  app.get<{ Params: { key: string }; Querystring: { fields?: string; expand?: string } }>(`${api}/issue/:key`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return reply.code(404).send({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
    return issuePayload(issue, splitFields(request.query.fields), request.query.expand);
  });

  app.get(`${api}/myself`, async () => user(data.users[0]!));

  const search = (jql: string, fields: readonly string[] | undefined) => {
    const query = compileJql(jql, data.users[0]!, data.links);
    return query.order(data.issues.filter(query.matches)).map((issue) => issuePayload(issue, fields ?? ['summary', 'status', 'issuetype', 'priority', 'assignee', 'updated']));
  };

  if (flavor === 'cloud') {
    app.post<{ Body: { jql?: string; fields?: string[]; maxResults?: number; nextPageToken?: string } }>(`${api}/search/jql`, async (request, reply) => {
      const body = request.body ?? {};
      const jql = body.jql ?? '';
      if (/\bnosuchfield\b/i.test(jql)) return reply.code(400).send({ errorMessages: ["Field 'nosuchfield' does not exist or you do not have permission to view it."], errors: {} });
      const all = searchOr400(reply, () => search(jql, body.fields));
      if (!all) return reply;
      const start = body.nextPageToken ? Number(Buffer.from(body.nextPageToken, 'base64url').toString()) || 0 : 0;
      const size = Math.min(body.maxResults ?? 50, 100);
      const page = all.slice(start, start + size);
      const isLast = start + size >= all.length;
      return { issues: page, isLast, ...(isLast ? {} : { nextPageToken: Buffer.from(String(start + size)).toString('base64url') }) };
    });
  } else {
    app.get<{ Querystring: { jql?: string; fields?: string; maxResults?: string; startAt?: string } }>(`${api}/search`, async (request, reply) => {
      const jql = request.query.jql ?? '';
      if (/\bnosuchfield\b/i.test(jql)) return reply.code(400).send({ errorMessages: ["Field 'nosuchfield' does not exist or you do not have permission to view it."], errors: {} });
      const all = searchOr400(reply, () => search(jql, splitFields(request.query.fields)));
      if (!all) return reply;
      const startAt = Number(request.query.startAt ?? 0);
      const maxResults = Math.min(Number(request.query.maxResults ?? 50), 100);
      return { expand: 'schema,names', startAt, maxResults, total: all.length, issues: all.slice(startAt, startAt + maxResults) };
    });
  }
  return { api, user, findIssue, issuePayload };
}

/** Runs a search, answering a JQL syntax error the way Jira does (HTTP 400 with its message). */
export function searchOr400<T>(reply: FastifyReply, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof QuerySyntaxError)) throw error;
    void reply.code(400).send({ errorMessages: [`Error in the JQL Query: ${error.message}.`], errors: {} });
    return undefined;
  }
}

function splitFields(fields: string | undefined): string[] | undefined {
  return fields ? fields.split(',').map((field) => field.trim()).filter(Boolean) : undefined;
}

export function userPayload(person: SandboxUser, flavor: JiraFlavor, base: string) {
  const avatarUrls = { '48x48': `${base}/avatar/48.png`, '24x24': `${base}/avatar/24.png`, '16x16': `${base}/avatar/16.png`, '32x32': `${base}/avatar/32.png` };
  if (flavor === 'cloud') {
    return { self: `${base}/rest/api/3/user?accountId=${person.accountId}`, accountId: person.accountId, accountType: 'atlassian', emailAddress: person.email, avatarUrls, displayName: person.displayName, active: true, timeZone: 'Europe/Berlin' };
  }
  return { self: `${base}/rest/api/2/user?username=${person.name}`, name: person.name, key: person.name, emailAddress: person.email, avatarUrls, displayName: person.displayName, active: true, timeZone: 'Europe/Berlin' };
}
