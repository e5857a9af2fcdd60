/** Jira saved filters: a filter's name and JQL, read so its issues can be searched under the caller's allow-list. */
import { z } from 'zod';
import { segment } from '../path.js';
import { anyId, getAs, loose, operation, optionalText } from '../shape.js';
import type { JiraClient } from './client.js';

export interface RawFilter {
  id: string | number;
  name: string;
  jql: string;
  description?: string | null;
  viewUrl?: string | null;
}

const ANSWERS = {
  getFilter: operation<RawFilter>('getFilter', () =>
    loose({ id: anyId, name: z.string(), jql: z.string(), description: optionalText, viewUrl: optionalText }),
  ),
};

/** One saved filter by id (the same path on Cloud v3 and Server/DC v2). Its JQL is searched separately. */
export function getFilter(jira: JiraClient, id: string, signal?: AbortSignal): Promise<RawFilter> {
  return getAs(jira.http, ANSWERS.getFilter, `${jira.api}/filter/${segment(id)}`, undefined, signal);
}
