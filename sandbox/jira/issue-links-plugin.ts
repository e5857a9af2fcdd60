/** Jira issue links and their types: list the types, link two issues (one may be in another project), read and delete a link. */
import { EXTERNAL_ISSUES, LINK_TYPES } from '../fixtures/jira-site.js';
import { recordChange } from './issue-history.js';
import type { JiraPlugin } from './jira-context.js';
import { issueNotFound } from './jira-errors.js';

type LinkBody = { type?: { name?: string }; inwardIssue?: { key?: string }; outwardIssue?: { key?: string } };

const externalKey = (key: string | undefined) =>
  key && EXTERNAL_ISSUES[key.toUpperCase()] ? key.toUpperCase() : undefined;
const NO_LINK = { errorMessages: ['No issue link with this id exists.'], errors: {} };

export const issueLinksPlugin: JiraPlugin = async (app, { jira }) => {
  const { api, data, findIssue } = jira;

  app.get(`${api}/issueLinkType`, async () => ({
    issueLinkTypes: LINK_TYPES.map((type) => ({ ...type, self: `${api}/issueLinkType/${type.id}` })),
  }));

  app.post<{ Body: LinkBody }>(`${api}/issueLink`, async (request, reply) => {
    const body = request.body ?? {};
    const type = LINK_TYPES.find((candidate) => candidate.name.toLowerCase() === body.type?.name?.toLowerCase());
    if (!type)
      return reply
        .code(404)
        .send({ errorMessages: [`No issue link type with name '${body.type?.name}' found.`], errors: {} });
    // One side may be an issue of another project (EXTERNAL_ISSUES), as links across projects are in Jira.
    const inward = findIssue(body.inwardIssue?.key ?? '');
    const outward = findIssue(body.outwardIssue?.key ?? '');
    const inwardKey = inward?.key ?? externalKey(body.inwardIssue?.key);
    const outwardKey = outward?.key ?? externalKey(body.outwardIssue?.key);
    if (!inwardKey || !outwardKey || (!inward && !outward)) return issueNotFound(reply);
    data.links.push({ id: String(70000 + data.links.length), type: type.name, inward: inwardKey, outward: outwardKey });
    // Jira records the link in the history of both issues, naming the other one.
    if (inward) recordChange(inward, data.users[0]!, 'Link', null, `This issue ${type.inward} ${outwardKey}`);
    if (outward) recordChange(outward, data.users[0]!, 'Link', null, `This issue ${type.outward} ${inwardKey}`);
    return reply.code(201).send();
  });

  app.get<{ Params: { id: string } }>(`${api}/issueLink/:id`, async (request, reply) => {
    const link = data.links.find((candidate) => candidate.id === request.params.id);
    if (!link) return reply.code(404).send(NO_LINK);
    const type = LINK_TYPES.find((candidate) => candidate.name === link.type)!;
    return {
      id: link.id,
      type: { ...type, self: `${api}/issueLinkType/${type.id}` },
      inwardIssue: { key: link.inward },
      outwardIssue: { key: link.outward },
    };
  });

  app.delete<{ Params: { id: string } }>(`${api}/issueLink/:id`, async (request, reply) => {
    const index = data.links.findIndex((link) => link.id === request.params.id);
    if (index < 0) return reply.code(404).send(NO_LINK);
    data.links.splice(index, 1);
    return reply.code(204).send();
  });
};
