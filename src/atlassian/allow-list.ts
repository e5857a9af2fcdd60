/**
 * The shape of an instance allow-list (`projects_filter`, `spaces_filter`): keys compared without regard to case,
 * where no list, or an empty one, allows every key. Each product's scope (`jira/visibility.ts`,
 * `confluence/visibility.ts`) builds on it.
 */
export class AllowList {
  private readonly keys?: ReadonlySet<string>;

  constructor(readonly entries?: readonly string[]) {
    if (entries?.length) this.keys = new Set(entries.map((key) => key.toUpperCase()));
  }

  /** Whether a list is set at all. */
  get limited(): boolean {
    return this.keys !== undefined;
  }

  /** Whether the key is allowed; with a list, an unknown key (null) is not. */
  allows(key: string | null): boolean {
    return !this.keys || (key !== null && this.keys.has(key.toUpperCase()));
  }
}
