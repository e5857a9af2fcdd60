/**
 * Paging that does not trust the server blindly. Atlassian says "there is more" in several ways (`isLast: false`,
 * a `nextPageToken`, a `_links.next` cursor, `total` above what was read); a server that keeps saying so must not
 * make one tool call send thousands of requests. Every paging loop goes through `collectPages`, and every single
 * page that offers a next position through `checkNext`, which stop on `total`, on an empty page, on a page that
 * adds no new item, on a cursor or offset already used, and at a per-call page budget, and say why.
 */
import { callObserver } from './call-activity.js';

/** Why a listing stopped before Atlassian said it was complete. */
export type PagingStopReason = 'page_budget' | 'empty_page' | 'no_new_items' | 'repeated_position';

export interface PagingStop {
  reason: PagingStopReason;
  /** Pages read in this call. */
  pages: number;
}

export interface PageAnswer<T, Position> {
  items: readonly T[];
  /** Where the next page starts, when Atlassian says there is one. */
  next?: Position;
  /** How many items Atlassian says there are in all, when it says. */
  total?: number;
  /** The page itself already found its announced next page leads nowhere (see `checkNext`). */
  stopped?: PagingStop;
}

export interface Collected<T> {
  items: T[];
  pages: number;
  /** Stopped at the caller's `maxItems` while Atlassian announced more. */
  truncated: boolean;
  /** Set when the listing stopped before Atlassian said it was complete. */
  stopped?: PagingStop;
}

export interface CollectOptions<T, Position> {
  first: Position;
  /** Reads one page; `collected` is how many distinct items are already in hand (to size the next request). */
  fetch: (position: Position, collected: number) => Promise<PageAnswer<T, Position>>;
  /** Identity of an item, to drop repeats and notice a page that adds nothing new. */
  idOf: (item: T) => string;
  /**
   * The call's signal, which the pages' requests carry: its observer hears each page read (call-activity.ts).
   * Required, though it may be undefined, so a listing cannot leave it out by accident and go unreported.
   */
  signal: AbortSignal | undefined;
  /** Most requests one call may send for this listing. */
  maxPages: number;
  /** Stop (as complete) once this many items are in hand: the caller's own limit. */
  maxItems?: number;
}

/** Reads pages until Atlassian says it is done or one of the stop rules applies; never more than `maxPages`. */
export async function collectPages<T, Position extends string | number>(
  options: CollectOptions<T, Position>,
): Promise<Collected<T>> {
  const items: T[] = [];
  const seen = new Set<string>();
  const positions = new Set<Position>([options.first]);
  let position = options.first;
  const observer = callObserver(options.signal);
  for (let pages = 1; ; pages++) {
    const page = await options.fetch(position, items.length);
    let fresh = 0;
    for (const item of page.items) {
      const id = options.idOf(item);
      if (seen.has(id)) continue;
      seen.add(id);
      items.push(item);
      fresh++;
    }
    observer?.pageRead?.(items.length);
    if (page.stopped) return { items, pages, truncated: false, stopped: { reason: page.stopped.reason, pages } };
    if (page.next === undefined) return { items, pages, truncated: false };
    if (page.total !== undefined && items.length >= page.total) return { items, pages, truncated: false };
    if (options.maxItems !== undefined && items.length >= options.maxItems) return { items, pages, truncated: true };
    const stop = stopReason(page.items.length, fresh, positions.has(page.next), pages >= options.maxPages);
    if (stop) return { items, pages, truncated: false, stopped: { reason: stop, pages } };
    positions.add(page.next);
    position = page.next;
  }
}

function stopReason(
  received: number,
  fresh: number,
  repeated: boolean,
  budgetSpent: boolean,
): PagingStopReason | undefined {
  if (received === 0) return 'empty_page';
  if (fresh === 0) return 'no_new_items';
  if (repeated) return 'repeated_position';
  if (budgetSpent) return 'page_budget';
  return undefined;
}

/**
 * For a tool that returns one page and tells the caller how to get the next: the next position only when it can
 * lead somewhere. An empty page that announces more, a cursor equal to the one just used or an offset that does
 * not move forward would send the caller round in circles; then there is no next position, and a stop to report.
 */
export function checkNext<Position extends string | number>(
  page: OnePage<Position>,
): { next?: Position; stopped?: PagingStop } {
  if (page.next === undefined) return {};
  const stop =
    page.received === 0 ? 'empty_page' : leadsBack(page.position, page.next) ? 'repeated_position' : undefined;
  return stop ? { stopped: { reason: stop, pages: 1 } } : { next: page.next };
}

/** `checkNext` for an offset page that states its `total`: a next page only while `startAt + received` is short of it. */
export function checkNextOffset(
  startAt: number,
  received: number,
  total: number | undefined,
): { next?: number; stopped?: PagingStop } {
  const announced = total !== undefined && startAt + received < total ? startAt + received : undefined;
  return checkNext({ position: startAt, next: announced, received });
}

/** One page as a single-page tool read it: where it started, where Atlassian says the next starts, how many items came. */
export interface OnePage<Position> {
  position: Position | undefined;
  next: Position | undefined;
  received: number;
}

/** A cursor equal to the one just used, or an offset that does not move forward. */
function leadsBack<Position extends string | number>(position: Position | undefined, next: Position): boolean {
  return next === position || (typeof next === 'number' && next <= Number(position ?? 0));
}

const WHY: Record<PagingStopReason, string> = {
  page_budget: 'Atlassian kept announcing more pages, and this is the most one call reads',
  empty_page: 'Atlassian announced more but sent an empty page',
  no_new_items: 'Atlassian sent a page of items already listed',
  repeated_position: 'Atlassian pointed back to a page already read',
};

/** The sentence a tool's answer carries when a listing stopped early. */
export function describeStop(stop: PagingStop, what = 'Listing'): string {
  return `${what} stopped after ${stop.pages} page${stop.pages === 1 ? '' : 's'}: ${WHY[stop.reason]}; showing what was collected`;
}
