/**
 * Epics, which the platforms link differently: Cloud puts an issue under its epic by `parent`, Server/DC by the
 * Epic Link custom field, whose id differs per instance and is found by its type (or, failing that, its name).
 */
import type { RawField } from './answer-shapes.js';
import type { JiraClient } from './client.js';
import { quoteJqlValue } from './jql.js';
import type { SearchPage, SearchRequest } from './search.js';

const EPIC_LINK_TYPE = 'com.pyxis.greenhopper.jira:gh-epic-link';

/** The issues under an epic, within the instance's projects, in key order. */
export async function searchEpicChildren(
  jira: JiraClient,
  epicKey: string,
  request: Omit<SearchRequest, 'jql' | 'and'>,
): Promise<SearchPage> {
  return jira.search({ ...request, jql: `${await epicLinkClause(jira, epicKey, request.signal)} ORDER BY key ASC` });
}

/**
 * Puts an issue under an epic; answers the field set (`parent`, or the Epic Link field's id), or undefined, with
 * nothing changed, when a Server/DC instance has no Epic Link field.
 */
export async function linkToEpic(
  jira: JiraClient,
  key: string,
  epicKey: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  await jira.requireIssues([epicKey], 'PUT', await jira.issuePath(key, 'PUT', '', signal), signal);
  if (jira.platform === 'cloud') {
    await jira.updateIssue(key, { fields: { parent: { key: epicKey } } }, signal);
    return 'parent';
  }
  const field = await epicLinkField(jira, signal);
  if (!field) return undefined;
  await jira.updateIssue(key, { fields: { [field.id]: epicKey } }, signal);
  return field.id;
}

/** JQL for the children of an epic; `parent` where Server/DC has no Epic Link field. */
async function epicLinkClause(jira: JiraClient, epicKey: string, signal?: AbortSignal): Promise<string> {
  const field = jira.platform === 'server' ? await epicLinkField(jira, signal) : undefined;
  return field
    ? `cf[${field.id.replace('customfield_', '')}] = ${quoteJqlValue(epicKey)}`
    : `parent = ${quoteJqlValue(epicKey)}`;
}

/** Server/DC's Epic Link field, when the instance has one. */
async function epicLinkField(jira: JiraClient, signal?: AbortSignal): Promise<RawField | undefined> {
  return (await jira.getFields(signal)).find(
    (candidate) => candidate.schema?.custom === EPIC_LINK_TYPE || candidate.name === 'Epic Link',
  );
}
