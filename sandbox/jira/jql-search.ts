/** Running JQL over a site's issues, and answering a query Jira would refuse the way Jira does. */
import type { FastifyReply } from 'fastify';
import { compileJql, QuerySyntaxError } from '../query/jql-filter.js';
import type { JiraContext } from './jira-context.js';

/** The fields a search returns when the request names none. */
const DEFAULT_SEARCH_FIELDS = ['summary', 'status', 'issuetype', 'priority', 'assignee', 'updated'];

/** The matching issues in JQL's order, as payloads; throws `QuerySyntaxError` on a query Jira would refuse. */
export function searchIssues({ data, issuePayload }: JiraContext, jql: string, fields: readonly string[] | undefined) {
  const query = compileJql(jql, data.users[0]!, data.links);
  return query
    .order(data.issues.filter(query.matches))
    .map((issue) => issuePayload(issue, fields ?? DEFAULT_SEARCH_FIELDS));
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

/** The `fields` query parameter as a list (`summary,status` → `['summary', 'status']`). */
export function splitFields(fields: string | undefined): string[] | undefined {
  return fields
    ? fields
        .split(',')
        .map((field) => field.trim())
        .filter(Boolean)
    : undefined;
}
