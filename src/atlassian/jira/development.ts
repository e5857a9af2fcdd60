/**
 * Development information linked to an issue (branches, commits, pull requests) from Jira's dev-status API,
 * which Jira's own issue view uses on Cloud and Server/DC alike. It is not part of the published REST
 * documents, so the shapes here follow what Jira returns.
 */
import type { JiraClient } from './client.js';

const DEV_STATUS = '/rest/dev-status/latest/issue';

export interface DevSummary {
  summary?: Record<string, { overall?: { count?: number }; byInstanceType?: Record<string, { count?: number; name?: string }> }>;
}

export interface DevDetail {
  detail?: Array<{
    branches?: Array<{ name: string; url?: string; repository?: { name?: string } }>;
    pullRequests?: Array<{ id: string; name: string; status?: string; url?: string; source?: { branch?: string }; destination?: { branch?: string }; lastUpdate?: string; author?: { name?: string } }>;
    repositories?: Array<{ name: string; url?: string; commits?: Array<{ displayId?: string; id: string; message?: string; author?: { name?: string }; authorTimestamp?: string; url?: string }> }>;
    _instance?: { name?: string; type?: string };
  }>;
}

export function devSummary(jira: JiraClient, issueId: string, signal?: AbortSignal): Promise<DevSummary> {
  return jira.http.get<DevSummary>(`${DEV_STATUS}/summary`, { issueId }, signal);
}

export function devDetail(jira: JiraClient, issueId: string, applicationType: string, dataType: 'repository' | 'pullrequest' | 'branch', signal?: AbortSignal): Promise<DevDetail> {
  return jira.http.get<DevDetail>(`${DEV_STATUS}/detail`, { issueId, applicationType, dataType }, signal);
}
