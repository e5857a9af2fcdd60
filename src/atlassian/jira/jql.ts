/** JQL composition: restrict a caller's query to an instance's allowed projects without breaking ORDER BY. */

/** Splits `jql` into its condition and its ORDER BY clause, ignoring text inside quotes. */
export function splitOrderBy(jql: string): { where: string; orderBy: string } {
  let quote: string | null = null;
  let found = -1;
  for (let index = 0; index < jql.length; index++) {
    const char = jql[index]!;
    if (quote) {
      if (char === '\\') index++;
      else if (char === quote) quote = null;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (/^order\s+by\b/i.test(jql.slice(index)) && (index === 0 || /\s/.test(jql[index - 1]!))) found = index;
  }
  if (found < 0) return { where: jql.trim(), orderBy: '' };
  return { where: jql.slice(0, found).trim(), orderBy: jql.slice(found).trim() };
}

export function quoteJqlValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** ANDs `project in (…)` into the query when the instance has a project allow-list. */
export function restrictToProjects(jql: string, projects: readonly string[] | undefined): string {
  if (!projects || projects.length === 0) return jql;
  const { where, orderBy } = splitOrderBy(jql);
  const filter = `project in (${projects.map(quoteJqlValue).join(', ')})`;
  const condition = where ? `(${where}) AND ${filter}` : filter;
  return orderBy ? `${condition} ${orderBy}` : condition;
}

/** Whether an issue key belongs to an allowed project (no list means every project). */
export function isProjectAllowed(issueKey: string, projects: readonly string[] | undefined): boolean {
  if (!projects || projects.length === 0) return true;
  const project = issueKey.split('-')[0]?.toUpperCase();
  return projects.some((allowed) => allowed.toUpperCase() === project);
}
