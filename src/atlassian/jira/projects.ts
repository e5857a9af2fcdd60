/** Jira project metadata: issue types and their create fields, versions, components; hidden projects are not found. */
import { z } from 'zod';
import { segment } from '../path.js';
import {
  anyId,
  getAs,
  loose,
  once,
  operation,
  optionalList,
  optionalObject,
  optionalText,
  requestAs,
} from '../shape.js';
import type { JiraClient } from './client.js';

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

const issueTypeShape = once(() =>
  loose({ id: anyId, name: z.string(), subtask: z.boolean().nullish(), description: optionalText }),
);
const createFieldShape = once(() =>
  loose({
    fieldId: z.string(),
    name: z.string(),
    required: z.boolean(),
    schema: optionalObject({ type: optionalText, items: optionalText, custom: optionalText }),
    allowedValues: optionalList(loose({ id: anyId.nullish(), name: optionalText, value: optionalText })),
  }),
);
const versionShape = once(() =>
  loose({
    id: anyId,
    name: z.string(),
    description: optionalText,
    released: z.boolean().nullish(),
    archived: z.boolean().nullish(),
    releaseDate: optionalText,
    startDate: optionalText,
  }),
);
const componentShape = once(() =>
  loose({
    id: anyId,
    name: z.string(),
    description: optionalText,
    lead: optionalObject({ displayName: optionalText }),
  }),
);

const ANSWERS = {
  getCreateIssueMetaIssueTypes: operation<{ issueTypes?: RawIssueType[]; values?: RawIssueType[] }>(
    'getCreateIssueMetaIssueTypes',
    () => loose({ issueTypes: optionalList(issueTypeShape()), values: optionalList(issueTypeShape()) }),
  ),
  getCreateIssueMetaIssueTypeId: operation<{
    fields?: RawCreateField[];
    results?: RawCreateField[];
    values?: RawCreateField[];
  }>('getCreateIssueMetaIssueTypeId', () =>
    loose({
      fields: optionalList(createFieldShape()),
      results: optionalList(createFieldShape()),
      values: optionalList(createFieldShape()),
    }),
  ),
  getProjectVersions: operation<RawVersion[]>('getProjectVersions', () => z.array(versionShape())),
  getProjectComponents: operation<RawComponent[]>('getProjectComponents', () => z.array(componentShape())),
  getProject: operation<{ id: string; key: string; name: string }>('getProject', () =>
    loose({ id: anyId, key: z.string(), name: z.string() }),
  ),
  createVersion: operation<RawVersion>('createVersion', () => versionShape()),
  updateVersion: operation<RawVersion>('updateVersion', () => versionShape()),
};

/** createmeta lists issue types under `issueTypes` on Cloud and `values` on Server/DC. */
export async function getIssueTypes(
  jira: JiraClient,
  projectKey: string,
  signal?: AbortSignal,
): Promise<RawIssueType[]> {
  const path = `${jira.api}/issue/createmeta/${segment(projectKey)}/issuetypes`;
  jira.requireProject(projectKey, 'GET', path);
  const page = await getAs(jira.http, ANSWERS.getCreateIssueMetaIssueTypes, path, { maxResults: 100 }, signal);
  return page.issueTypes ?? page.values ?? [];
}

/** The fields the create screen of one issue type offers, with required flags and allowed values. */
export async function getCreateFields(
  jira: JiraClient,
  projectKey: string,
  issueTypeId: string,
  signal?: AbortSignal,
): Promise<RawCreateField[]> {
  const path = `${jira.api}/issue/createmeta/${segment(projectKey)}/issuetypes/${segment(issueTypeId)}`;
  jira.requireProject(projectKey, 'GET', path);
  const page = await getAs(jira.http, ANSWERS.getCreateIssueMetaIssueTypeId, path, { maxResults: 200 }, signal);
  return page.fields ?? page.results ?? page.values ?? [];
}

export async function getVersions(jira: JiraClient, projectKey: string, signal?: AbortSignal): Promise<RawVersion[]> {
  return getAs(
    jira.http,
    ANSWERS.getProjectVersions,
    jira.projectPath(projectKey, 'GET', '/versions'),
    undefined,
    signal,
  );
}

export async function getComponents(
  jira: JiraClient,
  projectKey: string,
  signal?: AbortSignal,
): Promise<RawComponent[]> {
  return getAs(
    jira.http,
    ANSWERS.getProjectComponents,
    jira.projectPath(projectKey, 'GET', '/components'),
    undefined,
    signal,
  );
}

export async function getProject(
  jira: JiraClient,
  projectKey: string,
  signal?: AbortSignal,
): Promise<{ id: string; key: string; name: string }> {
  return getAs(jira.http, ANSWERS.getProject, jira.projectPath(projectKey, 'GET'), undefined, signal);
}

export function createVersion(
  jira: JiraClient,
  body: Omit<RawVersion, 'id'> & { projectId: number },
  signal?: AbortSignal,
): Promise<RawVersion> {
  return requestAs(jira.http, ANSWERS.createVersion, 'POST', `${jira.api}/version`, { body, signal });
}

export function updateVersion(
  jira: JiraClient,
  id: string,
  body: Partial<Omit<RawVersion, 'id'>>,
  signal?: AbortSignal,
): Promise<RawVersion> {
  return requestAs(jira.http, ANSWERS.updateVersion, 'PUT', `${jira.api}/version/${segment(id)}`, { body, signal });
}
