/** Jira worklogs: list an issue's work, and log time (`1h 30m`, `2d`…) with a start date and an optional comment. */
import type { JiraPlugin } from './jira-context.js';
import { issueNotFound } from './jira-errors.js';

/** Jira's default time tracking: a week of 5 days of 8 hours. */
const UNIT_SECONDS: Record<string, number> = { w: 5 * 8 * 3600, d: 8 * 3600, h: 3600, m: 60 };

/** Seconds in a Jira duration such as `1h 30m`; 0 when it names no time. */
const durationSeconds = (timeSpent: string | undefined) =>
  [...(timeSpent ?? '').matchAll(/(\d+(?:\.\d+)?)([wdhm])/g)].reduce(
    (sum, [, amount, unit]) => sum + Number(amount) * UNIT_SECONDS[unit!]!,
    0,
  );

export const worklogsPlugin: JiraPlugin = async (app, { jira }) => {
  const { api, cloud, data, findIssue, user } = jira;

  app.get<{ Params: { key: string }; Querystring: { maxResults?: string } }>(
    `${api}/issue/:key/worklog`,
    async (request, reply) => {
      const issue = findIssue(request.params.key);
      if (!issue) return issueNotFound(reply);
      const maxResults = Number(request.query.maxResults ?? 5000);
      return {
        startAt: 0,
        maxResults,
        total: issue.worklogs.length,
        worklogs: issue.worklogs.slice(0, maxResults).map((entry) => ({
          ...entry,
          issueId: issue.id,
          self: `${api}/issue/${issue.id}/worklog/${entry.id}`,
          author: user(entry.author),
          updateAuthor: user(entry.author),
          created: entry.started,
          updated: entry.started,
        })),
      };
    },
  );

  app.post<{ Params: { key: string }; Body: { timeSpent?: string; started?: string; comment?: unknown } }>(
    `${api}/issue/:key/worklog`,
    async (request, reply) => {
      const issue = findIssue(request.params.key);
      if (!issue) return issueNotFound(reply);
      const { timeSpent, started, comment } = request.body ?? {};
      const seconds = durationSeconds(timeSpent);
      if (!seconds)
        return reply.code(400).send({ errorMessages: [], errors: { timeLogged: 'Invalid time duration entered.' } });
      if (!started || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/.test(started))
        return reply.code(400).send({ errorMessages: [], errors: { started: 'Invalid start date.' } });
      if (
        comment !== undefined &&
        (cloud ? (comment as { type?: string })?.type !== 'doc' : typeof comment !== 'string')
      )
        return reply
          .code(400)
          .send({ errorMessages: [], errors: { comment: 'Comment is not valid for this platform.' } });
      const entry = {
        id: String(60000 + issue.worklogs.length + Number(issue.id) * 10),
        author: data.users[0]!,
        started,
        timeSpent: timeSpent!,
        timeSpentSeconds: seconds,
        ...(comment !== undefined ? { comment } : {}),
      };
      issue.worklogs.push(entry);
      return reply.code(201).send({
        ...entry,
        self: `${api}/issue/${issue.id}/worklog/${entry.id}`,
        issueId: issue.id,
        author: user(entry.author),
      });
    },
  );
};
