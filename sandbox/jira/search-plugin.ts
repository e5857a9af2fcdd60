/**
 * Jira issue search: Cloud's `POST /search/jql` with cursor pages (`nextPageToken`), or Server/DC's `GET /search`
 * with offset pages (`startAt`). A query Jira would refuse is a 400 with Jira's message.
 */
import type { FastifyReply } from 'fastify';
import type { JiraPlugin } from './jira-context.js';
import { searchIssues, searchOr400, splitFields } from './jql-search.js';

/** Jira names an unknown field in its answer; the sandbox knows one such name. */
const unknownField = (reply: FastifyReply, jql: string) =>
  /\bnosuchfield\b/i.test(jql)
    ? reply.code(400).send({
        errorMessages: ["Field 'nosuchfield' does not exist or you do not have permission to view it."],
        errors: {},
      })
    : undefined;

export const searchPlugin: JiraPlugin = async (app, { jira }) => {
  const { api } = jira;
  if (jira.cloud) {
    app.post<{ Body: { jql?: string; fields?: string[]; maxResults?: number; nextPageToken?: string } }>(
      `${api}/search/jql`,
      async (request, reply) => {
        const body = request.body ?? {};
        const jql = body.jql ?? '';
        const refused = unknownField(reply, jql);
        if (refused) return refused;
        const all = searchOr400(reply, () => searchIssues(jira, jql, body.fields));
        if (!all) return reply;
        const start = body.nextPageToken ? Number(Buffer.from(body.nextPageToken, 'base64url').toString()) || 0 : 0;
        const size = Math.min(body.maxResults ?? 50, 100);
        const page = all.slice(start, start + size);
        const isLast = start + size >= all.length;
        return {
          issues: page,
          isLast,
          ...(isLast ? {} : { nextPageToken: Buffer.from(String(start + size)).toString('base64url') }),
        };
      },
    );
    return;
  }
  app.get<{ Querystring: { jql?: string; fields?: string; maxResults?: string; startAt?: string } }>(
    `${api}/search`,
    async (request, reply) => {
      const jql = request.query.jql ?? '';
      const refused = unknownField(reply, jql);
      if (refused) return refused;
      const all = searchOr400(reply, () => searchIssues(jira, jql, splitFields(request.query.fields)));
      if (!all) return reply;
      const startAt = Number(request.query.startAt ?? 0);
      const maxResults = Math.min(Number(request.query.maxResults ?? 50), 100);
      return {
        expand: 'schema,names',
        startAt,
        maxResults,
        total: all.length,
        issues: all.slice(startAt, startAt + maxResults),
      };
    },
  );
};
