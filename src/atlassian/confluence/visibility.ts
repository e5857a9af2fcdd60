/**
 * An instance's space allow-list (`spaces_filter`), held by its Confluence client so that it applies below every
 * tool: pages and spaces outside it are refused as not found, CQL searches are narrowed to it, and space listings
 * leave the other spaces out.
 */
import { restrictToSpaces } from './cql.js';

export class SpaceScope {
  private readonly allowed?: ReadonlySet<string>;

  /** `spaces`: the allow-list; absent or empty means every space. */
  constructor(readonly spaces?: readonly string[]) {
    if (spaces?.length) this.allowed = new Set(spaces.map((space) => space.toUpperCase()));
  }

  /** Whether an allow-list is set at all: then a Cloud page's space must be looked up to be checked. */
  get limited(): boolean {
    return this.allowed !== undefined;
  }

  /** Whether a space key is allowed; with a list, an unknown space (null) is not. */
  allows(key: string | null): boolean {
    return !this.allowed || (key !== null && this.allowed.has(key.toUpperCase()));
  }

  /** A CQL query with `space in (…)` ANDed in; refused, never sent, when it could escape the list. */
  restrict(cql: string): string {
    return restrictToSpaces(cql, this.spaces);
  }
}
