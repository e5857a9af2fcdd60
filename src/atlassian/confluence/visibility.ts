/**
 * An instance's space allow-list (`spaces_filter`), held by its Confluence client so that it applies below every
 * tool: pages and spaces outside it are refused as not found, CQL searches are narrowed to it, and space listings
 * leave the other spaces out.
 */
import { AllowList } from '../allow-list.js';
import { restrictToSpaces } from './cql.js';

export class SpaceScope extends AllowList {
  /** A CQL query with `space in (…)` ANDed in; refused, never sent, when it could escape the list. */
  restrict(cql: string): string {
    return restrictToSpaces(cql, this.entries);
  }
}
