/** Jira Cloud changelogs: one issue's (`/issue/{key}/changelog`, offset pages) and many issues' at once (`/changelog/bulkfetch`, cursor pages). */
import type { JiraPlugin } from './jira-context.js';
import { issueNotFound } from './jira-errors.js';
import type { SandboxHistory, SandboxIssue } from './jira-model.js';

type BulkFetchBody = { issueIdsOrKeys?: string[]; fieldIds?: string[]; maxResults?: number; nextPageToken?: string };

export const changelogPlugin: JiraPlugin = async (app, { jira }) => {
  const { api, findIssue, user } = jira;

  app.post<{ Body: BulkFetchBody }>(`${api}/changelog/bulkfetch`, async (request, reply) => {
    const body = request.body ?? {};
    if (!body.issueIdsOrKeys?.length)
      return reply.code(400).send({ errorMessages: ['issueIdsOrKeys is required.'], errors: {} });
    const entries = body.issueIdsOrKeys.flatMap((key) => {
      const issue = findIssue(key);
      return issue
        ? issue.history
            .filter(
              (history) => !body.fieldIds?.length || history.items.some((item) => body.fieldIds!.includes(item.field)),
            )
            .map((history) => ({ issue, history }))
        : [];
    });
    const start = body.nextPageToken ? Number(Buffer.from(body.nextPageToken, 'base64url').toString()) || 0 : 0;
    const size = body.maxResults ?? 1000;
    const more = start + size < entries.length;
    return {
      issueChangeLogs: byIssue(entries.slice(start, start + size), user),
      ...(more ? { nextPageToken: Buffer.from(String(start + size)).toString('base64url') } : {}),
    };
  });

  app.get<{ Params: { key: string }; Querystring: { startAt?: string; maxResults?: string } }>(
    `${api}/issue/:key/changelog`,
    async (request, reply) => {
      const issue = findIssue(request.params.key);
      if (!issue) return issueNotFound(reply);
      const startAt = Number(request.query.startAt ?? 0);
      const maxResults = Number(request.query.maxResults ?? 100);
      const values = issue.history
        .slice(startAt, startAt + maxResults)
        .map((history) => ({ ...history, author: user(history.author) }));
      return {
        self: `${api}/issue/${issue.key}/changelog`,
        startAt,
        maxResults,
        total: issue.history.length,
        isLast: startAt + values.length >= issue.history.length,
        values,
      };
    },
  );
};

/** A page of changelog entries grouped by issue, in the order the issues first appear. */
function byIssue(
  page: ReadonlyArray<{ issue: SandboxIssue; history: SandboxHistory }>,
  user: (person: SandboxHistory['author']) => unknown,
) {
  const grouped = new Map<string, unknown[]>();
  for (const { issue, history } of page)
    grouped.set(issue.id, [...(grouped.get(issue.id) ?? []), { ...history, author: user(history.author) }]);
  return [...grouped].map(([issueId, changeHistories]) => ({ issueId, changeHistories }));
}
