/**
 * Jira saved filters: a filter's name and JQL, read so its issues can be searched under the caller's allow-list, and
 * the signed-in account's favourite filters (what `resources/list` offers).
 */
import { z } from 'zod';
import { segment } from '../path.js';
import { anyId, getAs, loose, once, operation, optionalText } from '../shape.js';
import type { JiraClient } from './client.js';

export interface RawFilter {
  id: string | number;
  name: string;
  jql: string;
  description?: string | null;
  viewUrl?: string | null;
}

const filterShape = once(() =>
  loose({ id: anyId, name: z.string(), jql: z.string(), description: optionalText, viewUrl: optionalText }),
);

const ANSWERS = {
  getFilter: operation<RawFilter>('getFilter', () => filterShape()),
  getFavouriteFilters: operation<RawFilter[]>('getFavouriteFilters', () => z.array(filterShape())),
};

/** One saved filter by id (the same path on Cloud v3 and Server/DC v2). Its JQL is searched separately. */
export function getFilter(jira: JiraClient, id: string, signal?: AbortSignal): Promise<RawFilter> {
  return getAs(jira.http, ANSWERS.getFilter, `${jira.api}/filter/${segment(id)}`, undefined, signal);
}

/**
 * The filters the signed-in account marked as favourite that it can still see (`GET {api}/filter/favourite`, the
 * same path on Cloud v3 and Server/DC v2).
 */
export function getFavouriteFilters(jira: JiraClient, signal?: AbortSignal): Promise<RawFilter[]> {
  return getAs(jira.http, ANSWERS.getFavouriteFilters, `${jira.api}/filter/favourite`, undefined, signal);
}
