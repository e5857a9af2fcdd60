/** Sandbox Jira relations: worklogs, issue links and link types, remote links, and the Cloud changelog endpoint. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { EXTERNAL_ISSUES, LINK_TYPES } from './fixtures/jira-site.js';
import { recordChange } from './jira/issue-history.js';
import type { JiraSiteData } from './jira/jira-model.js';
import type { JiraRouteHelpers } from './jira-routes.js';

const externalKey = (key: string | undefined) => (key && EXTERNAL_ISSUES[key.toUpperCase()] ? key.toUpperCase() : undefined);

const UNIT_SECONDS: Record<string, number> = { w: 5 * 8 * 3600, d: 8 * 3600, h: 3600, m: 60 };

export function registerJiraRelationRoutes(app: FastifyInstance, data: JiraSiteData, helpers: JiraRouteHelpers): void {
  const { api, findIssue, user } = helpers;
  const cloud = data.flavor === 'cloud';
  const missing = (reply: FastifyReply) => reply.code(404).send({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });

  app.get<{ Params: { key: string }; Querystring: { maxResults?: string } }>(`${api}/issue/:key/worklog`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return missing(reply);
    const maxResults = Number(request.query.maxResults ?? 5000);
    return {
      startAt: 0,
      maxResults,
      total: issue.worklogs.length,
      worklogs: issue.worklogs.slice(0, maxResults).map((entry) => ({ ...entry, issueId: issue.id, self: `${api}/issue/${issue.id}/worklog/${entry.id}`, author: user(entry.author), updateAuthor: user(entry.author), created: entry.started, updated: entry.started })),
    };
  });

  app.post<{ Params: { key: string }; Body: { timeSpent?: string; started?: string; comment?: unknown } }>(`${api}/issue/:key/worklog`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return missing(reply);
    const { timeSpent, started, comment } = request.body ?? {};
    const seconds = [...(timeSpent ?? '').matchAll(/(\d+(?:\.\d+)?)([wdhm])/g)].reduce((sum, [, amount, unit]) => sum + Number(amount) * UNIT_SECONDS[unit!]!, 0);
    if (!seconds) return reply.code(400).send({ errorMessages: [], errors: { timeLogged: 'Invalid time duration entered.' } });
    if (!started || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/.test(started)) return reply.code(400).send({ errorMessages: [], errors: { started: 'Invalid start date.' } });
    if (comment !== undefined && (cloud ? (comment as { type?: string })?.type !== 'doc' : typeof comment !== 'string')) return reply.code(400).send({ errorMessages: [], errors: { comment: 'Comment is not valid for this platform.' } });
    const entry = { id: String(60000 + issue.worklogs.length + Number(issue.id) * 10), author: data.users[0]!, started, timeSpent: timeSpent!, timeSpentSeconds: seconds, ...(comment !== undefined ? { comment } : {}) };
    issue.worklogs.push(entry);
    return reply.code(201).send({ ...entry, self: `${api}/issue/${issue.id}/worklog/${entry.id}`, issueId: issue.id, author: user(entry.author) });
  });

  app.get(`${api}/issueLinkType`, async () => ({ issueLinkTypes: LINK_TYPES.map((type) => ({ ...type, self: `${api}/issueLinkType/${type.id}` })) }));

  app.post<{ Body: { type?: { name?: string }; inwardIssue?: { key?: string }; outwardIssue?: { key?: string } } }>(`${api}/issueLink`, async (request, reply) => {
    const body = request.body ?? {};
    const type = LINK_TYPES.find((candidate) => candidate.name.toLowerCase() === body.type?.name?.toLowerCase());
    if (!type) return reply.code(404).send({ errorMessages: [`No issue link type with name '${body.type?.name}' found.`], errors: {} });
    // One side may be an issue of another project (EXTERNAL_ISSUES), as links across projects are in Jira.
    const inward = findIssue(body.inwardIssue?.key ?? '');
    const outward = findIssue(body.outwardIssue?.key ?? '');
    const inwardKey = inward?.key ?? externalKey(body.inwardIssue?.key);
    const outwardKey = outward?.key ?? externalKey(body.outwardIssue?.key);
    if (!inwardKey || !outwardKey || (!inward && !outward)) return missing(reply);
    data.links.push({ id: String(70000 + data.links.length), type: type.name, inward: inwardKey, outward: outwardKey });
    // Jira records the link in the history of both issues, naming the other one.
    if (inward) recordChange(inward, data.users[0]!, 'Link', null, `This issue ${type.inward} ${outwardKey}`);
    if (outward) recordChange(outward, data.users[0]!, 'Link', null, `This issue ${type.outward} ${inwardKey}`);
    return reply.code(201).send();
  });

  app.get<{ Params: { id: string } }>(`${api}/issueLink/:id`, async (request, reply) => {
    const link = data.links.find((candidate) => candidate.id === request.params.id);
    if (!link) return reply.code(404).send({ errorMessages: ['No issue link with this id exists.'], errors: {} });
    const type = LINK_TYPES.find((candidate) => candidate.name === link.type)!;
    return { id: link.id, type: { ...type, self: `${api}/issueLinkType/${type.id}` }, inwardIssue: { key: link.inward }, outwardIssue: { key: link.outward } };
  });

  app.delete<{ Params: { id: string } }>(`${api}/issueLink/:id`, async (request, reply) => {
    const index = data.links.findIndex((link) => link.id === request.params.id);
    if (index < 0) return reply.code(404).send({ errorMessages: ['No issue link with this id exists.'], errors: {} });
    data.links.splice(index, 1);
    return reply.code(204).send();
  });

  app.get<{ Params: { key: string } }>(`${api}/issue/:key/remotelink`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return missing(reply);
    return issue.remoteLinks.map((link) => ({ ...link, self: `${api}/issue/${issue.key}/remotelink/${link.id}` }));
  });

  app.post<{ Params: { key: string }; Body: { object?: { url?: string; title?: string; summary?: string }; relationship?: string } }>(`${api}/issue/:key/remotelink`, async (request, reply) => {
    const issue = findIssue(request.params.key);
    if (!issue) return missing(reply);
    const object = request.body?.object;
    if (!object?.url || !object.title) return reply.code(400).send({ errorMessages: [], errors: { title: 'Title and URL are required.' } });
    const link = { id: 80000 + issue.remoteLinks.length, ...(request.body?.relationship ? { relationship: request.body.relationship } : {}), object: { url: object.url, title: object.title, ...(object.summary ? { summary: object.summary } : {}) } };
    issue.remoteLinks.push(link);
    return reply.code(201).send({ id: link.id, self: `${api}/issue/${issue.key}/remotelink/${link.id}` });
  });

  if (cloud) {
    app.post<{ Body: { issueIdsOrKeys?: string[]; fieldIds?: string[]; maxResults?: number; nextPageToken?: string } }>(`${api}/changelog/bulkfetch`, async (request, reply) => {
      const body = request.body ?? {};
      if (!body.issueIdsOrKeys?.length) return reply.code(400).send({ errorMessages: ['issueIdsOrKeys is required.'], errors: {} });
      const entries = body.issueIdsOrKeys.flatMap((key) => {
        const issue = findIssue(key);
        return issue ? issue.history.filter((history) => !body.fieldIds?.length || history.items.some((item) => body.fieldIds!.includes(item.field))).map((history) => ({ issue, history })) : [];
      });
      const start = body.nextPageToken ? Number(Buffer.from(body.nextPageToken, 'base64url').toString()) || 0 : 0;
      const size = body.maxResults ?? 1000;
      const page = entries.slice(start, start + size);
      const byIssue = new Map<string, unknown[]>();
      for (const { issue, history } of page) byIssue.set(issue.id, [...(byIssue.get(issue.id) ?? []), { ...history, author: user(history.author) }]);
      const more = start + size < entries.length;
      return { issueChangeLogs: [...byIssue].map(([issueId, changeHistories]) => ({ issueId, changeHistories })), ...(more ? { nextPageToken: Buffer.from(String(start + size)).toString('base64url') } : {}) };
    });

    app.get<{ Params: { key: string }; Querystring: { startAt?: string; maxResults?: string } }>(`${api}/issue/:key/changelog`, async (request, reply) => {
      const issue = findIssue(request.params.key);
      if (!issue) return missing(reply);
      const startAt = Number(request.query.startAt ?? 0);
      const maxResults = Number(request.query.maxResults ?? 100);
      const values = issue.history.slice(startAt, startAt + maxResults).map((history) => ({ ...history, author: user(history.author) }));
      return { self: `${api}/issue/${issue.key}/changelog`, startAt, maxResults, total: issue.history.length, isLast: startAt + values.length >= issue.history.length, values };
    });
  }
}
