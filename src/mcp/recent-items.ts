/**
 * The items a connection has seen, newest first: what `resources/list` shows. Bounded, so a long session that reads
 * thousands of issues keeps only the latest few.
 */
import type { Resource } from '@modelcontextprotocol/server';

/** How many items `resources/list` shows at most. */
export const RECENT_ITEMS_LIMIT = 50;

export class RecentItems {
  private readonly items = new Map<string, Resource>();

  constructor(private readonly limit = RECENT_ITEMS_LIMIT) {}

  /** Puts the item first, replacing an older entry for the same URI; the oldest drops out past the limit. */
  remember(item: Resource): void {
    this.items.delete(item.uri);
    this.items.set(item.uri, item);
    if (this.items.size > this.limit) this.items.delete(this.items.keys().next().value!);
  }

  /** Newest first. */
  list(): Resource[] {
    return [...this.items.values()].reverse();
  }
}
