/** Jira project metadata: issue types and their create fields, versions, components, bulk creation. */
import type { JiraClient } from './client.js';
import { segment } from '../path.js';

export interface RawIssueType {
  id: string;
  name: string;
  subtask?: boolean;
  description?: string;
}

export interface RawCreateField {
  fieldId: string;
  name: string;
  required: boolean;
  schema?: { type?: string; items?: string; custom?: string };
  allowedValues?: Array<{ id?: string; name?: string; value?: string }>;
  hasDefaultValue?: boolean;
}

export interface RawVersion {
  id: string;
  name: string;
  description?: string;
  released?: boolean;
  archived?: boolean;
  releaseDate?: string;
  startDate?: string;
  projectId?: number;
}

export interface RawComponent {
  id: string;
  name: string;
  description?: string;
  lead?: { displayName?: string };
}

/** createmeta lists issue types under `issueTypes` on Cloud and `values` on Server/DC. */
export async function getIssueTypes(jira: JiraClient, projectKey: string, signal?: AbortSignal): Promise<RawIssueType[]> {
  const page = await jira.http.get<{ issueTypes?: RawIssueType[]; values?: RawIssueType[] }>(`${jira.api}/issue/createmeta/${segment(projectKey)}/issuetypes`, { maxResults: 100 }, signal);
  return page.issueTypes ?? page.values ?? [];
}

/** The fields the create screen of one issue type offers, with required flags and allowed values. */
export async function getCreateFields(jira: JiraClient, projectKey: string, issueTypeId: string, signal?: AbortSignal): Promise<RawCreateField[]> {
  const page = await jira.http.get<{ fields?: RawCreateField[]; results?: RawCreateField[]; values?: RawCreateField[] }>(
    `${jira.api}/issue/createmeta/${segment(projectKey)}/issuetypes/${segment(issueTypeId)}`,
    { maxResults: 200 },
    signal,
  );
  return page.fields ?? page.results ?? page.values ?? [];
}

export function getVersions(jira: JiraClient, projectKey: string, signal?: AbortSignal): Promise<RawVersion[]> {
  return jira.http.get<RawVersion[]>(`${jira.api}/project/${segment(projectKey)}/versions`, undefined, signal);
}

export function getComponents(jira: JiraClient, projectKey: string, signal?: AbortSignal): Promise<RawComponent[]> {
  return jira.http.get<RawComponent[]>(`${jira.api}/project/${segment(projectKey)}/components`, undefined, signal);
}

export function getProject(jira: JiraClient, projectKey: string, signal?: AbortSignal): Promise<{ id: string; key: string; name: string }> {
  return jira.http.get(`${jira.api}/project/${segment(projectKey)}`, undefined, signal);
}

export function createVersion(jira: JiraClient, body: Omit<RawVersion, 'id'> & { projectId: number }, signal?: AbortSignal): Promise<RawVersion> {
  return jira.http.request('POST', `${jira.api}/version`, { body, signal });
}

export function updateVersion(jira: JiraClient, id: string, body: Partial<Omit<RawVersion, 'id'>>, signal?: AbortSignal): Promise<RawVersion> {
  return jira.http.request('PUT', `${jira.api}/version/${segment(id)}`, { body, signal });
}

export interface BulkCreateResult {
  issues?: Array<{ id: string; key: string }>;
  errors?: Array<{ failedElementNumber?: number; elementErrors?: { errorMessages?: string[]; errors?: Record<string, string> } }>;
}

export function bulkCreateIssues(jira: JiraClient, issueUpdates: Array<{ fields: Record<string, unknown> }>, signal?: AbortSignal): Promise<BulkCreateResult> {
  return jira.http.request('POST', `${jira.api}/issue/bulk`, { body: { issueUpdates }, signal });
}
