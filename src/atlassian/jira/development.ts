/**
 * Development information linked to an issue (branches, commits, pull requests) from Jira's dev-status API,
 * which Jira's own issue view uses on Cloud and Server/DC alike. It is not part of the published REST
 * documents, so the shapes here follow what Jira returns.
 */
import { z } from 'zod';
import { anyId, getAs, loose, once, operation, optionalList, optionalObject, optionalText } from '../shape.js';
import type { JiraClient } from './client.js';

const DEV_STATUS = '/rest/dev-status/latest/issue';

export interface DevSummary {
  summary?: Record<
    string,
    { overall?: { count?: number }; byInstanceType?: Record<string, { count?: number; name?: string }> }
  >;
}

export interface DevDetail {
  detail?: Array<{
    branches?: Array<{ name: string; url?: string; repository?: { name?: string } }>;
    pullRequests?: Array<{
      id: string;
      name: string;
      status?: string;
      url?: string;
      source?: { branch?: string };
      destination?: { branch?: string };
      lastUpdate?: string;
      author?: { name?: string };
    }>;
    repositories?: Array<{
      name: string;
      url?: string;
      commits?: Array<{
        displayId?: string;
        id: string;
        message?: string;
        author?: { name?: string };
        authorTimestamp?: string;
        url?: string;
      }>;
    }>;
    _instance?: { name?: string; type?: string };
  }>;
}

const named = once(() => optionalObject({ name: optionalText }));
const branch = once(() => optionalObject({ branch: optionalText }));

const ANSWERS = {
  summary: operation<DevSummary>('dev-status summary', () =>
    loose({
      summary: z
        .record(
          z.string(),
          loose({
            overall: optionalObject({ count: z.number().nullish() }),
            byInstanceType: z.record(z.string(), loose({ count: z.number().nullish(), name: optionalText })).nullish(),
          }),
        )
        .nullish(),
    }),
  ),
  detail: operation<DevDetail>('dev-status detail', () =>
    loose({
      detail: optionalList(
        loose({
          branches: optionalList(loose({ name: z.string(), url: optionalText, repository: named() })),
          pullRequests: optionalList(
            loose({
              id: anyId,
              name: z.string(),
              status: optionalText,
              url: optionalText,
              source: branch(),
              destination: branch(),
              lastUpdate: optionalText,
              author: named(),
            }),
          ),
          repositories: optionalList(
            loose({
              name: z.string(),
              url: optionalText,
              commits: optionalList(
                loose({
                  displayId: optionalText,
                  id: z.string(),
                  message: optionalText,
                  author: named(),
                  authorTimestamp: optionalText,
                  url: optionalText,
                }),
              ),
            }),
          ),
          _instance: optionalObject({ name: optionalText, type: optionalText }),
        }),
      ),
    }),
  ),
};

/** What one connected tool (GitHub, GitLab, Bitbucket…) reports for an issue: branches, pull requests, commits. */
export type DevToolDetail = NonNullable<DevDetail['detail']>[number];

/** The development information of an issue from every connected tool that has some. */
export async function getDevelopmentInfo(
  jira: JiraClient,
  key: string,
  signal?: AbortSignal,
): Promise<DevToolDetail[]> {
  const issue = await jira.getIssue(key, { fields: ['summary'], signal });
  const summary = await devSummary(jira, String(issue.id), signal);
  const tools = new Set(
    Object.values(summary.summary ?? {}).flatMap((kind) =>
      Object.entries(kind.byInstanceType ?? {})
        .filter(([, value]) => (value.count ?? 0) > 0)
        .map(([type]) => type),
    ),
  );
  const details = await Promise.all(
    [...tools].flatMap((tool) => [
      devDetail(jira, String(issue.id), tool, 'pullrequest', signal),
      devDetail(jira, String(issue.id), tool, 'repository', signal),
    ]),
  );
  return details.flatMap((answer) => answer.detail ?? []);
}

function devSummary(jira: JiraClient, issueId: string, signal?: AbortSignal): Promise<DevSummary> {
  return getAs(jira.http, ANSWERS.summary, `${DEV_STATUS}/summary`, { issueId }, signal);
}

function devDetail(
  jira: JiraClient,
  issueId: string,
  applicationType: string,
  dataType: 'repository' | 'pullrequest' | 'branch()',
  signal?: AbortSignal,
): Promise<DevDetail> {
  return getAs(jira.http, ANSWERS.detail, `${DEV_STATUS}/detail`, { issueId, applicationType, dataType }, signal);
}
