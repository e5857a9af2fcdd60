/**
 * A small CQL evaluator for the sandbox, on the sandbox's own parser: AND/OR/NOT with parentheses over
 * siteSearch/text/title `~`, space/type/id/parent/label `=`/`in`, and `favourite = currentUser()` (the sandbox has
 * one signed-in user per site, whose favourites the pages mark). Clauses on other fields match everything.
 */
import type { SandboxPage } from '../confluence/confluence-model.js';
import { evaluate, parseQuery } from './query-parser.js';

export { QuerySyntaxError } from './query-parser.js';

/** Parses `cql` once; throws `QuerySyntaxError` where Confluence would answer 400. */
export function compileCql(
  cql: string,
  spaceKey: string,
  text: (page: SandboxPage) => string,
): (page: SandboxPage) => boolean {
  const parsed = parseQuery(cql);
  return (page) =>
    evaluate(parsed.where, (clause) => {
      const actual = valuesOf(clause.field.toLowerCase(), page, spaceKey, text);
      if (actual === undefined) return undefined;
      const values = clause.values.map((value) => value.toLowerCase());
      const hit =
        clause.operator === '~' || clause.operator === '!~'
          ? values.some((value) =>
              actual.some((candidate) => value.split(/\s+/).every((word) => candidate.includes(word))),
            )
          : values.some((value) => actual.includes(value));
      switch (clause.operator) {
        case '=':
        case 'in':
        case '~':
          return hit;
        case '!=':
        case 'not in':
        case '!~':
          return !hit;
        default:
          return undefined;
      }
    });
}

function valuesOf(
  field: string,
  page: SandboxPage,
  spaceKey: string,
  text: (page: SandboxPage) => string,
): string[] | undefined {
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
    case 'favourite':
    case 'favourites':
      return page.favourite ? ['currentuser()'] : [];
    default:
      return undefined;
  }
}
