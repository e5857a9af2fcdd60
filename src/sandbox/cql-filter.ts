/** A small CQL evaluator for the sandbox: siteSearch/text/title `~`, space `=`/`in`, type `=`, id `=`, AND. */
import type { SandboxPage } from './confluence-seed.js';

const CLAUSE = /([\w.]+)\s*(=|~|!=|in|not in)\s*("(?:[^"\\]|\\.)*"|\([^)]*\)|[\w-]+)/gi;

export function matchesCql(page: SandboxPage, spaceKey: string, cql: string, text: (page: SandboxPage) => string): boolean {
  const where = cql.replace(/\s+order\s+by\s+.*$/i, '');
  for (const match of where.matchAll(CLAUSE)) {
    const field = match[1]!.toLowerCase();
    const operator = match[2]!.toLowerCase();
    const values = match[3]!.replace(/^\(|\)$/g, '').split(',').map((value) => value.trim().replace(/^"|"$/g, '').replace(/\\"/g, '"').toLowerCase());
    const actual = valuesOf(field, page, spaceKey, text);
    if (actual === undefined) continue;
    const hit = operator === '~' ? values.some((value) => actual.some((candidate) => value.split(/\s+/).every((word) => candidate.includes(word)))) : values.some((value) => actual.includes(value));
    if (operator === '!=' || operator === 'not in' ? hit : !hit) return false;
  }
  return true;
}

function valuesOf(field: string, page: SandboxPage, spaceKey: string, text: (page: SandboxPage) => string): string[] | undefined {
  switch (field) {
    case 'sitesearch':
    case 'text':
      return [`${page.title} ${text(page)}`.toLowerCase()];
    case 'title':
      return [page.title.toLowerCase()];
    case 'space':
    case 'space.key':
      return [spaceKey.toLowerCase()];
    case 'type':
      return ['page'];
    case 'id':
    case 'content':
      return [page.id];
    case 'parent':
      return [page.parentId ?? ''];
    case 'label':
      return page.labels.map((label) => label.toLowerCase());
    default:
      return undefined;
  }
}
