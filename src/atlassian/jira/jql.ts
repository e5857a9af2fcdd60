/** JQL composition: restrict a caller's query to an instance's allowed projects without letting it escape. */
import { restrictQuery } from '../query/restrict.js';

export function quoteJqlValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * ANDs `project in (…)` into the query when the instance has a project allow-list. The caller's condition
 * becomes one parenthesised group and only a plain ORDER BY may follow; other input is refused, never sent.
 */
export function restrictToProjects(jql: string, projects: readonly string[] | undefined): string {
  if (!projects || projects.length === 0) return jql;
  return restrictQuery(jql, `project in (${projects.map(quoteJqlValue).join(', ')})`, 'JQL');
}

/** ANDs a trusted clause (a board's filter, a sprint) into a caller's JQL, keeping its ORDER BY last. */
export function andJql(jql: string, clause: string): string {
  return restrictQuery(jql, clause, 'JQL');
}
